// The export side of the worker client: export.start out, progress and the zip back, and the
// download. The worker builds every file; the page only hands the bytes to the browser.
import type { ExportFormat, ExportRequest, ExportResponse } from '../../train/exportProtocol.ts';
import { isExportResponse } from '../../train/exportProtocol.ts';
import type { FromWorker } from '../../train/protocol.ts';
import { onWorkerMessage, postToWorker } from '../worker/workerClient.ts';

export type ExportDone = Extract<ExportResponse, { type: 'export.done' }>;

/** An export the worker refused or failed: what happened and what to do. */
export class ExportFailure extends Error {
  readonly fix: string | undefined;
  constructor(message: string, fix?: string) {
    super(message);
    this.name = 'ExportFailure';
    this.fix = fix;
  }
}

let nextRequestId = 1;

/** Longest wait for the worker's next export message before the export is given up as stuck. */
export const EXPORT_IDLE_MS = 180_000;

/**
 * Asks the worker for an export of the model it kept; resolves with the zip. Rejects when the
 * worker reports a failure, when the worker itself fails, or when it sends nothing for
 * `idleMs` (a worker that ran out of memory may die without an error event).
 */
export function requestExport(request: Omit<ExportRequest, 'type' | 'requestId'>, onProgress: (label: string) => void, idleMs = EXPORT_IDLE_MS): Promise<ExportDone> {
  const requestId = nextRequestId++;
  return new Promise<ExportDone>((resolve, reject) => {
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      clearTimeout(watchdog);
      stopListening();
    };
    const arm = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stopListening();
        reject(new ExportFailure(`The export stopped: the background worker sent nothing for ${Math.round(idleMs / 1000)} s (it may have run out of memory).`, 'Reload the page, train again, and export without the dataset.'));
      }, idleMs);
    };
    const stopListening = onWorkerMessage((message: FromWorker) => {
      if (message.type === 'worker.error' && (message.where === 'export.start' || message.where === 'worker')) {
        finish();
        reject(new ExportFailure(`The export failed in the background worker: ${message.message}`, 'Reload the page, train again, then export.'));
        return;
      }
      if (!isExportResponse(message) || message.requestId !== requestId) return;
      if (message.type === 'export.progress') {
        arm();
        onProgress(message.label);
      } else {
        finish();
        if (message.type === 'export.done') resolve(message);
        else reject(new ExportFailure(message.message, message.fix));
      }
    });
    arm();
    try {
      postToWorker({ type: 'export.start', requestId, ...request } as ExportRequest);
    } catch (err) {
      finish();
      reject(new ExportFailure(`The request could not reach the background worker: ${err instanceof Error ? err.message : String(err)}`, 'Reload the page and try again.'));
    }
  });
}

/** Hands bytes to the browser as a download named `fileName`. */
export function downloadBytes(bytes: Uint8Array, fileName: string, type = 'application/zip'): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export const FORMAT_TITLES: Readonly<Record<ExportFormat, string>> = {
  bundle: 'Model bundle',
  pytorch: 'PyTorch code',
  keras: 'Keras code',
};
