/**
 * Test support for the compiler (imported by *.test.ts only): small graphs that together use every
 * node kind (tiny shapes, so the tfjs cpu backend stays fast), seeded random inputs and targets,
 * and a memory save/load round trip.
 */
import * as tf from '@tensorflow/tfjs';
import { edge, graphOf, node } from '../graph/testing.ts';
import type { Graph, GraphEdge, GraphNode } from '../graph/index.ts';
import { mulberry32 } from './seed.ts';
import type { CompiledModel } from './types.ts';

export { edge, graphOf, node };

/** A named test graph. */
export interface TestGraph {
  readonly name: string;
  readonly graph: Graph;
}

let edgeCount = 0;
/** e(source → target[, targetPort[, sourcePort]]) with a fresh id. */
function e(source: string, target: string, targetPort = 'in', sourcePort = 'out'): GraphEdge {
  edgeCount += 1;
  return edge(`e${edgeCount}`, source, target, targetPort, sourcePort);
}

// Audio at 1 kHz, 64 samples, frames of 16 every 16: 4 frames × 9 bins.
const AUDIO = { sampleRate: 1000, clipSamples: 64, frameLength: 16, frameStep: 16 };

export const TEST_GRAPHS: readonly TestGraph[] = [
  {
    name: 'intermediate: cnn2d + mlp (with dropout) → concat → classifier with hidden layer',
    graph: graphOf(
      [
        node('img', 'input.image', { height: 8, width: 8, channels: 1 }),
        node('aud', 'input.audio', AUDIO),
        node('cnn', 'encoder.cnn2d', { blocks: 1, filters: 2, kernelSize: 3, pooling: 'global-avg', units: 4 }),
        node('mlp', 'encoder.mlp', { layers: 2, units: 4, activation: 'gelu', dropout: 0.1 }),
        node('cat', 'fusion.concat'),
        node('head', 'head.classify', { classes: 3, hidden: 4 }),
      ],
      [e('img', 'cnn'), e('aud', 'mlp'), e('cnn', 'cat'), e('mlp', 'cat'), e('cat', 'head')],
    ),
  },
  {
    name: 'sequences: cnn1d → GRU tokens → transformer (CLS); embedding (max); LSTM; elementwise product → regressor',
    graph: graphOf(
      [
        node('seq', 'input.sequence', { steps: 6, features: 3 }),
        node('txt', 'input.text', { vocabSize: 11, maxLength: 5 }),
        node('c1', 'encoder.cnn1d', { blocks: 1, filters: 2, kernelSize: 3, pooling: 'none' }),
        node('gru', 'encoder.rnn', { cell: 'gru', units: 4, returnSequences: true }),
        node('tr', 'encoder.transformer', { dModel: 4, heads: 2, layers: 1, ffDim: 4, pooling: 'cls', positions: true, dropout: 0.1 }),
        node('emb', 'encoder.embedding', { dim: 4, pooling: 'max' }),
        node('lstm', 'encoder.rnn', { cell: 'lstm', units: 4, returnSequences: false }),
        node('prod', 'fusion.elementwise', { op: 'product' }),
        node('reg', 'head.regress', { targets: 2, hidden: 0 }),
      ],
      [e('seq', 'c1'), e('c1', 'gru'), e('gru', 'tr'), e('txt', 'emb'), e('seq', 'lstm'), e('tr', 'prod'), e('emb', 'prod'), e('lstm', 'prod'), e('prod', 'reg')],
    ),
  },
  {
    name: 'tokens: patches and embedding tokens → cross-attention (two contexts) → transformer (mean) → multi-label',
    graph: graphOf(
      [
        node('img', 'input.image', { height: 4, width: 4, channels: 1 }),
        node('txt', 'input.text', { vocabSize: 7, maxLength: 3 }),
        node('tab', 'input.tabular', { features: 3 }),
        node('pat', 'encoder.patches', { patchSize: 2, dim: 4, positions: true }),
        node('emb', 'encoder.embedding', { dim: 4, pooling: 'none' }),
        node('proj', 'encoder.project', { units: 4, activation: 'tanh' }),
        node('x', 'fusion.crossAttention', { dModel: 4, heads: 2, ffDim: 4, dropout: 0 }),
        node('tr', 'encoder.transformer', { dModel: 4, heads: 1, layers: 1, ffDim: 4, pooling: 'mean', positions: false }),
        node('ml', 'head.multilabel', { labels: 3, hidden: 0 }),
      ],
      [e('img', 'pat'), e('txt', 'emb'), e('tab', 'proj'), e('pat', 'x', 'query'), e('emb', 'x', 'context'), e('proj', 'x', 'context'), e('x', 'tr'), e('tr', 'ml')],
    ),
  },
  {
    name: 'joint: projected sequence tokens + vector → fusion transformer (2 blocks) → FiLM (two conditions) → classifier',
    graph: graphOf(
      [
        node('seq', 'input.sequence', { steps: 3, features: 2 }),
        node('tab', 'input.tabular', { features: 3 }),
        node('proj', 'encoder.project', { units: 4 }),
        node('mlp', 'encoder.mlp', { layers: 1, units: 4 }),
        node('ft', 'fusion.transformer', { dModel: 4, heads: 2, layers: 2, ffDim: 4 }),
        node('film', 'fusion.film'),
        node('head', 'head.classify', { classes: 2 }),
      ],
      [e('seq', 'proj'), e('tab', 'mlp'), e('proj', 'ft'), e('mlp', 'ft'), e('ft', 'film', 'features'), e('mlp', 'film', 'condition'), e('ft', 'film', 'condition'), e('film', 'head')],
    ),
  },
  {
    name: 'vector fusions: tensor, low-rank, gated (M = 2 and 3), bilinear, modality attention → one classifier each',
    graph: graphOf(
      [
        node('a', 'input.tabular', { features: 3 }),
        node('b', 'input.tabular', { features: 2 }),
        node('ma', 'encoder.mlp', { layers: 1, units: 3 }),
        node('mb', 'encoder.mlp', { layers: 1, units: 2 }),
        node('mc', 'encoder.mlp', { layers: 1, units: 2, activation: 'tanh' }),
        node('ten', 'fusion.tensor', { units: 4, activation: 'tanh' }),
        node('lr', 'fusion.lowRank', { rank: 2, units: 4 }),
        node('g2', 'fusion.gated', { units: 3 }),
        node('g3', 'fusion.gated', { units: 3 }),
        node('bil', 'fusion.bilinear', { factor: 2, units: 3 }),
        node('att', 'fusion.modalityAttention', { units: 3 }),
        ...['ten', 'lr', 'g2', 'g3', 'bil', 'att'].map((f) => node(`h_${f}`, 'head.classify', { classes: 2 })),
      ] as GraphNode[],
      [
        e('a', 'ma'),
        e('b', 'mb'),
        e('a', 'mc'),
        ...['ten', 'lr', 'g2', 'bil', 'att'].flatMap((f) => [e('ma', f), e('mb', f)]),
        e('ma', 'g3'),
        e('mb', 'g3'),
        e('mc', 'g3'),
        e('mc', 'att'),
        ...['ten', 'lr', 'g2', 'g3', 'bil', 'att'].map((f) => e(f, `h_${f}`)),
      ],
    ),
  },
  {
    name: 'early fusion (flatten and time), dropout, modality dropout',
    graph: graphOf(
      [
        node('img', 'input.image', { height: 2, width: 2, channels: 1 }),
        node('aud', 'input.audio', AUDIO),
        node('tab', 'input.tabular', { features: 2 }),
        node('s1', 'input.sequence', { steps: 4, features: 2 }),
        node('ef', 'fusion.early', { align: 'flatten' }),
        node('drop', 'reg.dropout', { rate: 0.2 }),
        node('mlp', 'encoder.mlp', { layers: 1, units: 4 }),
        node('h1', 'head.classify', { classes: 2 }),
        node('et', 'fusion.early', { align: 'time' }),
        node('gru', 'encoder.rnn', { cell: 'gru', units: 3 }),
        node('h2', 'head.regress', { targets: 1 }),
        node('md', 'reg.modalityDropout', { rate: 0.5 }),
        node('m1', 'encoder.mlp', { layers: 1, units: 2 }),
        node('m2', 'encoder.mlp', { layers: 1, units: 2 }),
        node('m3', 'encoder.mlp', { layers: 1, units: 2 }),
        node('sum', 'fusion.elementwise', { op: 'mean' }),
        node('h3', 'head.classify', { classes: 2 }),
      ],
      [
        e('img', 'ef'),
        e('aud', 'ef'),
        e('tab', 'ef'),
        e('ef', 'drop'),
        e('drop', 'mlp'),
        e('mlp', 'h1'),
        e('aud', 'et'),
        e('s1', 'et'),
        e('et', 'gru'),
        e('gru', 'h2'),
        e('img', 'md', 'in_1'),
        e('tab', 'md', 'in_2'),
        e('s1', 'md', 'in_4'),
        e('md', 'm1', 'in', 'out_1'),
        e('md', 'm2', 'in', 'out_2'),
        e('md', 'm3', 'in', 'out_4'),
        e('m1', 'sum'),
        e('m2', 'sum'),
        e('m3', 'sum'),
        e('sum', 'h3'),
      ],
    ),
  },
  {
    name: 'late fusion: weighted over three classifiers, stacking over two',
    graph: graphOf(
      [
        node('a', 'input.tabular', { features: 3 }),
        node('b', 'input.tabular', { features: 2 }),
        node('ma', 'encoder.mlp', { layers: 1, units: 3 }),
        node('mb', 'encoder.mlp', { layers: 1, units: 3 }),
        node('ha', 'head.classify', { classes: 3 }),
        node('hb', 'head.classify', { classes: 3 }),
        node('hc', 'head.classify', { classes: 3, hidden: 2 }),
        node('hd', 'head.classify', { classes: 2 }),
        node('he', 'head.classify', { classes: 2 }),
        node('lw', 'fusion.late', { combine: 'weighted' }),
        node('ls', 'fusion.late', { combine: 'stacking' }),
      ],
      [
        e('a', 'ma'),
        e('b', 'mb'),
        e('ma', 'ha'),
        e('mb', 'hb'),
        e('ma', 'hc'),
        e('ha', 'lw'),
        e('hb', 'lw'),
        e('hc', 'lw'),
        e('ma', 'hd'),
        e('mb', 'he'),
        e('hd', 'ls'),
        e('he', 'ls'),
      ],
    ),
  },
];

