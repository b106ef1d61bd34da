// Drawing the heatmaps onto a 2D canvas: labelled matrices with a colour legend, and weights laid
// over the probe samples' own inputs (image patches, spectrogram time, words). Pure drawing from
// numbers: the canvases (HeatCanvas.tsx) and the PNG export call these.
import { RAMP, OVERLAY_RGB, inkOn, rampColor, rampIndex } from './colors.ts';
import type { Band, Matrix } from './decode.ts';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export const FONT = '11px ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
export const FONT_BOLD = '600 11.5px ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const INK = '#0f172a';
const INK_2 = '#475569';
const MUTED = '#64748b';
const RULE = '#cbd5e1';
export const HIGHLIGHT = '#f97316';

export interface HeatmapSpec {
  readonly matrix: Matrix;
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  /** Top of the scale (the bottom is 0). */
  readonly max: number;
  readonly title?: string;
  /** What the rows and the columns are ("query: audio frame", "context: image patch"). */
  readonly rowTitle?: string;
  readonly colTitle?: string;
  readonly colBands?: readonly Band[];
  readonly highlightRow?: number | null;
  /** Print each cell's value when the cells are big enough (default true). */
  readonly values?: boolean;
  /** Draw the colour legend at the right (default true). */
  readonly legend?: boolean;
  readonly legendLabel?: string;
}

/** Where the cells went, for clicks. */
export interface HeatmapGeometry {
  readonly plot: Rect;
  readonly rows: number;
  readonly cols: number;
}

export function rowAt(g: HeatmapGeometry | null, x: number, y: number): number | null {
  if (!g || x < g.plot.x || x > g.plot.x + g.plot.w || y < g.plot.y || y > g.plot.y + g.plot.h) return null;
  return Math.min(g.rows - 1, Math.floor(((y - g.plot.y) / g.plot.h) * g.rows));
}

function fitText(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return `${t}…`;
}

/** Every k-th label, k chosen so the labels do not overlap. */
function labelStride(count: number, spacePx: number, labelPx: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, Math.floor(spacePx / labelPx))));
}

/** A weight with two decimals, or three on a scale that tops out below 0.1 ("0.025"). */
export function formatWeight(v: number, scaleMax = 1): string {
  if (!Number.isFinite(v)) return '–';
  return v.toFixed(scaleMax < 0.1 ? 3 : 2);
}

/** A vertical colour bar from 0 (bottom) to max (top) with ticks. */
export function drawLegend(ctx: CanvasRenderingContext2D, r: Rect, max: number, label = 'weight'): void {
  const barW = 10;
  const top = r.y + 16;
  const h = Math.max(20, r.h - 24);
  ctx.font = FONT;
  ctx.fillStyle = INK_2;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(fitText(ctx, label, r.w), r.x, r.y + 10);
  for (let i = 0; i < h; i++) {
    const k = Math.round((1 - i / (h - 1)) * 255) * 3;
    ctx.fillStyle = `rgb(${RAMP[k] ?? 0}, ${RAMP[k + 1] ?? 0}, ${RAMP[k + 2] ?? 0})`;
    ctx.fillRect(r.x, top + i, barW, 1);
  }
  ctx.strokeStyle = RULE;
  ctx.lineWidth = 1;
  ctx.strokeRect(r.x + 0.5, top + 0.5, barW, h - 1);
  ctx.fillStyle = INK_2;
  ctx.textBaseline = 'middle';
  const ticks = [0, 0.5, 1];
  for (const t of ticks) {
    const y = top + (1 - t) * (h - 1);
    ctx.fillRect(r.x + barW, Math.round(y), 3, 1);
    ctx.fillText(formatWeight(t * max, max), r.x + barW + 5, y);
  }
}

export const LEGEND_WIDTH = 52;

