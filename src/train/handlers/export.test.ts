// The worker's export handler, driven by messages as the router would (cpu backend): after a
// training run, export.start answers with progress and a zip of the bundle / PyTorch / Keras files;
// a run whose model is gone gets export.failed with what to do; no tensor is left behind.
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES } from '../../export/bundle/format.ts';
import { toyDataset, toyDocument, toyGraph } from '../loop/testing.ts';
import type { ExportResponse } from '../exportProtocol.ts';
import type { RunRecord, TrainingEvent } from '../trainingProtocol.ts';
import { createExportHandler, pickSampleRows } from './export.ts';
import { createTrainingHandler } from './train.ts';

const data = toyDataset({ n: 120 });
const document = { ...toyDocument(toyGraph('fusion.gated', { fusionParams: { units: 4 } }), { epochs: 1 }), name: 'Toy gated' };
const training = createTrainingHandler({ loadDataset: async () => data, availableBackends: async () => ['cpu'] });
const exporter = createExportHandler({ trainedModel: () => training.trainedModel(), loadDataset: async () => data, producedBy: 'test' });
let record: RunRecord;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const events: TrainingEvent[] = [];
  await training.handle({ type: 'train.start', runId: 'r1', document, backend: 'cpu', probesPerSecond: 0 }, (e) => events.push(e));
  await training.idle();
  const done = events.find((e) => e.type === 'train.done');
  if (done?.type !== 'train.done') throw new Error(`training failed: ${JSON.stringify(events.filter((e) => e.type === 'train.error'))}`);
  record = done.record;
}, 60_000);

async function exportOf(format: 'bundle' | 'pytorch' | 'keras', runId = 'r1', includeDataset = true): Promise<ExportResponse[]> {
  const out: ExportResponse[] = [];
  await exporter({ type: 'export.start', requestId: 7, runId, format, record, includeDataset }, (m) => out.push(m));
  return out;
}

describe('export.start', () => {
  it.each([
    ['bundle', Object.values(BUNDLE_FILES).sort()],
    ['pytorch', ['DATASET.md', 'README.md', 'dataset.npz', 'model.py', 'project.fusion.json', 'sample_batch.npz', 'train.py', 'weights.npz']],
    ['keras', ['DATASET.md', 'README.md', 'dataset.npz', 'model.py', 'project.fusion.json', 'sample_batch.npz', 'weights.npz']],
  ] as const)('%s: progress, then a zip with its files; no tensor left behind', async (format, files) => {
    const before = tf.memory().numTensors;
    const out = await exportOf(format);
    expect(tf.memory().numTensors).toBe(before);
    expect(out.slice(0, -1).every((m) => m.type === 'export.progress' && m.requestId === 7)).toBe(true);
    expect(out.map((m) => (m.type === 'export.progress' ? m.label : m.type))).toContain('Zipping');
    const done = out.at(-1);
    if (done?.type !== 'export.done') throw new Error(JSON.stringify(done));
    expect(done.fileName).toBe(format === 'bundle' ? 'toy-gated-bundle.zip' : `toy-gated-${format}.zip`);
    const entries = unzipSync(done.zip);
    expect(Object.keys(entries).sort()).toEqual([...files].sort());
    expect(done.files.map((f) => f.name).sort()).toEqual([...files].sort());
    expect(done.files.every((f) => f.bytes === entries[f.name]?.byteLength)).toBe(true);
  }, 30_000);

  it('without the dataset, code exports leave dataset.npz out', async () => {
    const done = (await exportOf('pytorch', 'r1', false)).at(-1);
    if (done?.type !== 'export.done') throw new Error(JSON.stringify(done));
    expect(done.files.map((f) => f.name)).not.toContain('dataset.npz');
  });

  it('a run whose model is no longer kept: export.failed with what to do', async () => {
    const out = await exportOf('bundle', 'r0');
    expect(out).toEqual([
      { type: 'export.failed', requestId: 7, message: 'The trained model of this run is no longer in memory (a newer run, or a reload, replaced it).', fix: 'Train the model again, then export.' },
    ]);
  });
});

describe('pickSampleRows', () => {
  it('validation rows first, one class after another, within the value budget', () => {
    const rows = pickSampleRows(data, 8);
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => data.split[r] === 1)).toBe(true);
    const labels = rows.map((r) => data.labels[r]);
    expect(labels.slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(pickSampleRows(data, 150_000)).toHaveLength(1);
  });
});
