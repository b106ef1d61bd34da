// The export request's ways to end: done, failed, the worker failing, and the worker going silent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../../train/protocol.ts';

const sent: ToWorker[] = [];
const listeners = new Set<(m: FromWorker) => void>();
vi.mock('../worker/workerClient.ts', () => ({
  postToWorker: (m: ToWorker) => sent.push(m),
  onWorkerMessage: (l: (m: FromWorker) => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
}));
const { ExportFailure, requestExport } = await import('./exportClient.ts');

const emit = (m: FromWorker): void => {
  for (const l of [...listeners]) l(m);
};
const lastId = (): number => {
  const m = sent[sent.length - 1];
  if (m?.type !== 'export.start') throw new Error('no export.start sent');
  return m.requestId;
};
// The record is passed through to the worker untouched; its content does not matter here.
const request = { runId: 'r1', format: 'bundle', includeDataset: false } as unknown as Parameters<typeof requestExport>[0];

describe('requestExport', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sent.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves with the zip after progress, and stops listening', async () => {
    const labels: string[] = [];
    const done = requestExport(request, (l) => labels.push(l), 1000);
    const requestId = lastId();
    emit({ type: 'export.progress', requestId, label: 'Zipping' });
    emit({ type: 'export.done', requestId, format: 'bundle', fileName: 'x.zip', zip: new Uint8Array([1]), files: [] } as FromWorker);
    await expect(done).resolves.toMatchObject({ fileName: 'x.zip' });
    expect(labels).toEqual(['Zipping']);
    expect(listeners.size).toBe(0);
  });

  it('fails when the worker itself fails mid-export', async () => {
    const done = requestExport(request, () => undefined, 1000);
    emit({ type: 'worker.error', message: 'The background worker failed: out of memory Reload the page.', where: 'worker' } as FromWorker);
    await expect(done).rejects.toBeInstanceOf(ExportFailure);
    expect(listeners.size).toBe(0);
  });

  it('fails when the worker sends nothing for the idle time, and each progress message restarts the wait', async () => {
    const done = requestExport(request, () => undefined, 1000);
    const caught = done.catch((e: unknown) => e);
    const requestId = lastId();
    vi.advanceTimersByTime(900);
    emit({ type: 'export.progress', requestId, label: 'Weights' });
    vi.advanceTimersByTime(900);
    expect(listeners.size).toBe(1);
    vi.advanceTimersByTime(200);
    const err = await caught;
    expect(err).toBeInstanceOf(ExportFailure);
    expect((err as Error).message).toMatch(/sent nothing for 1 s/);
    expect(listeners.size).toBe(0);
  });
});