/** A labelled matrix of coloured cells (rows top to bottom), with an optional legend at the right. */
export function drawHeatmap(ctx: CanvasRenderingContext2D, r: Rect, spec: HeatmapSpec): HeatmapGeometry {
  const { matrix: m } = spec;
  ctx.save();
  ctx.font = FONT;
  const legendW = spec.legend === false ? 0 : LEGEND_WIDTH;
  const titleH = spec.title ? 18 : 0;
  const bandH = (spec.colBands && spec.colBands.length > 0) || spec.rowTitle ? 15 : 0;
  const colTitleH = spec.colTitle ? 14 : 0;
  let gutter = 0;
  for (const l of spec.rowLabels) gutter = Math.max(gutter, ctx.measureText(l).width);
  gutter = Math.min(Math.max(28, gutter + 8), Math.max(40, r.w * 0.3));
  const plot: Rect = {
    x: r.x + gutter,
    y: r.y + titleH + bandH,
    w: Math.max(10, r.w - gutter - legendW - 8),
    h: Math.max(10, r.h - titleH - bandH - 16 - colTitleH),
  };
  if (spec.title) {
    ctx.font = FONT_BOLD;
    ctx.fillStyle = INK;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(fitText(ctx, spec.title, r.w - legendW), r.x, r.y + 1);
    ctx.font = FONT;
  }
  const cw = plot.w / Math.max(1, m.cols);
  const ch = plot.h / Math.max(1, m.rows);
  const gap = cw >= 7 && ch >= 7 ? 1 : 0;
  const showValues = spec.values !== false && cw >= 30 && ch >= 14;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.values[i * m.cols + j] as number;
      const x0 = Math.round(plot.x + j * cw);
      const x1 = Math.round(plot.x + (j + 1) * cw);
      const y0 = Math.round(plot.y + i * ch);
      const y1 = Math.round(plot.y + (i + 1) * ch);
      ctx.fillStyle = rampColor(v, spec.max);
      ctx.fillRect(x0, y0, Math.max(1, x1 - x0 - gap), Math.max(1, y1 - y0 - gap));
      if (showValues) {
        ctx.fillStyle = Number.isFinite(v) ? inkOn(rampIndex(v, spec.max)) : MUTED;
        ctx.fillText(formatWeight(v, spec.max), (x0 + x1 - gap) / 2, (y0 + y1 - gap) / 2);
      }
    }
  }
  // Row labels, thinned to fit.
  ctx.fillStyle = INK_2;
  ctx.textAlign = 'right';
  const rowStride = labelStride(m.rows, plot.h, 13);
  for (let i = 0; i < m.rows; i += rowStride) {
    const label = spec.rowLabels[i] ?? '';
    ctx.fillText(fitText(ctx, label, gutter - 6), plot.x - 5, plot.y + (i + 0.5) * ch);
  }
  // Column labels under the cells.
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  let widest = 0;
  for (const l of spec.colLabels) widest = Math.max(widest, ctx.measureText(l).width);
  const colStride = labelStride(m.cols, plot.w, Math.min(widest + 10, 90));
  for (let j = 0; j < m.cols; j += colStride) {
    const label = spec.colLabels[j] ?? '';
    ctx.fillText(fitText(ctx, label, Math.max(cw * colStride - 4, 24)), plot.x + (j + 0.5) * cw, plot.y + plot.h + 3);
  }
  if (spec.colTitle) {
    ctx.fillStyle = MUTED;
    ctx.fillText(fitText(ctx, spec.colTitle, plot.w), plot.x + plot.w / 2, plot.y + plot.h + 16);
  }
  // The rows' title over the row labels, when it fits there.
  if (spec.rowTitle && ctx.measureText(`${spec.rowTitle} ↓`).width <= gutter - 4) {
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText(`${spec.rowTitle} ↓`, r.x, plot.y - 2);
  }
  // Modality bands over the columns: a rule between them and the name above.
  if (spec.colBands && spec.colBands.length > 0) {
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'center';
    spec.colBands.forEach((b, k) => {
      const x0 = plot.x + b.start * cw;
      const x1 = plot.x + b.end * cw;
      ctx.fillStyle = INK_2;
      ctx.font = FONT_BOLD;
      // A band too narrow for its name keeps the rule only (its column label names it).
      if (ctx.measureText(b.label).width <= x1 - x0 - 2) ctx.fillText(b.label, (x0 + x1) / 2, plot.y - 2);
      else if (x1 - x0 > 40) ctx.fillText(fitText(ctx, b.label, x1 - x0 - 4), (x0 + x1) / 2, plot.y - 2);
      ctx.font = FONT;
      if (k > 0) {
        ctx.fillStyle = '#334155';
        ctx.fillRect(Math.round(x0) - 1, plot.y - 3, 2, plot.h + 3);
      }
    });
  }
  if (spec.highlightRow !== undefined && spec.highlightRow !== null && spec.highlightRow < m.rows) {
    ctx.strokeStyle = HIGHLIGHT;
    ctx.lineWidth = 2;
    const y0 = plot.y + spec.highlightRow * ch;
    ctx.strokeRect(plot.x - 1, y0 - 1, plot.w + 1, Math.max(3, ch + 1));
  }
  if (legendW > 0) drawLegend(ctx, { x: r.x + r.w - legendW + 6, y: plot.y - 14, w: legendW - 6, h: plot.h + 14 }, spec.max, spec.legendLabel);
  ctx.restore();
  return { plot, rows: m.rows, cols: m.cols };
}

