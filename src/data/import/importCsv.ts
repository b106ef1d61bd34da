// CSV import: inspect the first rows (roles for the mapping dialog), then read every row, check it,
// and hand the good ones to build(). Every rejected row is reported with its line and reason.
//
// The rules, as the report states them:
// - rejected (listed with the line where the record starts): a wrong number of fields; an empty
//   label; a value that is not a number in a number column; a file name of the wrong type, not in
//   the zip or folder, ambiguous, unreadable or undecodable; text after a closing quote.
// - kept and filled: a missing number (empty, NA, N/A, NaN, null, None, ?) takes the column's
//   mean over the training split, and the report lists those lines under "Filled".
// - kept without a modality: an empty text or file-name cell marks that modality missing for the
//   sample (DatasetArrays.present = 0); an empty category becomes the value "(missing)".
// - blank lines are not rows: they are counted in the report.
// - an unterminated quote stops the import with its line number (the rest of the file would be
//   one value).
import { delimiterName, readCsvRecords, throwIfAborted } from './csv.ts';
import type { CsvParser, Delimiter } from './csv.ts';
import { build, ImportError, Pacer } from './build.ts';
import type { FileColumn, FirstPass, ImportDeps, ImportResult, RawSample, SampleLayout } from './build.ts';
import { FileNameIndex } from './files.ts';
import { sizeLimitMessage } from './limits.ts';
import type { FileSource } from './files.ts';
import { mappingProblems } from './mapping.ts';
import { ColumnProfiler } from './roles.ts';
import type { ColumnRole, CsvInspection, FilesSummary, ImportMapping, ImportProgress, Rejection } from './types.ts';
import { clip, fileKindOf, formatCount, IMAGE_EXTENSIONS, isMissing, parseNumber, uniqueHeader } from './values.ts';

export interface CsvInput {
  readonly csv: Blob;
  readonly csvName: string;
  readonly files: FileSource | null;
}

/** Rows examined to detect column roles (the rest of a large file is read only on import). */
export const INSPECT_ROWS = 5000;

export function filesSummary(files: FileSource): FilesSummary {
  let images = 0;
  let audio = 0;
  for (const p of files.paths) {
    const k = fileKindOf(p);
    if (k === 'image') images++;
    else if (k === 'audio') audio++;
  }
  return { kind: files.kind, name: files.name, bytes: files.bytes, images, audio, other: files.paths.length - images - audio };
}

/** Read the header and the first rows; detect each column's role and the label. */
export async function inspectCsv(
  input: CsvInput,
  opts: { readonly maxRows?: number; readonly signal?: AbortSignal; readonly onProgress?: (p: ImportProgress) => void } = {},
): Promise<CsvInspection> {
  const tooBig = sizeLimitMessage('csv', input.csv.size, input.csvName);
  if (tooBig !== null) throw new ImportError(tooBig);
  const maxRows = opts.maxRows ?? INSPECT_ROWS;
  let delimiter = ',' as Delimiter;
  let header: string[] | null = null;
  let headerNotes: string[] = [];
  let profiler: ColumnProfiler | null = null;
  let examinedAll = true;
  let notUtf8 = false;
  reading: for await (const batch of readCsvRecords(input.csv, {
    chunkBytes: 256 * 1024,
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    onDelimiter: (d) => (delimiter = d),
    onText: (t) => {
      if (t.includes('\uFFFD')) notUtf8 = true;
    },
    onProgress: (p) => opts.onProgress?.({ stage: 'reading', label: `Reading ${input.csvName}`, done: p.bytes, total: p.totalBytes, unit: 'bytes' }),
  })) {
    for (const rec of batch) {
      if (header === null) {
        const h = uniqueHeader(rec.fields);
        header = h.names;
        headerNotes = h.notes;
        profiler = new ColumnProfiler(header, delimiter === ';');
        continue;
      }
      if (profiler !== null && profiler.rows >= maxRows) {
        examinedAll = false;
        break reading;
      }
      profiler?.add(rec.fields);
    }
  }
  if (header === null || profiler === null) throw new ImportError(`${input.csvName} is empty: there is no header line.`);
  if (header.length < 2) {
    throw new ImportError(
      `${input.csvName} has one column: a dataset needs a label and at least one input. If its values are separated by something other than a comma, semicolon or tab, save it again as CSV.`,
    );
  }
  const { columns, label } = profiler.summarize();
  const notes = [...headerNotes];
  if (notUtf8) notes.push(`${input.csvName} is not UTF-8 text: letters such as é or ü may show as �. Save it as "CSV UTF-8" and choose it again.`);
  const fileCols = columns.filter((c) => c.detected === 'image' || c.detected === 'audio');
  if (fileCols.length > 0 && input.files === null) {
    notes.push(`${fileCols.map((c) => `'${c.name}'`).join(', ')} ${fileCols.length === 1 ? 'holds file names' : 'hold file names'}: add the zip or folder with those files.`);
  }
  return {
    kind: 'csv',
    fileName: input.csvName,
    bytes: input.csv.size,
    delimiter: delimiterName(delimiter),
    columns,
    label,
    rowsExamined: profiler.rows,
    examinedAll,
    files: input.files === null ? null : filesSummary(input.files),
    notes,
  };
}

/** Modality names from column names: lowercase, '_' for anything else, unique. */
export function modalityNames(columns: readonly string[], taken: Set<string>): string[] {
  return columns.map((c) => {
    const base = c.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'column';
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
  });
}

