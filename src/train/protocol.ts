// The messages between the UI and the training worker: one discriminated union each way, keyed
// by `type` ("<area>.<verb>"). Pure types and a few pure helpers (no tfjs), so the UI can import
// this file. Typed arrays cross by transfer where possible.
//
// Areas: "worker.*" (handshake), "dataset.*" (built-in datasets; issue 4). Importers (user data)
// and training add their own areas: add the message types here and a handler under handlers/.
import type { DatasetChoice } from '../graph/index.ts';
import type { DatasetDescriptor, DatasetInfo } from '../graph/dataset.ts';
import type { DatasetPreview, LoadProgress } from '../data/types.ts';
import type { TrainingEvent, TrainingRequest } from './trainingProtocol.ts';
import type { ExportRequest, ExportResponse } from './exportProtocol.ts';

export type { DatasetDescriptor, DatasetInfo, LoadProgress };
export type { DatasetPreview, PreviewSample } from '../data/types.ts';

/**
 * Bumped whenever a message changes shape. The worker answers worker.hello with its version; the
 * UI refuses to talk to a worker of another version (a stale cached worker script).
 */
export const PROTOCOL_VERSION = 1;

/** A failure, with where it happened: a file ("avdigits/audio.bin"), a step ("spectrograms"), a row. */
export interface WorkerFailure {
  readonly message: string;
  readonly where: string;
}

// ---------------------------------------------------------------- UI → worker

export type ToWorker =
  /** First message: the worker replies worker.ready with the built-in dataset catalogue. */
  | { readonly type: 'worker.hello'; readonly protocol: number }
  /**
   * Load (or take from the worker's cache) a built-in dataset. Progress arrives as dataset.progress;
   * the end as dataset.loaded, dataset.cancelled or dataset.failed, all with the same requestId.
   * A newer load does not cancel an older one: send dataset.cancel for that.
   */
  | {
      readonly type: 'dataset.load';
      readonly requestId: number;
      readonly choice: DatasetChoice;
      /** Preview samples per class (default 1; at most 4). */
      readonly previewPerClass?: number;
    }
  /** Stop a load in progress (ignored when it has finished). */
  | { readonly type: 'dataset.cancel'; readonly requestId: number }
  /** Forget cached datasets (all, or the one with this key) to free the worker's memory. */
  | { readonly type: 'dataset.evict'; readonly key?: string }
  /** Importing a user's own data: see the import block at the end of this file. */
  | ImportRequest
  /** Training and the fusion arena (train.*, arena.*): see trainingProtocol.ts. */
  | TrainingRequest
  /** Exports of the trained model (export.*): see exportProtocol.ts. */
  | ExportRequest;

// ---------------------------------------------------------------- worker → UI

export type FromWorker =
  | {
      readonly type: 'worker.ready';
      readonly protocol: number;
      readonly catalogue: readonly DatasetDescriptor[];
      /** The tfjs backend the worker uses for preprocessing (e.g. "cpu"). */
      readonly backend: string;
    }
  | ({ readonly type: 'dataset.progress'; readonly requestId: number } & LoadProgress)
  | {
      readonly type: 'dataset.loaded';
      readonly requestId: number;
      /** datasetChoiceKey(choice): the cache key the worker keeps the arrays under. */
      readonly key: string;
      readonly info: DatasetInfo;
      readonly preview: DatasetPreview;
      /** True when the arrays came from the worker's cache. */
      readonly cached: boolean;
      /** Wall-clock time of the load in the worker (ms). */
      readonly ms: number;
      /** tf.memory().numTensors after the load (should not grow from load to load). */
      readonly tensors: number;
    }
  | { readonly type: 'dataset.cancelled'; readonly requestId: number }
  | ({ readonly type: 'dataset.failed'; readonly requestId: number } & WorkerFailure)
  /** A failure not tied to a request (an unknown message, a protocol mismatch, an uncaught error). */
  | ({ readonly type: 'worker.error' } & WorkerFailure)
  /** Importing a user's own data: see the import block at the end of this file. */
  | ImportResponse
  /** Training and the fusion arena (train.*, arena.*): see trainingProtocol.ts. */
  | TrainingEvent
  /** Exports of the trained model (export.*): see exportProtocol.ts. */
  | ExportResponse;

export type ToWorkerType = ToWorker['type'];
export type FromWorkerType = FromWorker['type'];

/** The message of type T. */
export type ToWorkerOf<T extends ToWorkerType> = Extract<ToWorker, { readonly type: T }>;
export type FromWorkerOf<T extends FromWorkerType> = Extract<FromWorker, { readonly type: T }>;

/** The typed arrays in a preview, to transfer rather than copy. */
export function previewTransferables(preview: DatasetPreview): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const s of preview.samples) {
    for (const v of Object.values(s.values)) if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  }
  return [...out];
}

/** True for an object that looks like a message from the worker (cheap structural check). */
export function isFromWorker(data: unknown): data is FromWorker {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

// ============================================================================================
// Import of a user's own data (CSV + zip/folder, folder datasets). Handled in handlers/import.ts;
// the UI side is src/ui/import. Requests carry a requestId; every answer repeats it.
// ============================================================================================
import type { ImportFailure, ImportInspection, ImportMapping, ImportProgress, ImportReport } from '../data/import/types.ts';
export type {
  ColumnRole,
  ColumnSummary,
  CsvInspection,
  FilesSummary,
  FilledValues,
  FolderInspection,
  ImageSizeChoice,
  ImportFailure,
  ImportInspection,
  ImportMapping,
  ImportProgress,
  ImportReport,
  Rejection,
} from '../data/import/types.ts';
export { COLUMN_ROLES, formatRejection } from '../data/import/types.ts';
export { defaultMapping, mappingProblems, ROLE_TITLES } from '../data/import/mapping.ts';
export { SIZE_LIMITS, sizeLimitMessage } from '../data/import/limits.ts';

/** The files people chose. Files (Blobs) are structured-cloneable: the worker reads them, the page does not. */
export interface ImportSources {
  readonly csv: Blob | null;
  readonly csvName: string | null;
  readonly zip: Blob | null;
  readonly zipName: string | null;
  /** A folder picked with <input webkitdirectory>: each file with its path inside the folder. */
  readonly folder: { readonly name: string; readonly files: readonly { readonly path: string; readonly file: Blob }[] } | null;
}

export type ImportRequest =
  /** Read the header and first rows (or the folder listing) and detect column roles. */
  | { readonly type: 'import.inspect'; readonly requestId: number; readonly sources: ImportSources }
  /** Import with the confirmed mapping; answers with progress, then done or failed. */
  | { readonly type: 'import.run'; readonly requestId: number; readonly sources: ImportSources; readonly mapping: ImportMapping }
  | { readonly type: 'import.cancel'; readonly requestId: number };

export type ImportResponse =
  | { readonly type: 'import.progress'; readonly requestId: number; readonly progress: ImportProgress }
  | { readonly type: 'import.inspected'; readonly requestId: number; readonly inspection: ImportInspection }
  /** The dataset is kept in the worker under info.id ("user.<slug>"), ready for training. */
  | { readonly type: 'import.done'; readonly requestId: number; readonly report: ImportReport; readonly info: DatasetInfo; readonly preview: DatasetPreview }
  | { readonly type: 'import.failed'; readonly requestId: number; readonly failure: ImportFailure };

/** True for the worker's import.* answers. */
export function isImportResponse(message: FromWorker): message is ImportResponse {
  return message.type.startsWith('import.');
}
// ============================================================================ end of import block