/** Seeded inputs for a compiled model: Gaussian floats, or token ids below the vocabulary. */
export function randomInputs(compiled: CompiledModel, graph: Graph, batch: number, seed: number): tf.Tensor[] {
  const rand = mulberry32(seed);
  return compiled.inputs.map((input) => {
    const size = batch * input.shape.reduce((a, b) => a * b, 1);
    if (input.dtype === 'int32') {
      const vocab = Number(graph.nodes.find((n) => n.id === input.nodeId)?.params['vocabSize'] ?? 2);
      return tf.tensor(Array.from({ length: size }, () => Math.floor(rand() * vocab)), [batch, ...input.shape], 'int32');
    }
    return tf.tensor(Array.from({ length: size }, () => rand() * 2 - 1), [batch, ...input.shape]);
  });
}

/** Seeded targets per head: one-hot classes, 0/1 labels or Gaussian values. */
export function randomTargets(compiled: CompiledModel, batch: number, seed: number): tf.Tensor[] {
  const rand = mulberry32(seed);
  return compiled.outputs.map((head) => {
    const k = head.shape[0] ?? 1;
    if (head.decision === 'softmax') return tf.oneHot(Array.from({ length: batch }, () => Math.floor(rand() * k)), k).toFloat();
    if (head.decision === 'sigmoid') return tf.tensor(Array.from({ length: batch * k }, () => (rand() < 0.5 ? 0 : 1)), [batch, k]);
    return tf.tensor(Array.from({ length: batch * k }, () => rand() * 2 - 1), [batch, k]);
  });
}

/** Saves to memory through JSON (as a real save would) and loads back. */
export async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (saved === null) throw new Error('nothing saved');
  const artifacts: tf.io.ModelArtifacts = saved;
  const copy = JSON.parse(JSON.stringify({ ...artifacts, weightData: undefined })) as tf.io.ModelArtifacts;
  copy.weightData = artifacts.weightData ?? new ArrayBuffer(0);
  return tf.loadLayersModel(tf.io.fromMemory(copy));
}

export function asList<T>(x: T | T[]): T[] {
  return Array.isArray(x) ? x : [x];
}
