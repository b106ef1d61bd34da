// An RFC 4180 CSV parser that can be fed a chunk at a time (for files read as a stream).
// Quoted fields may hold delimiters, doubled quotes ("") and line breaks; lines end in CRLF, LF or
// CR; a leading BOM and a trailing line break are ignored. Each record carries the 1-based line on
// which it starts in the file, so errors can point at the right line even after a quoted newline.

export type Delimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** 1-based line in the file where the record starts. */
  readonly line: number;
  readonly fields: string[];
  /** Set when the record is malformed but parsing could go on (text after a closing quote). */
  readonly error?: string;
}

/** A problem that stops parsing the file (an unterminated quote). */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];

/** Names a delimiter for people: "comma", "semicolon", "tab". */
export function delimiterName(d: Delimiter): string {
  return d === ',' ? 'comma' : d === ';' ? 'semicolon' : 'tab';
}

/**
 * Guess the delimiter from the start of a file: the candidate that appears (outside quotes) the
 * same number of times on most of the first lines, preferring more columns. Defaults to comma.
 */
export function detectDelimiter(sample: string): Delimiter {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const counts: Record<Delimiter, number[]> = { ',': [], ';': [], '\t': [] };
  let current: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 20; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      for (const d of CANDIDATES) counts[d].push(current[d]);
      current = { ',': 0, ';': 0, '\t': 0 };
      lines++;
    } else if (!inQuotes && (c === ',' || c === ';' || c === '\t')) current[c]++;
  }
  if (lines < 20 && (current[','] > 0 || current[';'] > 0 || current['\t'] > 0)) {
    for (const d of CANDIDATES) counts[d].push(current[d]);
  }
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const perLine = counts[d];
    const first = perLine[0] ?? 0;
    if (first === 0) continue;
    const consistent = perLine.filter((n) => n === first).length / perLine.length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Incremental parser: push() text as it arrives and collect the complete records; end() returns
 * the last one (and throws CsvError on an unterminated quote). Blank lines are not records: they
 * are counted in `blankLines`.
 */
export class CsvParser {
  readonly delimiter: Delimiter;
  /** Lines that held nothing at all (skipped, counted for the report). */
  blankLines = 0;
  private buffer = '';
  /** Line number of buffer[0]. */
  private line = 1;
  private started = false;

  constructor(delimiter: Delimiter) {
    this.delimiter = delimiter;
  }

  push(text: string): CsvRecord[] {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buffer = this.buffer === '' ? text : this.buffer + text;
    return this.parse(false);
  }

  end(): CsvRecord[] {
    return this.parse(true);
  }

