// Binding input nodes to dataset modalities (shape tests; no training).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile/index.ts';
import { exampleProject, newProject, TEMPLATES, type Graph } from '../../graph/index.ts';
import type { DatasetInfo, ModalitySpec } from '../../data/types.ts';
import { bindDataset, BindingError, documentBindings } from './binding.ts';
import { edge, graphOf, node, toyDataset, toyGraph } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const image = (name: string, h: number, w: number, c: number): ModalitySpec => ({
  name,
  kind: 'image',
  shape: [h, w, c],
  preprocessing: { kind: 'image', height: h, width: w, channels: c, scale: 'unit' },
  canBeMissing: false,
});
const audio: ModalitySpec = {
  name: 'audio',
  kind: 'audio',
  shape: [61, 129],
  preprocessing: { kind: 'audio', sampleRate: 8000, clipSamples: 8000, frameLength: 256, frameStep: 128, fftLength: 256, epsilon: 1e-6, mean: 0, std: 1 },
  canBeMissing: false,
};
const text = (vocabulary: number, maxLength: number): ModalitySpec => ({
  name: 'caption',
  kind: 'text',
  shape: [maxLength],
  preprocessing: { kind: 'text', maxLength, vocabulary: Array.from({ length: vocabulary }, (_, i) => `w${i}`), lowercase: true, padId: 0, unknownId: 1 },
  canBeMissing: false,
});

function info(modalities: ModalitySpec[], classes = 10): DatasetInfo {
  return {
    id: 'test.info',
    title: 'AV test',
    description: '',
    credits: [],
    task: 'classification',
    classes: Array.from({ length: classes }, (_, i) => String(i)),
    modalities,
    size: 0,
    splits: { train: 0, validation: 0, test: 0 },
    classCounts: { train: [], validation: [], test: [] },
    splitNote: '',
  };
}

function bind(graph: Graph, dataset: DatasetInfo, explicit: Record<string, string> = {}): ReturnType<typeof bindDataset> {
  const compiled = compileGraph(graph, { seed: 1, probes: false });
  try {
    return bindDataset(graph, compiled, dataset, explicit);
  } finally {
    compiled.model.dispose();
  }
}

function bindError(graph: Graph, dataset: DatasetInfo, explicit: Record<string, string> = {}): BindingError {
  try {
    bind(graph, dataset, explicit);
  } catch (err) {
    if (err instanceof BindingError) return err;
    throw err;
  }
  throw new Error('expected a BindingError');
}

const example = exampleProject().graph;

describe('bindDataset', () => {
  it('binds input nodes by kind in document order, and heads to one-hot labels', () => {
    const b = bind(example, info([audio, image('image', 28, 28, 1)]));
    expect(b.inputs.map((i) => [i.nodeId, i.modality, i.rowSize, i.dtype])).toEqual([
      ['n1', 'image', 784, 'float32'],
      ['n2', 'audio', 61 * 129, 'float32'],
    ]);
    expect(b.targets).toEqual([{ nodeId: 'n6', outputIndex: 0, loss: 'softmaxCrossEntropy', encoding: 'oneHot', width: 10 }]);
    expect(b.modalities).toEqual(['image', 'audio']);
  });

  it('names the node, both shapes and the params to set when an image shape differs', () => {
    const err = bindError(example, info([image('image', 16, 16, 3), audio]));
    expect(err.nodeId).toBe('n1');
    expect(err.message).toBe(
      `Image input "Digit image" (n1) expects 28×28×1 but the dataset's 'image' is 16×16×3: set height 16, width 16, channels 3, or choose another dataset.`,
    );
  });

  it('names the spectrogram settings when an audio shape differs', () => {
    const other: ModalitySpec = { ...audio, shape: [30, 129], preprocessing: { ...(audio.preprocessing as Extract<ModalitySpec['preprocessing'], { kind: 'audio' }>), clipSamples: 4000 } };
    const err = bindError(example, info([image('image', 28, 28, 1), other]));
    expect(err.nodeId).toBe('n2');
    expect(err.message).toMatch(/^Audio input "Spoken digit" \(n2\) expects 61×129 but the dataset's 'audio' is 30×129: set sample rate 8000, clip length 4000, frame length 256 and frame step 128/);
  });

  it('says when no modality of the kind is left, naming the node', () => {
    const err = bindError(example, info([image('image', 28, 28, 1)]));
    expect(err.nodeId).toBe('n2');
    expect(err.message).toBe(`Audio input "Spoken digit" (n2) has nothing to read: the dataset 'AV test' has no audio modality (it has image 'image'). Remove the input node, or choose a dataset with an audio modality.`);
  });

  it('follows explicit bindings (document.dataset.bindings) and checks their kind', () => {
    const data = info([image('left', 28, 28, 1), image('right', 28, 28, 1), audio]);
    expect(bind(example, data, { n1: 'right' }).inputs[0]?.modality).toBe('right');
    expect(bindError(example, data, { n1: 'audio' }).message).toMatch(/^Image input "Digit image" \(n1\) reads image, but it is bound to 'audio', which is audio\./);
    expect(bindError(example, data, { n1: 'nope' }).message).toMatch(/is bound to the modality 'nope', which the dataset 'AV test' does not have/);
    const doc = { ...newProject('x'), dataset: { id: 'd', bindings: { n1: 'right' } } };
    expect(documentBindings(doc)).toEqual({ n1: 'right' });
  });

  it('checks the class count of the head, and of every classifier feeding a late fusion', () => {
    const err = bindError(example, info([image('image', 28, 28, 1), audio], 2));
    expect(err.nodeId).toBe('n6');
    expect(err.message).toBe(`Classifier "Digit" (n6) predicts 10 classes but the dataset 'AV test' has 2 (0, 1). Set classes 2.`);
    const late = TEMPLATES.find((t) => t.id === 'late')?.build().graph as Graph;
    expect(bindError(late, info([image('image', 28, 28, 1), audio], 3)).message).toMatch(/^Late fusion "Combine votes" \(n7\) predicts 10 classes .* Set classes 3 on every classifier feeding it \(n5, n6\)\.$/);
  });

  it('feeds text as int32 and checks the vocabulary', () => {
    const g = graphOf(
      [node('t', 'input.text', { vocabSize: 50, maxLength: 6 }), node('e', 'encoder.embedding', { dim: 4 }), node('h', 'head.classify', { classes: 2 })],
      [edge('e1', 't', 'e'), edge('e2', 'e', 'h')],
    );
    expect(bind(g, info([text(40, 6)], 2)).inputs[0]).toMatchObject({ dtype: 'int32', rowSize: 6 });
    const err = bindError(g, info([text(80, 6)], 2));
    expect(err.message).toBe(`Text input (t) has a vocabulary of 50 token ids but the dataset's 'caption' uses 80: set vocabulary size 80.`);
  });

  it('binds the toy graph to the toy dataset', () => {
    const b = bind(toyGraph(), toyDataset().info);
    expect(b.inputs.map((i) => i.modality)).toEqual(['a', 'b']);
    expect(b.unused).toEqual([]);
  });
});
