// Reading single cell values: missing markers, numbers, file names and words.

/** Cell texts read as "no value" (compared trimmed and case-insensitively). */
export const MISSING_MARKERS: readonly string[] = ['', 'na', 'n/a', 'nan', 'null', 'none', '?'];
const MISSING = new Set(MISSING_MARKERS);

export function isMissing(value: string): boolean {
  return MISSING.has(value.trim().toLowerCase());
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * A cell as a number, or null when it is not one. `decimalComma` (semicolon-separated files)
 * also reads "3,5" as 3.5. Infinity and hex are not numbers here.
 */
export function parseNumber(value: string, decimalComma = false): number | null {
  const t = value.trim();
  if (NUMBER.test(t)) return Number(t);
  if (decimalComma && DECIMAL_COMMA.test(t)) return Number(t.replace(',', '.'));
  return null;
}

export const IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp'];
export const AUDIO_EXTENSIONS: readonly string[] = ['wav'];

export type FileKind = 'image' | 'audio';

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** 'image' or 'audio' for a file name we can read, else null. */
export function fileKindOf(name: string): FileKind | null {
  const ext = extensionOf(name.trim());
  if (IMAGE_EXTENSIONS.includes(ext)) return 'image';
  if (AUDIO_EXTENSIONS.includes(ext)) return 'audio';
  return null;
}

/** Lowercase word tokens (letters and digits, any script). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A short id-safe form of a name: "My Pets (2024).csv" → "my-pets-2024". */
export function slugify(name: string): string {
  const base = name.replace(/\.[a-z0-9]+$/i, '');
  const slug = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug === '' ? 'data' : slug;
}

/** Compare class names: numerically when both are numbers, else as text (natural order). */
export function compareClassNames(a: string, b: string): number {
  const x = parseNumber(a);
  const y = parseNumber(b);
  if (x !== null && y !== null) return x - y;
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Shorten a value for a message: at most `max` characters, with an ellipsis. */
export function clip(value: string, max = 40): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** 12,345 (the app's number style). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Header names made usable: blank names become "column 3", repeated names get " (2)", " (3)".
 * Returns the names and a note per change.
 */
export function uniqueHeader(fields: readonly string[]): { names: string[]; notes: string[] } {
  const names: string[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  fields.forEach((raw, i) => {
    let name = raw.trim();
    if (name === '') {
      name = `column ${i + 1}`;
      notes.push(`Column ${i + 1} has no name in the header; it is called '${name}'.`);
    }
    if (seen.has(name)) {
      let k = 2;
      while (seen.has(`${name} (${k})`)) k++;
      notes.push(`The header names '${name}' twice; the column ${i + 1} is called '${name} (${k})'.`);
      name = `${name} (${k})`;
    }
    seen.add(name);
    names.push(name);
  });
  return { names, notes };
}
