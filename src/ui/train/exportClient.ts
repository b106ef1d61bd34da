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

/** Asks the worker for an export of the model it kept; resolves with the zip. */
export function requestExport(request: Omit<ExportRequest, 'type' | 'requestId'>, onProgress: (label: string) => void): Promise<ExportDone> {
  const requestId = nextRequestId++;
  return new Promise<ExportDone>((resolve, reject) => {
    const stop = onWorkerMessage((message: FromWorker) => {
      if (message.type === 'worker.error' && message.where === 'export.start') {
        stop();
        reject(new ExportFailure(`The export failed in the background worker: ${message.message}`, 'Reload the page, train again, then export.'));
        return;
      }
      if (!isExportResponse(message) || message.requestId !== requestId) return;
      if (message.type === 'export.progress') onProgress(message.label);
      else {
        stop();
        if (message.type === 'export.done') resolve(message);
        else reject(new ExportFailure(message.message, message.fix));
      }
    });
    try {
      postToWorker({ type: 'export.start', requestId, ...request } as ExportRequest);
    } catch (err) {
      stop();
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
