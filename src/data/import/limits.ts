// Size limits: the browser holds the whole dataset in this tab's memory. Pure (shared with the UI).

export const MB = 1024 * 1024;
/** The browser holds the whole dataset in this tab's memory; these limits keep it from crashing. */
export const SIZE_LIMITS = { csv: 200 * MB, zip: 500 * MB, folder: 500 * MB } as const;

function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return mb >= 10 ? `${Math.round(mb)} MB` : `${mb.toFixed(1)} MB`;
}

/** null when the size is fine, else the message to show (what happened, why, what to do). */
export function sizeLimitMessage(kind: keyof typeof SIZE_LIMITS, bytes: number, name?: string): string | null {
  const limit = SIZE_LIMITS[kind];
  if (bytes <= limit) return null;
  const what = kind === 'csv' ? 'This CSV' : kind === 'zip' ? 'This zip' : 'This folder';
  const named = name === undefined ? what : `${what} (${name})`;
  return (
    `${named} is ${megabytes(bytes)}; the limit in the browser is ${megabytes(limit)} because the whole dataset must fit in this tab's memory. ` +
    'Use a smaller sample, or the fusion-designer command for larger data.'
  );
}
