// The reference models of the throughput benchmark, twice each: as a designer document (a graph
// the app compiles with compileGraph) and written by hand in tfjs with the same layers. Their
// PyTorch twins are in bench/pytorch_reference.py: keep the three in step.
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_TRAINING, newProject } from '../../src/graph/document.ts';
import { defaultParams, getKind, type Graph, type GraphEdge, type GraphNode, type ParamValue, type ProjectDocument } from '../../src/graph/index.ts';
import type { DatasetArrays, DatasetInfo, ModalitySpec } from '../../src/data/types.ts';

export type ModelId = 'dense' | 'cnn' | 'attention' | 'crossAttention';

/** The models of the heatmaps bench (no hand-written twin: timed with live heatmaps on and off). */
export const HEATMAP_MODELS: readonly ModelId[] = ['attention', 'crossAttention'];

export const BATCH_SIZE = 64;
export const CLASSES = 10;
/** Rows of the synthetic dataset the benchmark trains on (8 batches; the values do not matter for speed). */
export const SAMPLES = 8 * BATCH_SIZE;

export interface ReferenceModel {
  readonly id: ModelId;
  readonly title: string;
  /** The layers, in words (printed in docs/BENCHMARKS.md). */
  readonly layers: string;
  readonly document: ProjectDocument;
  /** The same layers written by hand (null when the model is only used for the probe comparison). */
  readonly handwritten: (() => tf.LayersModel) | null;
}

function node(id: string, kind: string, params: Readonly<Record<string, ParamValue>> = {}): GraphNode {
  const k = getKind(kind);
  if (!k) throw new Error(`unknown node kind ${kind}`);
  return { id, kind, label: id, position: { x: 0, y: 0 }, params: { ...defaultParams(k), ...params } };
}

/** Links from `source`'s "out" to `target`'s port (default "in"). */
function graph(nodes: readonly GraphNode[], links: readonly (readonly [string, string, string?])[]): Graph {
  const edges: GraphEdge[] = links.map(([source, target, port = 'in'], i) => ({ id: `e${i + 1}`, source, sourcePort: 'out', target, targetPort: port }));
  return { nodes, edges };
}

function project(name: string, g: Graph): ProjectDocument {
  return { ...newProject(name), graph: g, training: { ...DEFAULT_TRAINING, optimizer: 'adam', learningRate: 0.001, batchSize: BATCH_SIZE, seed: 42 } };
}

const TAB784 = node('pixels', 'input.tabular', { features: 784 });
const TAB64 = node('sound', 'input.tabular', { features: 64 });
const IMAGE = node('image', 'input.image', { height: 28, width: 28, channels: 1 });
const MLP784 = node('pixelsEnc', 'encoder.mlp', { layers: 2, units: 128, activation: 'relu', dropout: 0 });
const MLP64 = node('soundEnc', 'encoder.mlp', { layers: 2, units: 64, activation: 'relu', dropout: 0 });
const CNN = node('imageEnc', 'encoder.cnn2d', { blocks: 2, filters: 16, kernelSize: 3, pooling: 'global-avg', units: 64 });
const CONCAT = node('fuse', 'fusion.concat');
const HEAD = node('head', 'head.classify', { classes: CLASSES, hidden: 64 });

