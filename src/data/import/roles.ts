// Column role detection: look at the values of each CSV column and guess what it is.
import type { ColumnRole, ColumnSummary } from './types.ts';
import { fileKindOf, isMissing, parseNumber, words } from './values.ts';

/** Distinct values counted per column before we stop (enough to tell ids from categories). */
export const DISTINCT_CAP = 5000;
/** At most this many distinct values make a column "low-cardinality" (a label or a category). */
export const MAX_CLASSES = 50;
/** Share of non-missing values that must be numbers (or file names) for the column to count as such. */
export const MAJORITY = 0.8;

const LABEL_NAMES = new Set(['label', 'labels', 'class', 'target', 'y']);
const ID_NAME = /^(id|uuid|guid|key|index|idx|row|#)$|[ _.-]id$|^id[ _.-]|[a-z]Id$/i;

interface ColumnStats {
  nonMissing: number;
  missing: number;
  numeric: number;
  images: number;
  audio: number;
  distinct: Map<string, number>;
  capped: boolean;
  wordTotal: number;
  integers: number;
}

/** Gathers per-column statistics a record at a time (the first rows of a large file are enough). */
export class ColumnProfiler {
  private readonly stats: ColumnStats[];
  rows = 0;

  constructor(
    readonly header: readonly string[],
    private readonly decimalComma = false,
  ) {
    this.stats = header.map(() => ({
      nonMissing: 0,
      missing: 0,
      numeric: 0,
      images: 0,
      audio: 0,
      distinct: new Map(),
      capped: false,
      wordTotal: 0,
      integers: 0,
    }));
  }

  add(fields: readonly string[]): void {
    if (fields.length !== this.header.length) return; // malformed rows say nothing about types
    this.rows++;
    for (let c = 0; c < fields.length; c++) {
      const st = this.stats[c] as ColumnStats;
      const v = fields[c] as string;
      if (isMissing(v)) {
        st.missing++;
        continue;
      }
      st.nonMissing++;
      const t = v.trim();
      const num = parseNumber(t, this.decimalComma);
      if (num !== null) {
        st.numeric++;
        if (Number.isInteger(num)) st.integers++;
      }
      const kind = fileKindOf(t);
      if (kind === 'image') st.images++;
      else if (kind === 'audio') st.audio++;
      st.wordTotal += words(t).length;
      const seen = st.distinct.get(t);
      if (seen !== undefined) st.distinct.set(t, seen + 1);
      else if (st.distinct.size < DISTINCT_CAP) st.distinct.set(t, 1);
      else st.capped = true;
    }
  }

  summarize(): { columns: ColumnSummary[]; label: string | null } {
    const header = this.header;
    const base = header.map((name, index) => classify(name, this.stats[index] as ColumnStats, this.rows));
    // The label: a column named like one, else the last low-cardinality column that could be one.
    let labelIndex = header.findIndex((name, i) => LABEL_NAMES.has(name.trim().toLowerCase()) && (this.stats[i] as ColumnStats).nonMissing > 0);
    let labelWhy = 'named like a label column';
    if (labelIndex === -1) {
      for (let i = header.length - 1; i >= 0; i--) {
        const b = base[i] as Classified;
        const st = this.stats[i] as ColumnStats;
        if (b.role === 'image' || b.role === 'audio' || b.role === 'ignore' || b.role === 'text') continue;
        if (isLowCardinality(st, this.rows) && (b.role === 'category' || st.integers === st.numeric)) {
          labelIndex = i;
          labelWhy = `the last column with few distinct values (${st.distinct.size})`;
          break;
        }
      }
    }
    const columns = base.map((b, index): ColumnSummary => {
      const st = this.stats[index] as ColumnStats;
      const isLabel = index === labelIndex;
      return {
        index,
        name: header[index] as string,
        detected: isLabel ? 'label' : b.role,
        why: isLabel ? `${labelWhy}` : b.why,
        samples: [...st.distinct.keys()].slice(0, 4),
        nonMissing: st.nonMissing,
        missing: st.missing,
        distinct: st.distinct.size,
        numeric: st.numeric,
        images: st.images,
        audio: st.audio,
      };
    });
    return { columns, label: labelIndex === -1 ? null : (header[labelIndex] as string) };
  }
}

interface Classified {
  readonly role: ColumnRole;
  readonly why: string;
}

function isLowCardinality(st: ColumnStats, rows: number): boolean {
  const d = st.distinct.size;
  // Repeated values: at most half as many distinct values as rows (tiny files: any repeat).
  return !st.capped && d >= 2 && d <= MAX_CLASSES && (d <= rows / 2 || (rows < 20 && d < rows));
}

function share(count: number, of: number): string {
  return count === of ? `all ${of}` : `${count} of ${of}`;
}

function classify(name: string, st: ColumnStats, rows: number): Classified {
  const n = st.nonMissing;
  if (n === 0) return { role: 'ignore', why: 'every value is missing' };
  const allUnique = !st.capped && st.distinct.size === n && rows > 1;
  if (st.images >= MAJORITY * n) return { role: 'image', why: `${share(st.images, n)} values are image file names` };
  if (st.audio >= MAJORITY * n) return { role: 'audio', why: `${share(st.audio, n)} values are audio file names` };
  if (allUnique && ID_NAME.test(name.trim())) return { role: 'ignore', why: 'looks like an id: named so, every value different' };
  if (st.numeric >= MAJORITY * n) {
    if (allUnique && st.integers === st.numeric && st.numeric === n && isConsecutive(st)) {
      return { role: 'ignore', why: 'looks like a row number: 0 or 1, 2, 3, …' };
    }
    return { role: 'tabular', why: `${share(st.numeric, n)} values are numbers` };
  }
  const meanWords = st.wordTotal / n;
  if (allUnique && meanWords <= 1.5) return { role: 'ignore', why: 'looks like an id: every value different, no spaces' };
  if (isLowCardinality(st, rows) && meanWords <= 3) {
    return { role: 'category', why: `${st.distinct.size} distinct values, one-hot encoded` };
  }
  return { role: 'text', why: `free text, ${meanWords.toFixed(1)} words on average` };
}

function isConsecutive(st: ColumnStats): boolean {
  const values = [...st.distinct.keys()].map((k) => Number(k)).sort((a, b) => a - b);
  if (values.length < 3) return false;
  const first = values[0] as number;
  if (first !== 0 && first !== 1) return false;
  return values.every((v, i) => v === first + i);
}
