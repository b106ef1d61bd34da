// Colour maps for drawing spectrograms: a perceptually ordered dark-to-bright ramp (magma-like).

const STOPS: readonly (readonly [number, number, number])[] = [
  [0, 0, 4],
  [40, 11, 84],
  [101, 21, 110],
  [159, 42, 99],
  [212, 72, 66],
  [245, 125, 21],
  [250, 193, 39],
  [252, 253, 191],
];

/** 256 RGB triples from dark (0) to bright (255). */
export const MAGMA: Uint8ClampedArray = (() => {
  const out = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (STOPS.length - 1);
    const k = Math.min(STOPS.length - 2, Math.floor(x));
    const t = x - k;
    const a = STOPS[k] as readonly [number, number, number];
    const b = STOPS[k + 1] as readonly [number, number, number];
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round((a[c] as number) + ((b[c] as number) - (a[c] as number)) * t);
  }
  return out;
})();
