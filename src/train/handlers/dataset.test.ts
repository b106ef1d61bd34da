import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleProject } from '../../graph/index.ts';
import type { AssetSource } from '../../data/assets.ts';
import { nodeFs } from '../../data/nodeFiles.testing.ts';
import { WorkerDatasets } from '../datasets.ts';
import type { FromWorker } from '../protocol.ts';
import { createRouter } from '../router.ts';
import { createDatasetHandler } from './dataset.ts';

const { readFileSync } = await nodeFs();
const DIR = new URL('../../../public/datasets/', import.meta.url);
const assets = (name: string): AssetSource => ({ where: `${DIR.pathname}${name}/`, read: async (f) => new Uint8Array(readFileSync(new URL(`${name}/${f}`, DIR))) });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function setup() {
  const messages: FromWorker[] = [];
  const datasets = new WorkerDatasets({ assets });
  const handler = createDatasetHandler(datasets);
  const router = createRouter((m) => messages.push(m)).on('dataset.', handler);
  return { messages, datasets, router };
}

describe('dataset.* messages', () => {
  it('loads a synthetic dataset with progress, then replies with its info and a preview of two samples per class', async () => {
    const { messages, router } = setup();
    await router.dispatch({ type: 'dataset.load', requestId: 1, choice: { id: 'synthetic.redundancy', options: { samples: 400 } }, previewPerClass: 2 });
    const last = messages.at(-1);
    expect(messages.some((m) => m.type === 'dataset.progress' && m.requestId === 1 && m.label.startsWith('Generating'))).toBe(true);
    expect(last?.type).toBe('dataset.loaded');
    if (last?.type !== 'dataset.loaded') return;
    expect(last.key).toBe('synthetic.redundancy?samples=400');
    expect(last.cached).toBe(false);
    expect(last.info.size).toBe(400);
    expect(last.preview.samples).toHaveLength(8);
    expect(new Set(last.preview.samples.map((s) => s.label))).toEqual(new Set([0, 1, 2, 3]));
    const s = last.preview.samples[0];
    expect(s?.values['image']).toBeInstanceOf(Float32Array);
    expect(s?.values['image']?.length).toBe(24 * 24 * 3);
    expect(s?.words?.['text']?.length).toBeGreaterThan(3);
    expect(s?.words?.['text']).not.toContain('<pad>');
    expect(last.tensors).toBe(tf.memory().numTensors);
  });

  it('answers a second load of the same choice from the cache', async () => {
    const { messages, router } = setup();
    const choice = { id: 'synthetic.mixed', options: { samples: 300, seed: 3 } };
    await router.dispatch({ type: 'dataset.load', requestId: 1, choice });
    await router.dispatch({ type: 'dataset.load', requestId: 2, choice: { ...choice, options: { seed: 3, samples: 300 } } });
    const loaded = messages.filter((m) => m.type === 'dataset.loaded');
    expect(loaded.map((m) => m.type === 'dataset.loaded' && m.cached)).toEqual([false, true]);
  });

  it('cancels a load in progress', async () => {
    const { messages, router } = setup();
    const done = router.dispatch({ type: 'dataset.load', requestId: 5, choice: { id: 'avdigits' } });
    await router.dispatch({ type: 'dataset.cancel', requestId: 5 });
    await done;
    expect(messages.at(-1)).toEqual({ type: 'dataset.cancelled', requestId: 5 });
  });

  it('reports an unknown dataset with where it went wrong', async () => {
    const { messages, router } = setup();
    await router.dispatch({ type: 'dataset.load', requestId: 9, choice: { id: 'nope' } });
    expect(messages.at(-1)).toEqual({ type: 'dataset.failed', requestId: 9, message: 'There is no built-in dataset "nope". Pick one from the dataset panel.', where: 'dataset.id' });
    await router.dispatch({ type: 'dataset.load', requestId: 10, choice: { id: 'user.mine' } });
    expect(messages.at(-1)).toMatchObject({ type: 'dataset.failed', where: 'dataset.id', message: expect.stringMatching(/Import the files again/) });
  });

  it('reports a damaged file by name', async () => {
    const messages: FromWorker[] = [];
    const damaged = (name: string): AssetSource => ({
      where: 'damaged',
      read: async (f) => {
        const bytes = await assets(name).read(f);
        if (f === 'images.bin') bytes[5] = (bytes[5] ?? 0) ^ 1;
        return bytes;
      },
    });
    const router = createRouter((m) => messages.push(m)).on('dataset.', createDatasetHandler(new WorkerDatasets({ assets: damaged })));
    await router.dispatch({ type: 'dataset.load', requestId: 3, choice: { id: 'avdigits.hard' } });
    expect(messages.at(-1)).toMatchObject({ type: 'dataset.failed', requestId: 3, where: 'avdigits/images.bin', message: expect.stringMatching(/^avdigits\/images\.bin does not match its checksum/) });
  });

  it('routes unknown messages to worker.error', async () => {
    const { messages, router } = setup();
    await router.dispatch({ type: 'nonsense.do' });
    await router.dispatch(42);
    expect(messages.map((m) => m.type)).toEqual(['worker.error', 'worker.error']);
  });
});

describe('WorkerDatasets', () => {
  it('keeps at most `capacity` built-ins, serves registered (imported) datasets, and finds a document’s dataset for training', async () => {
    const datasets = new WorkerDatasets({ assets, capacity: 1 });
    const a = await datasets.load({ id: 'synthetic.synergy', options: { samples: 200 } });
    await datasets.load({ id: 'synthetic.mixed', options: { samples: 200 } });
    expect(datasets.keys()).toEqual(['synthetic.mixed?samples=200']);
    datasets.register({ ...a.data, info: { ...a.data.info, id: 'user.mine' } });
    expect(datasets.get('user.mine')?.info.id).toBe('user.mine');
    expect((await datasets.load({ id: 'user.mine' })).cached).toBe(true);
    const doc = { ...exampleProject(), dataset: { id: 'synthetic.mixed', options: { samples: 200 } } };
    expect((await datasets.arraysFor(doc)).info.id).toBe('synthetic.mixed');
    expect((await datasets.arraysFor(doc, 'user.mine')).info.id).toBe('user.mine');
    await expect(datasets.arraysFor({ ...doc, dataset: null })).rejects.toThrow(/no dataset/);
  });
});