/** Dense layers shared by the hand-written models: a 64-wide ReLU tabular MLP, and the head. */
function tabularMlp(x: tf.SymbolicTensor): tf.SymbolicTensor {
  const h = tf.layers.dense({ units: 64, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  return tf.layers.dense({ units: 64, activation: 'relu' }).apply(h) as tf.SymbolicTensor;
}

function classifier(z: tf.SymbolicTensor): tf.SymbolicTensor {
  const h = tf.layers.dense({ units: 64, activation: 'relu' }).apply(z) as tf.SymbolicTensor;
  return tf.layers.dense({ units: CLASSES }).apply(h) as tf.SymbolicTensor;
}

export const REFERENCE_MODELS: readonly ReferenceModel[] = [
  {
    id: 'dense',
    title: 'dense two-modality fusion (inputs 784 and 64)',
    layers: 'tabular 784 → dense 128 ReLU → dense 128 ReLU; tabular 64 → dense 64 ReLU → dense 64 ReLU; concat (192) → dense 64 ReLU → dense 10; softmax cross-entropy',
    document: project('bench: dense two-modality fusion', graph([TAB784, TAB64, MLP784, MLP64, CONCAT, HEAD], [['pixels', 'pixelsEnc'], ['sound', 'soundEnc'], ['pixelsEnc', 'fuse'], ['soundEnc', 'fuse'], ['fuse', 'head']])),
    handwritten: () => {
      const a = tf.input({ shape: [784] });
      const b = tf.input({ shape: [64] });
      let za = tf.layers.dense({ units: 128, activation: 'relu' }).apply(a) as tf.SymbolicTensor;
      za = tf.layers.dense({ units: 128, activation: 'relu' }).apply(za) as tf.SymbolicTensor;
      const z = tf.layers.concatenate().apply([za, tabularMlp(b)]) as tf.SymbolicTensor;
      return tf.model({ inputs: [a, b], outputs: classifier(z) });
    },
  },
  {
    id: 'cnn',
    title: 'CNN image + tabular fusion (28×28 image, two conv layers)',
    layers:
      'image 28×28×1 → conv 3×3 16 same ReLU → max-pool 2 → conv 3×3 32 same ReLU → max-pool 2 → global average → dense 64 ReLU; tabular 64 → dense 64 ReLU → dense 64 ReLU; concat (128) → dense 64 ReLU → dense 10; softmax cross-entropy',
    document: project('bench: CNN image + tabular fusion', graph([IMAGE, TAB64, CNN, MLP64, CONCAT, HEAD], [['image', 'imageEnc'], ['sound', 'soundEnc'], ['imageEnc', 'fuse'], ['soundEnc', 'fuse'], ['fuse', 'head']])),
    handwritten: () => {
      const img = tf.input({ shape: [28, 28, 1] });
      const tab = tf.input({ shape: [64] });
      let x = tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(img) as tf.SymbolicTensor;
      x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(x) as tf.SymbolicTensor;
      x = tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
      x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }).apply(x) as tf.SymbolicTensor;
      x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
      x = tf.layers.dense({ units: 64, activation: 'relu' }).apply(x) as tf.SymbolicTensor;
      const z = tf.layers.concatenate().apply([x, tabularMlp(tab)]) as tf.SymbolicTensor;
      return tf.model({ inputs: [img, tab], outputs: classifier(z) });
    },
  },
  {
    id: 'attention',
    title: 'dense modality-attention fusion (inputs 784 and 64), probes on vs off',
    layers: 'the dense model with fusion.modalityAttention (d 64) instead of concat; its probe is the modality weights α [2] per sample',
    document: project(
      'bench: dense modality attention',
      graph(
        [TAB784, TAB64, MLP784, MLP64, node('fuse', 'fusion.modalityAttention', { units: 64 }), HEAD],
        [['pixels', 'pixelsEnc'], ['sound', 'soundEnc'], ['pixelsEnc', 'fuse'], ['soundEnc', 'fuse'], ['fuse', 'head']],
      ),
    ),
    handwritten: null,
  },
  {
    id: 'crossAttention',
    title: 'patch self-attention + tabular fusion (28×28 image as 16 patch tokens), heatmaps on vs off',
    layers:
      'image 28×28×1 → 7×7 patch tokens (16 × 32, positions) → fusion.crossAttention of the patches with themselves (d 32, 4 heads, feed-forward 64) → 1-D CNN pooling (32); tabular 64 → dense 64 ReLU → dense 64 ReLU; concat → dense 64 ReLU → dense 10; its probe is the attention map A [4, 16, 16] per sample',
    document: project(
      'bench: patch attention',
      graph(
        [
          IMAGE,
          TAB64,
          node('patches', 'encoder.patches', { patchSize: 7, dim: 32, positions: true }),
          node('attend', 'fusion.crossAttention', { dModel: 32, heads: 4, ffDim: 64, dropout: 0 }),
          node('pool', 'encoder.cnn1d', { blocks: 1, filters: 32, kernelSize: 3 }),
          MLP64,
          CONCAT,
          HEAD,
        ],
        [['image', 'patches'], ['patches', 'attend', 'query'], ['patches', 'attend', 'context'], ['attend', 'pool'], ['sound', 'soundEnc'], ['pool', 'fuse'], ['soundEnc', 'fuse'], ['fuse', 'head']],
      ),
    ),
    handwritten: null,
  },
];

export function referenceModel(id: ModelId): ReferenceModel {
  const m = REFERENCE_MODELS.find((r) => r.id === id);
  if (!m) throw new Error(`unknown model ${id}`);
  return m;
}

/** mulberry32 (as src/compile/seed.ts): reproducible synthetic values. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function modality(name: string, kind: 'image' | 'tabular', shape: readonly number[]): ModalitySpec {
  const width = shape.reduce((a, d) => a * d, 1);
  const preprocessing: ModalitySpec['preprocessing'] =
    kind === 'image'
      ? { kind: 'image', height: shape[0] ?? 1, width: shape[1] ?? 1, channels: shape[2] ?? 1, scale: 'unit' }
      : { kind: 'tabular', columns: Array.from({ length: width }, (_, i) => `c${i}`), mean: new Array<number>(width).fill(0), std: new Array<number>(width).fill(1), fill: new Array<number>(width).fill(0) };
  return { name, kind, shape, preprocessing, canBeMissing: false };
}

/**
 * A synthetic dataset with the modalities every reference model reads: 'pixels' (tabular 784),
 * 'sound' (tabular 64) and 'image' (28×28×1), all in the train split, random labels.
 */
export function syntheticData(seed = 7): DatasetArrays {
  const rand = generator(seed);
  const fill = (n: number, scale: number, offset: number) => Float32Array.from({ length: n }, () => (rand() - offset) * scale);
  const labels = Int32Array.from({ length: SAMPLES }, () => Math.floor(rand() * CLASSES));
  const classCounts = new Array<number>(CLASSES).fill(0);
  for (const l of labels) classCounts[l] = (classCounts[l] ?? 0) + 1;
  const modalities = [modality('pixels', 'tabular', [784]), modality('sound', 'tabular', [64]), modality('image', 'image', [28, 28, 1])];
  const info: DatasetInfo = {
    id: 'bench.synthetic',
    title: 'benchmark data',
    description: 'Random values: only the speed of training matters here.',
    credits: [],
    task: 'classification',
    classes: Array.from({ length: CLASSES }, (_, i) => String(i)),
    modalities,
    size: SAMPLES,
    splits: { train: SAMPLES, validation: 0, test: 0 },
    classCounts: { train: classCounts, validation: new Array<number>(CLASSES).fill(0), test: new Array<number>(CLASSES).fill(0) },
    splitNote: 'all train',
  };
  return {
    info,
    inputs: { pixels: fill(SAMPLES * 784, 2, 0.5), sound: fill(SAMPLES * 64, 2, 0.5), image: fill(SAMPLES * 784, 1, 0) },
    labels,
    present: {},
    split: new Uint8Array(SAMPLES),
  };
}