/** Fits a w × h picture into r, keeping its aspect ratio; returns where it goes. */
export function fitInto(r: Rect, w: number, h: number): Rect {
  const s = Math.min(r.w / w, r.h / h);
  const dw = w * s;
  const dh = h * s;
  return { x: r.x + (r.w - dw) / 2, y: r.y + (r.h - dh) / 2, w: dw, h: dh };
}

function caption(ctx: CanvasRenderingContext2D, r: Rect, text: string): Rect {
  ctx.font = FONT_BOLD;
  ctx.fillStyle = INK;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(fitText(ctx, text, r.w), r.x, r.y + 1);
  ctx.font = FONT;
  return { x: r.x, y: r.y + 18, w: r.w, h: Math.max(10, r.h - 18) };
}

type Bitmap = HTMLCanvasElement | OffscreenCanvas;

// The probe samples' pictures never change during a run: each is rendered once at its own size.
const bitmaps = new WeakMap<object, Map<string, Bitmap>>();

/** A w × h picture of `values` (drawn by `fill` into RGBA pixels), made once per values array and style. */
function bitmap(values: object, style: string, w: number, h: number, fill: (data: Uint8ClampedArray) => void): Bitmap | null {
  const byStyle = bitmaps.get(values) ?? new Map<string, Bitmap>();
  bitmaps.set(values, byStyle);
  const cached = byStyle.get(style);
  if (cached) return cached;
  const canvas: Bitmap = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(w, h) : Object.assign(document.createElement('canvas'), { width: w, height: h });
  const c = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!c) return null;
  const img = c.createImageData(w, h);
  fill(img.data);
  c.putImageData(img, 0, 0);
  byStyle.set(style, canvas);
  return canvas;
}

/** Draws a bitmap into r with sharp pixels. */
function blit(ctx: CanvasRenderingContext2D, picture: Bitmap | null, r: Rect): void {
  if (!picture) return;
  const smoothing = ctx.imageSmoothingEnabled;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(picture, r.x, r.y, r.w, r.h);
  ctx.imageSmoothingEnabled = smoothing;
}

/** Pixels of an HWC image as grey levels 0..1 (contrast stretched per image). */
function greyLevels(values: ArrayLike<number>, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(h * w);
  let lo = Infinity;
  let hi = -Infinity;
  for (let p = 0; p < h * w; p++) {
    let s = 0;
    for (let k = 0; k < c; k++) s += values[p * c + k] as number;
    out[p] = s / c;
    lo = Math.min(lo, out[p] as number);
    hi = Math.max(hi, out[p] as number);
  }
  const span = hi - lo > 1e-9 ? hi - lo : 1;
  for (let p = 0; p < out.length; p++) out[p] = ((out[p] as number) - lo) / span;
  return out;
}

export interface ImageOverlay {
  /** One weight per patch (rows × cols), or null for the image alone. */
  readonly weights: ArrayLike<number> | null;
  readonly rows: number;
  readonly cols: number;
  readonly max: number;
  /** A patch to outline (the chosen query), or null. */
  readonly highlight: number | null;
}

