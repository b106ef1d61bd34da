// Colour maps: 256-step ramps interpolated between a few RGB stops. MAGMA, a perceptually ordered
// dark-to-bright ramp (magma-like), draws spectrograms; the heatmaps build their own from stops.

export type RgbStop = readonly [number, number, number];

/** 256 RGB triples, interpolated linearly between evenly spaced stops (first stop at 0). */
export function rampFromStops(stops: readonly RgbStop[]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(x));
    const t = x - k;
    const a = stops[k] as RgbStop;
    const b = stops[k + 1] as RgbStop;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round((a[c] as number) + ((b[c] as number) - (a[c] as number)) * t);
  }
  return out;
}

/** 256 RGB triples from dark (0) to bright (255). */
export const MAGMA: Uint8ClampedArray = rampFromStops([
  [0, 0, 4],
  [40, 11, 84],
  [101, 21, 110],
  [159, 42, 99],
  [212, 72, 66],
  [245, 125, 21],
  [250, 193, 39],
  [252, 253, 191],
]);
