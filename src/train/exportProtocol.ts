// The export messages between the UI and the worker ("export.*"): after a run, the worker turns the
// model it kept into a download (the trained-model bundle, or PyTorch / Keras code). Pure types (no
// tfjs), so the UI can import this file; src/train/protocol.ts unions them into ToWorker / FromWorker.
import { slugify } from '../data/import/values.ts';
import type { RunRecord } from './trainingProtocol.ts';

/** bundle: the trained model (tfjs + runtime module + model card); pytorch / keras: code and weights. */
export type ExportFormat = 'bundle' | 'pytorch' | 'keras';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['bundle', 'pytorch', 'keras'];

export type ExportRequest =
  /**
   * Export the model the worker kept from run `runId` (its last finished run). `record` is that
   * run's record (document, settings, metrics); `evaluation` its validation confusion matrix and
   * per-class accuracy. Answered with export.progress…, then export.done or export.failed.
   */
  | {
      readonly type: 'export.start';
      readonly requestId: number;
      readonly runId: string;
      readonly format: ExportFormat;
      readonly record: RunRecord;
      readonly evaluation?: { readonly confusion: readonly (readonly number[])[]; readonly perClass: readonly (number | null)[] };
      /** Code exports: also write the dataset (dataset.npz) for train.py (default true). */
      readonly includeDataset?: boolean;
    };

export type ExportResponse =
  | { readonly type: 'export.progress'; readonly requestId: number; readonly label: string }
  /** The zip to download; `zip.buffer` is transferred. */
  | {
      readonly type: 'export.done';
      readonly requestId: number;
      readonly format: ExportFormat;
      readonly fileName: string;
      readonly zip: Uint8Array;
      /** The files inside, with their sizes in bytes. */
      readonly files: readonly { readonly name: string; readonly bytes: number }[];
    }
  /** What went wrong and what to do. */
  | { readonly type: 'export.failed'; readonly requestId: number; readonly message: string; readonly fix?: string };

/** True for a message the export handler sends. */
export function isExportResponse(msg: { readonly type: string }): msg is ExportResponse {
  return msg.type === 'export.progress' || msg.type === 'export.done' || msg.type === 'export.failed';
}

/** The download's file name for a format. */
export function exportFileName(projectName: string, format: ExportFormat): string {
  const base = slugify(projectName);
  return format === 'bundle' ? `${base}-bundle.zip` : `${base}-${format}.zip`;
}