/** An image (HWC) with weights laid over its patches, warm where the weight is high. */
export function drawImageOverlay(ctx: CanvasRenderingContext2D, r: Rect, title: string, values: ArrayLike<number>, shape: readonly number[], overlay: ImageOverlay): void {
  const [h = 1, w = 1, c = 1] = shape;
  const body = caption(ctx, r, title);
  const box = fitInto(body, w, h);
  const dim = overlay.weights ? 0.7 : 1;
  const picture = bitmap(values, `image:${dim}`, w, h, (data) => {
    const grey = greyLevels(values, h, w, c);
    for (let p = 0; p < w * h; p++) {
      const g = Math.round(255 * (1 - dim) + (grey[p] as number) * 255 * dim);
      data[p * 4] = g;
      data[p * 4 + 1] = g;
      data[p * 4 + 2] = g;
      data[p * 4 + 3] = 255;
    }
  });
  blit(ctx, picture, box);
  const pw = box.w / overlay.cols;
  const ph = box.h / overlay.rows;
  if (overlay.weights) {
    const [R, G, B] = OVERLAY_RGB;
    for (let i = 0; i < overlay.rows * overlay.cols; i++) {
      const v = overlay.weights[i] as number;
      const a = Number.isFinite(v) && overlay.max > 0 ? 0.7 * Math.min(1, v / overlay.max) ** 1.5 : 0;
      ctx.fillStyle = `rgba(${R}, ${G}, ${B}, ${a.toFixed(3)})`;
      ctx.fillRect(box.x + (i % overlay.cols) * pw, box.y + Math.floor(i / overlay.cols) * ph, pw, ph);
    }
  }
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
  ctx.lineWidth = 1;
  for (let k = 1; k < overlay.cols; k++) {
    ctx.beginPath();
    ctx.moveTo(Math.round(box.x + k * pw) + 0.5, box.y);
    ctx.lineTo(Math.round(box.x + k * pw) + 0.5, box.y + box.h);
    ctx.stroke();
  }
  for (let k = 1; k < overlay.rows; k++) {
    ctx.beginPath();
    ctx.moveTo(box.x, Math.round(box.y + k * ph) + 0.5);
    ctx.lineTo(box.x + box.w, Math.round(box.y + k * ph) + 0.5);
    ctx.stroke();
  }
  if (overlay.highlight !== null) {
    ctx.strokeStyle = '#2563eb';
    ctx.lineWidth = 2.5;
    ctx.strokeRect(box.x + (overlay.highlight % overlay.cols) * pw + 1, box.y + Math.floor(overlay.highlight / overlay.cols) * ph + 1, pw - 2, ph - 2);
  }
}

export interface TimeOverlay {
  /** One weight per token along time, or null for the spectrogram alone. */
  readonly weights: ArrayLike<number> | null;
  readonly tokens: number;
  readonly max: number;
  readonly highlight: number | null;
  /** Seconds per spectrogram step, for the time axis (null: steps). */
  readonly secondsPerStep: number | null;
}

/** A spectrogram [T, F] (time left to right, frequency upwards) with weights as a warm strip above it along time. */
export function drawSpectrogramOverlay(ctx: CanvasRenderingContext2D, r: Rect, title: string, values: ArrayLike<number>, shape: readonly number[], overlay: TimeOverlay): void {
  const [t = 1, f = 1] = shape;
  const body = caption(ctx, r, title);
  const stripH = overlay.weights ? Math.min(34, body.h * 0.3) : 0;
  const axisH = 13;
  const spec: Rect = { x: body.x, y: body.y + stripH + 2, w: body.w, h: Math.max(10, body.h - stripH - 2 - axisH) };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < t * f; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const span = hi - lo > 1e-9 ? hi - lo : 1;
  // Time left to right, frequency bottom to top: pixel (x = step, y = f − 1 − bin).
  const picture = bitmap(values, 'spectrogram', t, f, (data) => {
    for (let i = 0; i < t; i++) {
      for (let k = 0; k < f; k++) {
        const g = Math.round(245 - (((values[i * f + k] as number) - lo) / span) * 200);
        const p = ((f - 1 - k) * t + i) * 4;
        data[p] = g;
        data[p + 1] = g;
        data[p + 2] = Math.min(255, g + 8);
        data[p + 3] = 255;
      }
    }
  });
  blit(ctx, picture, spec);
  const tw = spec.w / Math.max(1, overlay.tokens);
  if (overlay.weights) {
    const [R, G, B] = OVERLAY_RGB;
    for (let j = 0; j < overlay.tokens; j++) {
      const v = overlay.weights[j] as number;
      const frac = Number.isFinite(v) && overlay.max > 0 ? Math.min(1, v / overlay.max) : 0;
      const bh = frac * (stripH - 2);
      ctx.fillStyle = `rgba(${R}, ${G}, ${B}, 0.9)`;
      ctx.fillRect(spec.x + j * tw, body.y + stripH - bh, Math.max(1, tw - (tw > 4 ? 1 : 0)), bh);
      ctx.fillStyle = `rgba(${R}, ${G}, ${B}, ${(0.45 * frac).toFixed(3)})`;
      ctx.fillRect(spec.x + j * tw, spec.y, tw, spec.h);
    }
    ctx.fillStyle = RULE;
    ctx.fillRect(spec.x, body.y + stripH, spec.w, 1);
  }
  if (overlay.highlight !== null) {
    ctx.strokeStyle = '#2563eb';
    ctx.lineWidth = 2;
    ctx.strokeRect(spec.x + overlay.highlight * tw + 1, spec.y + 1, Math.max(2, tw - 2), spec.h - 2);
  }
  // Time axis.
  ctx.font = FONT;
  ctx.fillStyle = MUTED;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText('0', spec.x, spec.y + spec.h + 2);
  ctx.textAlign = 'right';
  ctx.fillText(overlay.secondsPerStep !== null ? `${(t * overlay.secondsPerStep).toFixed(2)} s` : `${t} steps`, spec.x + spec.w, spec.y + spec.h + 2);
  ctx.textAlign = 'center';
  ctx.fillText('time →', spec.x + spec.w / 2, spec.y + spec.h + 2);
}