  /** Parse every complete record in the buffer; keep the incomplete tail for the next push. */
  private parse(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const s = this.buffer;
    const n = s.length;
    const delim = this.delimiter;
    let pos = 0;
    let line = this.line;
    while (pos < n) {
      const recordStart = pos;
      const recordLine = line;
      const fields: string[] = [];
      let error: string | undefined;
      let complete = false;
      let i = pos;
      // One record: fields until an unquoted line break (or the end of the text when final).
      for (;;) {
        if (i < n && s.charCodeAt(i) === 34 /* " */) {
          // Quoted field.
          let value = '';
          let j = i + 1;
          let closed = false;
          for (;;) {
            const q = s.indexOf('"', j);
            if (q === -1) {
              value += s.slice(j);
              line += countLineBreaks(s, j, n);
              j = n;
              break;
            }
            value += s.slice(j, q);
            line += countLineBreaks(s, j, q);
            if (q + 1 < n && s.charCodeAt(q + 1) === 34) {
              value += '"';
              j = q + 2;
              continue;
            }
            if (q + 1 >= n && !final) {
              // Could be the first half of an escaped quote split across chunks.
              j = n;
              break;
            }
            closed = true;
            j = q + 1;
            break;
          }
          if (!closed) {
            if (!final) break; // wait for more text
            throw new CsvError(
              `line ${recordLine}: a quoted field is never closed (its closing quote " is missing), so the rest of the file would be one value. Close the quote and try again.`,
              recordLine,
            );
          }
          // After the closing quote: a delimiter, a line break or the end; anything else is kept but flagged.
          let k = j;
          while (k < n && s[k] !== delim && s[k] !== '\n' && s[k] !== '\r') k++;
          if (k > j) {
            value += s.slice(j, k);
            error ??= `field ${fields.length + 1} has text after its closing quote`;
          }
          fields.push(value);
          i = k;
        } else {
          // Unquoted field: up to the next delimiter or line break.
          let k = i;
          while (k < n) {
            const c = s.charCodeAt(k);
            if (c === 10 || c === 13 || s[k] === delim) break;
            k++;
          }
          fields.push(s.slice(i, k));
          i = k;
        }
        if (i >= n) {
          if (final) complete = true;
          break;
        }
        const c = s[i];
        if (c === delim) {
          i++;
          if (i >= n && final) {
            fields.push('');
            complete = true;
            break;
          }
          continue;
        }
        // A line break ends the record.
        if (c === '\r') {
          if (i + 1 >= n && !final) break; // CR at the end of a chunk: LF may follow
          i += s[i + 1] === '\n' ? 2 : 1;
        } else i += 1;
        line += 1;
        complete = true;
        break;
      }
      if (!complete) {
        // Keep the partial record for the next push.
        this.buffer = s.slice(recordStart);
        this.line = recordLine;
        return out;
      }
      pos = i;
      if (fields.length === 1 && fields[0] === '' && s.charCodeAt(recordStart) !== 34) {
        // An empty line (or an empty last line without a break).
        if (i > recordStart) this.blankLines++;
        continue;
      }
      out.push(error === undefined ? { line: recordLine, fields } : { line: recordLine, fields, error });
    }
    this.buffer = '';
    this.line = line;
    return out;
  }
}

function countLineBreaks(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

export interface ParsedCsv {
  readonly delimiter: Delimiter;
  readonly records: CsvRecord[];
  readonly blankLines: number;
}

/** Parse a whole CSV text (tests, small files). */
export function parseCsv(text: string, delimiter: Delimiter = detectDelimiter(text.slice(0, 64 * 1024))): ParsedCsv {
  const parser = new CsvParser(delimiter);
  const records = [...parser.push(text), ...parser.end()];
  return { delimiter, records, blankLines: parser.blankLines };
}

export interface ReadProgress {
  readonly bytes: number;
  readonly totalBytes: number;
}

/** Thrown when a caller's AbortSignal fires during a long read or import. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled.');
    this.name = 'ImportCancelled';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new ImportCancelled();
}

/**
 * Read a CSV file as a stream, a chunk at a time, yielding batches of records. The delimiter is
 * detected from the first chunk. `stopAfter` ends the read early (inspecting the first rows).
 */
export async function* readCsvRecords(
  file: Blob,
  opts: {
    readonly chunkBytes?: number;
    readonly signal?: AbortSignal;
    readonly onProgress?: (p: ReadProgress) => void;
    readonly onDelimiter?: (d: Delimiter) => void;
    readonly parserOut?: (p: CsvParser) => void;
    /** Each decoded chunk of text (to notice a file that is not UTF-8). */
    readonly onText?: (text: string) => void;
  } = {},
): AsyncGenerator<CsvRecord[], void, undefined> {
  const chunkBytes = opts.chunkBytes ?? 1 << 20;
  const decoder = new TextDecoder('utf-8');
  let parser: CsvParser | null = null;
  let offset = 0;
  const total = file.size;
  while (offset < total) {
    throwIfAborted(opts.signal);
    const end = Math.min(total, offset + chunkBytes);
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    offset = end;
    const text = decoder.decode(bytes, { stream: offset < total });
    opts.onText?.(text);
    if (parser === null) {
      parser = new CsvParser(detectDelimiter(text));
      opts.onDelimiter?.(parser.delimiter);
      opts.parserOut?.(parser);
    }
    const records = parser.push(text);
    opts.onProgress?.({ bytes: offset, totalBytes: total });
    if (records.length > 0) yield records;
  }
  if (parser === null) return;
  const last = [...parser.push(decoder.decode()), ...parser.end()];
  if (last.length > 0) yield last;
}
