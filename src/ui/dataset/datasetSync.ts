// Keeps the worker's loaded dataset in step with the document's dataset choice: a new choice (or
// new options) cancels the load in progress and starts another; progress, the result and errors
// go to the store's data slice; the preview goes to the preview store; the preprocessing is
// recorded in the document.
import { useEffect } from 'react';
import { selectDatasetKey } from '../../store/index.ts';
import type { FromWorker } from '../../train/protocol.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { onWorkerMessage, postToWorker } from '../worker/workerClient.ts';
import { setPreview } from './previewStore.ts';

/** Loads wait this long after the last option change (dragging a slider). */
const DEBOUNCE_MS = 200;

let requestSeq = 0;
let active: { requestId: number; key: string } | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function handle(message: FromWorker): void {
  const s = actions();
  switch (message.type) {
    case 'worker.ready':
      s.setCatalogue(message.catalogue);
      return;
    case 'worker.error':
      if (active !== null) s.setDataStatus({ state: 'error', key: active.key, message: message.message, where: message.where });
      else s.pushToast('error', message.message);
      return;
    case 'dataset.progress':
      if (active?.requestId !== message.requestId) return;
      s.setDataStatus({ state: 'loading', key: active.key, done: message.done, total: message.total, label: message.label });
      return;
    case 'dataset.loaded':
      if (active?.requestId !== message.requestId) return;
      active = null;
      setPreview({ key: message.key, preview: message.preview });
      s.setDataStatus({ state: 'ready', key: message.key, info: message.info, ms: message.ms, cached: message.cached });
      s.recordPreprocessing(message.key, message.info);
      return;
    case 'dataset.failed':
      if (active?.requestId !== message.requestId) return;
      s.setDataStatus({ state: 'error', key: active.key, message: message.message, where: message.where });
      active = null;
      return;
    case 'dataset.cancelled':
      if (active?.requestId !== message.requestId) return;
      active = null;
      s.setDataStatus({ state: 'idle' });
      return;
    default:
      return;
  }
}

/** Starts loading the document's current dataset choice now (cancelling any load in progress). */
export function loadCurrentDataset(): void {
  const s = actions();
  const choice = s.doc.dataset;
  cancelDatasetLoad();
  if (choice === null) {
    setPreview(null);
    s.setDataStatus({ state: 'idle' });
    return;
  }
  const key = selectDatasetKey(s) ?? choice.id;
  requestSeq += 1;
  active = { requestId: requestSeq, key };
  s.setDataStatus({ state: 'loading', key, done: 0, total: 1, label: 'Starting…' });
  const { preprocessing: _p, bindings: _b, ...plain } = choice;
  postToWorker({ type: 'dataset.load', requestId: requestSeq, choice: plain, previewPerClass: previewPerClass(choice.id) });
}

/** Stops the load in progress (the panel's Cancel button). */
export function cancelDatasetLoad(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (active === null) return;
  postToWorker({ type: 'dataset.cancel', requestId: active.requestId });
  active = null;
  actions().setDataStatus({ state: 'idle' });
}

/** Samples per class in the preview: two for the few-class synthetic sets, one for the ten digits. */
function previewPerClass(id: string): number {
  return id.startsWith('synthetic.') ? 2 : 1;
}

/** Mount once (in App): follows the document's dataset choice. */
export function useDatasetSync(): void {
  const key = useAppStore(selectDatasetKey);
  useEffect(() => onWorkerMessage(handle), []);
  useEffect(() => {
    const s = actions();
    if (key === null) {
      cancelDatasetLoad();
      setPreview(null);
      s.setDataStatus({ state: 'idle' });
      return;
    }
    const data = s.data;
    if ((data.state === 'ready' || data.state === 'loading') && data.key === key) return;
    if (timer !== null) clearTimeout(timer);
    const first = data.state === 'idle';
    timer = setTimeout(
      () => {
        timer = null;
        loadCurrentDataset();
      },
      first ? 0 : DEBOUNCE_MS,
    );
  }, [key]);
}