export interface WordOverlay {
  readonly weights: ArrayLike<number> | null;
  readonly max: number;
  readonly highlight: number | null;
}

/** The words of a text, each shaded by its weight, wrapped into lines. */
export function drawWordsOverlay(ctx: CanvasRenderingContext2D, r: Rect, title: string, words: readonly string[], overlay: WordOverlay): void {
  const body = caption(ctx, r, title);
  ctx.font = '12.5px ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const lineH = 24;
  let x = body.x;
  let y = body.y + 2;
  const [R, G, B] = OVERLAY_RGB;
  words.forEach((word, i) => {
    const w = ctx.measureText(word).width + 10;
    if (x + w > body.x + body.w && x > body.x) {
      x = body.x;
      y += lineH + 4;
    }
    if (y + lineH > body.y + body.h) return;
    const v = overlay.weights ? (overlay.weights[i] as number) : 0;
    const frac = Number.isFinite(v) && overlay.max > 0 ? Math.min(1, v / overlay.max) : 0;
    ctx.fillStyle = overlay.weights ? `rgba(${R}, ${G}, ${B}, ${(0.08 + 0.8 * frac).toFixed(3)})` : '#f1f5f9';
    ctx.beginPath();
    ctx.roundRect(x, y, w, lineH, 5);
    ctx.fill();
    if (overlay.highlight === i) {
      ctx.strokeStyle = '#2563eb';
      ctx.lineWidth = 2;
      ctx.stroke();
    }
    ctx.fillStyle = frac > 0.6 ? '#ffffff' : INK;
    ctx.fillText(word, x + 5, y + lineH / 2 + 0.5);
    x += w + 4;
  });
}

/** Weights over tokens that have no picture: one bar each. */
export function drawBarsOverlay(ctx: CanvasRenderingContext2D, r: Rect, title: string, labels: readonly string[], weights: ArrayLike<number>, max: number, highlight: number | null): void {
  const body = caption(ctx, r, title);
  const n = Math.max(1, labels.length);
  const bw = body.w / n;
  const [R, G, B] = OVERLAY_RGB;
  ctx.font = FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const plotH = body.h - 16;
  for (let j = 0; j < labels.length; j++) {
    const v = weights[j] as number;
    const frac = Number.isFinite(v) && max > 0 ? Math.min(1, v / max) : 0;
    ctx.fillStyle = highlight === j ? '#2563eb' : `rgb(${R}, ${G}, ${B})`;
    ctx.fillRect(body.x + j * bw + 2, body.y + plotH * (1 - frac), Math.max(1, bw - 4), plotH * frac);
    ctx.fillStyle = INK_2;
    ctx.fillText(fitText(ctx, labels[j] ?? '', bw), body.x + (j + 0.5) * bw, body.y + plotH + 2);
  }
}

/** A centred grey line of text (an empty state). */
export function drawMessage(ctx: CanvasRenderingContext2D, r: Rect, text: string): void {
  ctx.save();
  ctx.font = FONT;
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(fitText(ctx, text, r.w - 16), r.x + r.w / 2, r.y + r.h / 2);
  ctx.restore();
}
