// The worker's handler for dataset.* messages: load a built-in dataset with progress and
// cancellation, reply with its DatasetInfo and a preview; evict cached datasets.
import * as tf from '@tensorflow/tfjs';
import { buildPreview } from '../../data/preview.ts';
import { DatasetError, LoadCancelled } from '../../data/types.ts';
import type { LoadProgress } from '../../data/types.ts';
import type { WorkerDatasets } from '../datasets.ts';
import { previewTransferables } from '../protocol.ts';
import type { ToWorkerOf } from '../protocol.ts';
import type { Post } from '../router.ts';

type DatasetMessage = ToWorkerOf<'dataset.load'> | ToWorkerOf<'dataset.cancel'> | ToWorkerOf<'dataset.evict'>;

/** Progress is posted at most this often (ms), plus at every change of step. */
const PROGRESS_INTERVAL = 60;

export function createDatasetHandler(datasets: WorkerDatasets): (message: DatasetMessage, post: Post) => Promise<void> {
  const running = new Map<number, AbortController>();

  return async (message, post) => {
    switch (message.type) {
      case 'dataset.cancel':
        running.get(message.requestId)?.abort();
        return;
      case 'dataset.evict':
        datasets.evict(message.key);
        return;
      case 'dataset.load': {
        const { requestId } = message;
        const controller = new AbortController();
        running.set(requestId, controller);
        const started = performance.now();
        let lastLabel = '';
        let lastAt = 0;
        const onProgress = (p: LoadProgress): void => {
          const now = performance.now();
          if (p.label === lastLabel && now - lastAt < PROGRESS_INTERVAL && p.done < p.total) return;
          lastLabel = p.label;
          lastAt = now;
          post({ type: 'dataset.progress', requestId, done: p.done, total: p.total, label: p.label });
        };
        try {
          const entry = await datasets.load(message.choice, { signal: controller.signal, onProgress });
          if (controller.signal.aborted) throw new LoadCancelled();
          const preview = buildPreview(entry.data, {
            perClass: message.previewPerClass ?? 1,
            seed: 7,
            ...(entry.note === undefined ? {} : { note: entry.note }),
          });
          post(
            {
              type: 'dataset.loaded',
              requestId,
              key: entry.key,
              info: entry.data.info,
              preview,
              cached: entry.cached,
              ms: Math.round(performance.now() - started),
              tensors: tf.memory().numTensors,
            },
            previewTransferables(preview),
          );
        } catch (err) {
          if (err instanceof LoadCancelled || controller.signal.aborted) post({ type: 'dataset.cancelled', requestId });
          else if (err instanceof DatasetError) post({ type: 'dataset.failed', requestId, message: err.message, where: err.where });
          else post({ type: 'dataset.failed', requestId, message: `Loading the dataset failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`, where: message.choice.id });
        } finally {
          running.delete(requestId);
        }
        return;
      }
    }
  };
}
