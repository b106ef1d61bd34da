// Short ids for nodes and edges ("n7", "e12").

/**
 * A new id made of `prefix` and a number. With `taken`, the number is one more than the largest
 * `prefix<number>` already taken (so "n1", "n2", "n5" give "n6"), which keeps ids short and never
 * reuses a deleted one while it is still in `taken`. Without `taken`, the suffix is random base36.
 */
export function newId(prefix: string, taken?: Iterable<string>): string {
  if (taken === undefined) return `${prefix}${randomSuffix()}`;
  const used = new Set(taken);
  let max = 0;
  for (const id of used) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    if (/^\d{1,12}$/.test(rest)) max = Math.max(max, Number(rest));
  }
  let n = max + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function randomSuffix(): string {
  const bytes = new Uint32Array(1);
  globalThis.crypto.getRandomValues(bytes);
  return ((bytes[0] ?? 0) % 36 ** 6).toString(36).padStart(6, '0');
}