/** Import a CSV (and its zip or folder) with the mapping people confirmed. */
export async function importCsv(input: CsvInput, mapping: ImportMapping, deps: ImportDeps, inspection?: CsvInspection): Promise<ImportResult> {
  const startedAt = Date.now();
  const tooBig = sizeLimitMessage('csv', input.csv.size, input.csvName);
  if (tooBig !== null) throw new ImportError(tooBig);
  const inspected = inspection ?? (await inspectCsv(input, deps.signal === undefined ? {} : { signal: deps.signal }));
  const problems = mappingProblems(inspected, mapping);
  if (problems.length > 0) throw new ImportError(problems.join(' '));
  const header = inspected.columns.map((c) => c.name);
  const roles: ColumnRole[] = inspected.columns.map((c) => mapping.roles[c.name] ?? c.detected);
  const idx = (role: ColumnRole): number[] => roles.flatMap((r, i) => (r === role ? [i] : []));
  const numericIdx = idx('tabular');
  const categoryIdx = idx('category');
  const textIdx = idx('text');
  const fileIdx = roles.flatMap((r, i) => (r === 'image' || r === 'audio' ? [i] : []));
  const labelIdx = idx('label')[0] as number;
  const taken = new Set<string>();
  const table = numericIdx.length + categoryIdx.length > 0 ? modalityNames(['table'], taken)[0] as string : 'table';
  const textNames = modalityNames(textIdx.map((i) => header[i] as string), taken);
  const fileNames = modalityNames(fileIdx.map((i) => header[i] as string), taken);
  const layout: SampleLayout = {
    numeric: numericIdx.map((i) => header[i] as string),
    categories: categoryIdx.map((i) => header[i] as string),
    texts: textIdx.map((i, k) => ({ column: header[i] as string, modality: textNames[k] as string })),
    files: fileIdx.map((i, k): FileColumn => ({ column: header[i] as string, modality: fileNames[k] as string, kind: roles[i] === 'audio' ? 'audio' : 'image' })),
    table,
  };
  const index = input.files === null ? null : new FileNameIndex(input.files.paths);
  const where = input.files === null ? '' : input.files.kind === 'zip' ? 'the zip' : 'the folder';
  const decimalComma = inspected.delimiter === 'semicolon';

  const samples: RawSample[] = [];
  const rejected: Rejection[] = [];
  let read = 0;
  let headerSeen = false;
  let parser: CsvParser | null = null;
  const pacer = new Pacer(deps);
  for await (const batch of readCsvRecords(input.csv, {
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    parserOut: (p) => (parser = p),
    onProgress: (p) => pacer.progress({ stage: 'reading', label: `Reading and checking ${input.csvName}`, done: p.bytes, total: p.totalBytes, unit: 'bytes' }),
  })) {
    for (const rec of batch) {
      if (!headerSeen) {
        headerSeen = true;
        continue;
      }
      read++;
      const line = rec.line;
      const f = rec.fields;
      if (f.length !== header.length) {
        rejected.push({ line, file: null, reason: `${f.length} field${f.length === 1 ? '' : 's'}, expected ${header.length}` });
        continue;
      }
      const reasons: string[] = [];
      if (rec.error !== undefined) reasons.push(rec.error);
      const labelCell = f[labelIdx] as string;
      if (isMissing(labelCell)) reasons.push('label is empty');
      const numbers = numericIdx.map((i) => {
        const v = f[i] as string;
        if (isMissing(v)) return Number.NaN;
        const x = parseNumber(v, decimalComma);
        if (x === null) {
          reasons.push(`column '${header[i]}' = '${clip(v)}' is not a number`);
          return Number.NaN;
        }
        return x;
      });
      const categories = categoryIdx.map((i) => (isMissing(f[i] as string) ? '' : (f[i] as string).trim()));
      const texts = textIdx.map((i) => (isMissing(f[i] as string) ? null : (f[i] as string)));
      const files = fileIdx.map((i, k) => {
        const v = (f[i] as string).trim();
        if (isMissing(v)) return null;
        const kind = (layout.files[k] as FileColumn).kind;
        if (fileKindOf(v) !== kind) {
          reasons.push(
            kind === 'image'
              ? `${kind} '${clip(v)}' is not an image file name (${IMAGE_EXTENSIONS.map((e) => `.${e}`).join(', ')})`
              : `${kind} '${clip(v)}' is not a WAV file name (.wav)`,
          );
          return null;
        }
        const found = index?.resolve(v);
        if (found === undefined) return null;
        if (!found.ok) {
          reasons.push(
            found.reason === 'missing'
              ? `${kind} '${clip(v)}' is not in ${where}`
              : `${kind} '${clip(v)}' matches several files in ${where} (${found.candidates.join(', ')}); write its path`,
          );
          return null;
        }
        return found.path;
      });
      if (reasons.length > 0) {
        rejected.push({ line, file: null, reason: reasons.join('; ') });
        continue;
      }
      samples.push({ line, file: null, label: labelCell.trim(), numbers, categories, texts, files });
    }
    await pacer.breathe();
  }
  throwIfAborted(deps.signal);
  const blankLines = (parser as CsvParser | null)?.blankLines ?? 0;
  const notes: string[] = [];
  if (input.files !== null && input.files.systemFiles > 0) notes.push(`${input.files.systemFiles} system files in ${input.files.name} left out (__MACOSX, .DS_Store, Thumbs.db).`);
  const missingNumbers = samples.reduce((n, s) => n + s.numbers.filter((v) => Number.isNaN(v)).length, 0);
  if (missingNumbers > 0) {
    notes.push(`${formatCount(missingNumbers)} missing number${missingNumbers === 1 ? '' : 's'} filled with the column's mean over the training split; those rows are kept (listed under "Filled").`);
  }
  const first: FirstPass = {
    kind: 'csv',
    source: input.files === null ? input.csvName : `${input.csvName} + ${input.files.name}`,
    read,
    samples,
    rejected,
    blankLines,
    notes,
    files: input.files,
  };
  return build(first, layout, mapping, deps, startedAt);
}
