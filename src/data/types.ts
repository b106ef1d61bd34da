// What a dataset is, once loaded: typed arrays owned by the worker, plus a description the UI can show.
// Pure types (no tfjs) so src/train/protocol.ts can share them with the UI.
//
// The JSON descriptions (DatasetInfo, ModalitySpec, Preprocessing, DatasetDescriptor) live in
// src/graph/dataset.ts, because the project document records preprocessing and the store shows
// DatasetInfo (and neither may import src/data). They are re-exported here unchanged.
import type { DatasetInfo, SplitName } from '../graph/dataset.ts';

export type {
  AudioPreprocessing,
  DatasetDescriptor,
  DatasetInfo,
  ImagePreprocessing,
  ModalityKind,
  ModalitySpec,
  Preprocessing,
  SequencePreprocessing,
  SplitName,
  TabularPreprocessing,
  TextPreprocessing,
} from '../graph/dataset.ts';
export { SPLIT_NAMES, datasetChoiceKey } from '../graph/dataset.ts';

/** Split codes in DatasetArrays.split. */
export const SPLIT_CODE: Readonly<Record<SplitName, number>> = { train: 0, validation: 1, test: 2 };

/** The loaded samples: row i of every array is sample i. Lives in the worker; never in React state. */
export interface DatasetArrays {
  readonly info: DatasetInfo;
  /** Per modality name: Float32Array (Int32Array for text) of size × prod(shape). */
  readonly inputs: Readonly<Record<string, Float32Array | Int32Array>>;
  readonly labels: Int32Array;
  /** Per modality name that can be missing: 1 present, 0 missing (its input row is zeros). */
  readonly present: Readonly<Record<string, Uint8Array>>;
  /** 0 train, 1 validation, 2 test (SPLIT_CODE). */
  readonly split: Uint8Array;
}

/** One sample shown in the dataset panel. */
export interface PreviewSample {
  readonly index: number;
  readonly label: number;
  readonly split: SplitName;
  /** Per modality name: that sample's model input (images HWC in 0..1 or standardised, spectrogram [T,F], token ids, table row). Absent when missing. */
  readonly values: Readonly<Record<string, Float32Array | Int32Array>>;
  /** For text: the tokens as words (padding left out), so the UI needs no vocabulary. */
  readonly words?: Readonly<Record<string, readonly string[]>>;
  /** Free-form provenance shown under the sample, e.g. "speaker: theo, take 3". */
  readonly note?: string;
}

/** A few samples for the dataset panel: small, sent to the UI as typed arrays. */
export interface DatasetPreview {
  readonly info: DatasetInfo;
  readonly samples: readonly PreviewSample[];
}

/** Progress of a long load: `done` of `total` units of the current step `label`. */
export interface LoadProgress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

/** How loaders report progress and learn that they were cancelled. */
export interface LoadContext {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: LoadProgress) => void;
}

/** A load failure that says where it happened (a file name, a row, a step). */
export class DatasetError extends Error {
  readonly where: string;
  constructor(message: string, where: string) {
    super(message);
    this.name = 'DatasetError';
    this.where = where;
  }
}

/** Thrown when a load is cancelled through its AbortSignal. */
export class LoadCancelled extends Error {
  constructor() {
    super('Loading was cancelled.');
    this.name = 'LoadCancelled';
  }
}
