// How the import dialog reaches the worker: import.* requests go through the app's worker client,
// so the imported arrays stay in the worker that previews and trains on them. When an import is
// done, the new dataset becomes the document's choice (the data panel then loads its preview).
import { isImportResponse } from '../../train/protocol.ts';
import type { DatasetInfo, ImportRequest, ImportResponse } from '../../train/protocol.ts';
import { loadCurrentDataset } from '../dataset/datasetSync.ts';
import { actions } from '../hooks/useAppStore.ts';
import { onWorkerMessage, postToWorker } from '../worker/workerClient.ts';

export interface ImportTransport {
  post(message: ImportRequest): void;
  /** Hear every import.* answer; returns the unsubscribe function. */
  subscribe(listener: (message: ImportResponse) => void): () => void;
}

const workerTransport: ImportTransport = {
  post: (message) => postToWorker(message),
  subscribe: (listener) =>
    onWorkerMessage((message) => {
      if (isImportResponse(message)) listener(message);
    }),
};

let transport: ImportTransport = workerTransport;

/** Replace the transport (a test harness); the app uses the worker. */
export function setImportTransport(t: ImportTransport): void {
  transport = t;
}

export function importTransport(): ImportTransport {
  return transport;
}

/**
 * The import is done and its arrays are registered in the worker under info.id: choose it (one undo
 * step), fit the graph's inputs and heads to it, and (re)load it so the data panel shows its
 * preview and the document records its preprocessing.
 */
export function onImportDone(info: DatasetInfo): void {
  const s = actions();
  s.chooseDataset(info.id);
  const changes = s.fitGraphToData(info);
  loadCurrentDataset();
  if (changes.length > 0) {
    s.pushToast('info', `Set ${changes.length} parameter${changes.length === 1 ? '' : 's'} of the graph's inputs and heads to fit "${info.title}". Undo reverts it.`);
  }
}
