// Category colours and number formatting shared by the canvas and the panels.
import type { Category } from '../graph/index.ts';

export const CATEGORY_COLORS: Record<Category, string> = {
  input: '#2f6bd8',
  encoder: '#7b4fd6',
  fusion: '#e2791b',
  head: '#2a9a5a',
  regularisation: '#64748b',
};

const integer = new Intl.NumberFormat('en-US');

/** "12,490 params" / "1 param". */
export function formatParams(count: number): string {
  return `${integer.format(count)} ${count === 1 ? 'param' : 'params'}`;
}

export function formatInteger(n: number): string {
  return integer.format(n);
}
