// The import's contract with the UI: what inspecting a CSV or folder finds, the mapping people
// confirm in the dialog, progress, and the report. Pure types (re-exported by src/train/protocol.ts).

/**
 * What a CSV column becomes. tabular: a number in the table modality; category: a few distinct
 * words, one-hot in the table modality; text: word tokens (its own modality); image / audio: a file
 * name inside the zip or folder (its own modality); label: the class; ignore: left out.
 */
export type ColumnRole = 'tabular' | 'category' | 'text' | 'image' | 'audio' | 'label' | 'ignore';

export const COLUMN_ROLES: readonly ColumnRole[] = ['tabular', 'category', 'text', 'image', 'audio', 'label', 'ignore'];

export interface ColumnSummary {
  readonly index: number;
  readonly name: string;
  readonly detected: ColumnRole;
  /** Why the role was chosen, for the dialog ("all 40 values are numbers"). */
  readonly why: string;
  /** A few distinct values, as written. */
  readonly samples: readonly string[];
  readonly nonMissing: number;
  readonly missing: number;
  /** Distinct non-missing values (counting stops at DISTINCT_CAP). */
  readonly distinct: number;
  readonly numeric: number;
  readonly images: number;
  readonly audio: number;
}

export interface FilesSummary {
  readonly kind: 'zip' | 'folder';
  readonly name: string;
  readonly bytes: number;
  readonly images: number;
  readonly audio: number;
  readonly other: number;
}

export interface CsvInspection {
  readonly kind: 'csv';
  readonly fileName: string;
  readonly bytes: number;
  readonly delimiter: string;
  readonly columns: readonly ColumnSummary[];
  /** The column chosen as the label, or null when none fits (the dialog asks). */
  readonly label: string | null;
  readonly rowsExamined: number;
  /** False when only the first rows were examined (large files). */
  readonly examinedAll: boolean;
  readonly files: FilesSummary | null;
  /** Things worth knowing before importing (renamed duplicate headers, no zip for file names). */
  readonly notes: readonly string[];
}

export interface FolderInspection {
  readonly kind: 'folder';
  readonly name: string;
  readonly source: 'zip' | 'folder';
  readonly bytes: number;
  readonly fileKind: 'image' | 'audio';
  readonly classes: readonly { readonly name: string; readonly count: number }[];
  /** Files that will be rejected: wrong type, or not inside a class folder. */
  readonly problems: number;
  readonly notes: readonly string[];
}

export type ImportInspection = CsvInspection | FolderInspection;

export interface ImageSizeChoice {
  readonly height: number;
  readonly width: number;
}

/** What people confirm in the mapping dialog. */
export interface ImportMapping {
  /** Shown as the dataset's title; its slug makes the id "user.<slug>". */
  readonly title: string;
  /** Role per column name (CSV only; ignored for folders). */
  readonly roles: Readonly<Record<string, ColumnRole>>;
  readonly seed: number;
  /** Images are resized to this size; 'auto' takes the most common size, at most MAX_IMAGE_SIDE. */
  readonly imageSize: 'auto' | ImageSizeChoice;
  /** 'auto': one channel when every image is greyscale, else three. */
  readonly imageChannels: 'auto' | 1 | 3;
}

export interface ImportProgress {
  readonly stage: 'reading' | 'checking' | 'decoding' | 'building';
  /** What is happening, for people ("Reading pets.csv"). */
  readonly label: string;
  readonly done: number;
  readonly total: number;
  readonly unit: 'bytes' | 'rows' | 'files';
}

/** A row (CSV line) or a file (folder dataset) that was left out, with the reason. */
export interface Rejection {
  readonly line: number | null;
  readonly file: string | null;
  readonly reason: string;
}

export interface FilledValues {
  readonly column: string;
  readonly count: number;
  readonly value: number;
  readonly lines: readonly number[];
}

export interface ImportReport {
  readonly kind: 'csv' | 'folder';
  readonly datasetId: string;
  readonly title: string;
  readonly source: string;
  /** Data rows read (CSV records after the header, or files in a folder dataset). */
  readonly read: number;
  readonly kept: number;
  readonly rejected: readonly Rejection[];
  /** Missing numbers filled with the training-split mean (kept, not rejected). */
  readonly filled: readonly FilledValues[];
  /** Samples kept without a modality (empty text or file name): marked missing for the model. */
  readonly missingModality: readonly { readonly modality: string; readonly count: number }[];
  readonly blankLines: number;
  /** How the data was prepared: sizes, vocabulary, statistics, split. */
  readonly notes: readonly string[];
  readonly milliseconds: number;
}

export type ImportFailure = { readonly kind: 'cancelled'; readonly message: string } | { readonly kind: 'error'; readonly message: string };

/** "line 7: …" or "cat/notes.txt: …", as in the report and its CSV download. */
export function formatRejection(r: Rejection): string {
  if (r.line !== null) return `line ${r.line}: ${r.reason}`;
  if (r.file !== null) return `${r.file}: ${r.reason}`;
  return r.reason;
}
