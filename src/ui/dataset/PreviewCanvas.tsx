// Images and spectrograms drawn to <canvas> at their own resolution and scaled up with CSS
// (pixelated), from typed arrays that never enter React state.
import { useEffect, useRef } from 'react';
import { MAGMA } from './colormap.ts';

interface ImageProps {
  readonly values: Float32Array | Int32Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** Displayed size of the longer side (CSS pixels). */
  readonly size: number;
  readonly label: string;
  readonly testId: string;
}

/** An image (HWC, 0..1) as pixels; one channel is drawn grey. */
export function ImageCanvas({ values, height, width, channels, size, label, testId }: ImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(width, height);
    for (let p = 0; p < width * height; p++) {
      for (let c = 0; c < 3; c++) {
        const v = values[p * channels + (channels >= 3 ? c : 0)] ?? 0;
        img.data[p * 4 + c] = Math.round(Math.max(0, Math.min(1, v)) * 255);
      }
      img.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [values, height, width, channels]);
  const scale = size / Math.max(height, width);
  return (
    <canvas
      ref={ref}
      className="data-pixels"
      width={width}
      height={height}
      style={{ width: width * scale, height: height * scale }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}

interface SpectrogramProps {
  /** [T, F] row-major (time-major), standardised log magnitudes. */
  readonly values: Float32Array | Int32Array;
  readonly frames: number;
  readonly bins: number;
  readonly height: number;
  readonly label: string;
  readonly testId: string;
}

/** A spectrogram: time left to right, frequency bottom to top, colour by level (contrast per clip). */
export function SpectrogramCanvas({ values, frames, bins, height, label, testId }: SpectrogramProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const span = hi > lo ? hi - lo : 1;
    const img = ctx.createImageData(frames, bins);
    for (let t = 0; t < frames; t++) {
      for (let f = 0; f < bins; f++) {
        const v = ((values[t * bins + f] ?? lo) - lo) / span;
        const k = Math.max(0, Math.min(255, Math.round(v * 255)));
        const p = ((bins - 1 - f) * frames + t) * 4;
        img.data[p] = MAGMA[k * 3] ?? 0;
        img.data[p + 1] = MAGMA[k * 3 + 1] ?? 0;
        img.data[p + 2] = MAGMA[k * 3 + 2] ?? 0;
        img.data[p + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [values, frames, bins]);
  // Time runs left to right; clips are shown a little wider than tall whatever their frame count.
  const width = Math.round(height * 1.2);
  return (
    <canvas
      ref={ref}
      className="data-pixels data-spectrogram"
      width={frames}
      height={bins}
      style={{ width, height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
