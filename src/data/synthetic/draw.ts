// Small drawn shapes for the synthetic image modality: a shape of some colour at some position
// and size on a dark background, anti-aliased (2×2 supersampling), plus pixel noise. HWC, 0..1.
import type { Rng } from '../random.ts';

export const SHAPES = ['circle', 'square', 'triangle', 'cross'] as const;
export type ShapeName = (typeof SHAPES)[number];

export interface ShapeSpec {
  readonly shape: ShapeName | null; // null: an empty frame (nothing to see)
  /** Centre and radius in pixels. */
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  readonly rgb: readonly [number, number, number];
}

function inside(shape: ShapeName, dx: number, dy: number, r: number): boolean {
  switch (shape) {
    case 'circle':
      return dx * dx + dy * dy <= r * r;
    case 'square': {
      const h = r * 0.82;
      return Math.abs(dx) <= h && Math.abs(dy) <= h;
    }
    case 'triangle': {
      // Pointing up: apex at dy = −r, base at dy = r/2.
      if (dy < -r || dy > r * 0.5) return false;
      return Math.abs(dx) <= (dy + r) * 0.5774;
    }
    case 'cross': {
      const t = r * 0.32;
      return (Math.abs(dx) <= t && Math.abs(dy) <= r) || (Math.abs(dy) <= t && Math.abs(dx) <= r);
    }
  }
}

/** HSV (h in degrees, s, v in 0..1) to RGB in 0..1. */
export function hsv(h: number, s: number, v: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h / 60) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}

/** A colour's everyday name (for captions). */
export function colourName(hue: number): string {
  const h = ((hue % 360) + 360) % 360;
  if (h < 18 || h >= 335) return 'red';
  if (h < 42) return 'orange';
  if (h < 70) return 'yellow';
  if (h < 165) return 'green';
  if (h < 255) return 'blue';
  return 'purple';
}

/** A random shape placement that fits inside a size × size image. */
export function placeShape(rng: Rng, size: number, shape: ShapeName | null, rgb: readonly [number, number, number]): ShapeSpec {
  const r = rng.range(size * 0.17, size * 0.3);
  const margin = r + 1;
  return { shape, cx: rng.range(margin, size - margin), cy: rng.range(margin, size - margin), r, rgb };
}

/**
 * Draws one image into out[offset … offset + size·size·3): background, the shape, then Gaussian
 * pixel noise of standard deviation `sigma`, clamped to 0..1.
 */
export function drawImage(out: Float32Array, offset: number, size: number, spec: ShapeSpec, rng: Rng, sigma: number): void {
  const bg = rng.range(0.06, 0.22);
  const tint = [rng.range(-0.03, 0.03), rng.range(-0.03, 0.03), rng.range(-0.03, 0.03)] as const;
  const { shape, cx, cy, r, rgb } = spec;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let cover = 0;
      if (shape !== null && Math.abs(x + 0.5 - cx) <= r + 1 && Math.abs(y + 0.5 - cy) <= r + 1) {
        const dx0 = x + 0.25 - cx;
        const dy0 = y + 0.25 - cy;
        if (inside(shape, dx0, dy0, r)) cover += 0.25;
        if (inside(shape, dx0 + 0.5, dy0, r)) cover += 0.25;
        if (inside(shape, dx0, dy0 + 0.5, r)) cover += 0.25;
        if (inside(shape, dx0 + 0.5, dy0 + 0.5, r)) cover += 0.25;
      }
      const p = offset + (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        let v = (bg + (tint[c] as number)) * (1 - cover) + (rgb[c] as number) * cover;
        if (sigma > 0) v += sigma * rng.noise();
        out[p + c] = v < 0 ? 0 : v > 1 ? 1 : v;
      }
    }
  }
}
