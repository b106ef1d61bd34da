import { describe, expect, it } from 'vitest';
import { exampleProject } from '../graph/index.ts';
import type { DatasetDescriptor, DatasetInfo } from '../graph/dataset.ts';
import { createAppStore } from './createAppStore.ts';
import { selectDatasetKey } from './dataSlice.ts';

const REDUNDANCY: DatasetDescriptor = {
  id: 'synthetic.redundancy',
  title: 'Redundancy',
  source: 'synthetic',
  summary: '',
  description: '',
  credits: [],
  classes: ['circle', 'square', 'triangle', 'cross'],
  modalities: [
    { name: 'image', kind: 'image', shape: [24, 24, 3], inputParams: { height: 24, width: 24, channels: 3 } },
    { name: 'text', kind: 'text', shape: [10], inputParams: { maxLength: 10, vocabSize: 34 } },
  ],
  size: 4000,
  splits: { train: 2800, validation: 600, test: 600 },
  options: [],
};

const INFO: DatasetInfo = {
  id: 'avdigits',
  title: 'AV-Digits',
  description: '',
  credits: [],
  task: 'classification',
  classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  modalities: [
    { name: 'image', kind: 'image', shape: [28, 28, 1], preprocessing: { kind: 'image', height: 28, width: 28, channels: 1, scale: 'unit' }, canBeMissing: false },
    {
      name: 'audio',
      kind: 'audio',
      shape: [61, 129],
      preprocessing: { kind: 'audio', sampleRate: 8000, clipSamples: 8000, frameLength: 256, frameStep: 128, fftLength: 256, epsilon: 0.001, mean: -4.5, std: 2.25 },
      canBeMissing: false,
    },
  ],
  size: 3000,
  splits: { train: 2250, validation: 250, test: 500 },
  classCounts: { train: [], validation: [], test: [] },
  splitNote: '',
};

function store() {
  const s = createAppStore({ ...exampleProject(), dataset: { id: 'avdigits' } });
  s.getState().setCatalogue([REDUNDANCY]);
  return s;
}

describe('data slice', () => {
  it('choosing a dataset fits the graph in one undo step; undo brings the old choice and params back', () => {
    const s = store();
    const changes = s.getState().chooseDataset('synthetic.redundancy');
    expect(changes.length).toBeGreaterThan(0);
    const doc = s.getState().doc;
    expect(doc.dataset).toEqual({ id: 'synthetic.redundancy', bindings: { n1: 'image' } });
    expect(doc.graph.nodes.find((n) => n.id === 'n1')?.params).toMatchObject({ height: 24, width: 24, channels: 3 });
    expect(s.getState().past).toHaveLength(1);
    s.getState().undo();
    expect(s.getState().doc.dataset).toEqual({ id: 'avdigits' });
    expect(s.getState().doc.graph.nodes.find((n) => n.id === 'n1')?.params).toMatchObject({ height: 28, channels: 1 });
  });

  it('option changes coalesce into one undo step per option and change the choice key', () => {
    const s = store();
    s.getState().setDatasetOption('seed', 1);
    s.getState().setDatasetOption('seed', 2);
    expect(s.getState().past).toHaveLength(1);
    expect(selectDatasetKey(s.getState())).toBe('avdigits?seed=2');
  });

  it('records preprocessing for the current choice without an undo step, and only once', () => {
    const s = store();
    s.getState().recordPreprocessing('avdigits', INFO);
    const doc = s.getState().doc;
    expect(doc.dataset?.preprocessing?.['audio']).toMatchObject({ kind: 'audio', mean: -4.5, std: 2.25 });
    expect(s.getState().past).toHaveLength(0);
    s.getState().recordPreprocessing('avdigits', INFO);
    expect(s.getState().doc).toBe(doc);
    s.getState().recordPreprocessing('avdigits?seed=9', INFO); // a stale load: ignored
    expect(s.getState().doc).toBe(doc);
    // New options drop the recorded preprocessing (it described other data).
    s.getState().setDatasetOption('seed', 9);
    expect(s.getState().doc.dataset?.preprocessing).toBeUndefined();
  });

  it('fitGraphToData binds the inputs of a loaded dataset', () => {
    const s = store();
    expect(s.getState().fitGraphToData(INFO)).toEqual([]);
    expect(s.getState().doc.dataset?.bindings).toEqual({ n1: 'image', n2: 'audio' });
  });

  it('the status is one union', () => {
    const s = store();
    expect(s.getState().data).toEqual({ state: 'idle' });
    s.getState().setDataStatus({ state: 'loading', key: 'avdigits', done: 1, total: 3, label: 'Decoding' });
    expect(s.getState().data.state).toBe('loading');
  });
});
