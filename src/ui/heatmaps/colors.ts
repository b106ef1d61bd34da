// The heatmaps' colours: one sequential ramp from pale (no weight) to deep blue (all of it), which
// reads on the light panels and prints well, and a warm overlay for weights drawn over pictures.
import { rampFromStops } from '../dataset/colormap.ts';

/** 256 RGB triples, pale (0) to dark blue (255). */
export const RAMP: Uint8ClampedArray = rampFromStops([
  [255, 255, 229],
  [237, 248, 177],
  [199, 233, 180],
  [127, 205, 187],
  [65, 182, 196],
  [29, 145, 192],
  [34, 94, 168],
  [37, 52, 148],
  [8, 29, 88],
]);

/** The ramp index of `v` on a 0..max scale (clamped). */
export function rampIndex(v: number, max: number): number {
  if (!Number.isFinite(v) || !(max > 0)) return 0;
  return Math.max(0, Math.min(255, Math.round((v / max) * 255)));
}

/** CSS colour of `v` on a 0..max scale; NaN gives a neutral grey. */
export function rampColor(v: number, max: number): string {
  if (!Number.isFinite(v)) return '#e2e8f0';
  const i = rampIndex(v, max) * 3;
  return `rgb(${RAMP[i] ?? 0}, ${RAMP[i + 1] ?? 0}, ${RAMP[i + 2] ?? 0})`;
}

/** Text that stays readable on a cell of ramp index i. */
export function inkOn(index: number): string {
  return index > 120 ? '#ffffff' : '#0f172a';
}

/** The warm overlay drawn over images and spectrograms (RGB). */
export const OVERLAY_RGB: readonly [number, number, number] = [255, 96, 0];

/**
 * A round upper end for an automatic scale: the smallest of 1, 2, 2.5, 5 × 10^k at or above `max`
 * (at most 1, since attention weights never exceed it).
 */
export function niceMax(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  if (max >= 1) return 1;
  const mag = 10 ** Math.floor(Math.log10(max));
  const m = [1, 2, 2.5, 5, 10].find((s) => s * mag >= max * 0.999) ?? 10;
  return Math.min(1, m * mag);
}
