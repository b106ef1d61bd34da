// Draws one metric's curves (training per batch, raw and smoothed; validation per epoch) with
// axes onto a 2D canvas context. Pure drawing from a telemetry snapshot: MetricChart.tsx calls it
// inside requestAnimationFrame.
import type { TelemetrySnapshot } from './telemetry.ts';

export type ChartMetric = 'loss' | 'accuracy';

export const CHART_COLORS = {
  train: '#3b6fe0',
  trainRaw: 'rgba(59, 111, 224, 0.22)',
  validation: '#e0701b',
  grid: '#e8edf3',
  axis: '#94a3b8',
  label: '#64748b',
  text: '#475569',
} as const;

const PAD = { left: 44, right: 12, top: 10, bottom: 30 } as const;
const FONT = '11px ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/** About `count` round tick values from 0 to at least `max` (1, 2, 2.5, 5 × 10^k steps). */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function tickLabel(v: number, metric: ChartMetric): string {
  if (metric === 'accuracy') return v.toFixed(v === 0 || v === 1 ? 0 : 2);
  if (v === 0) return '0';
  return Math.abs(v) >= 10 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2);
}

function maxFinite(values: readonly number[], from = 0): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = from; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m;
}

/** The y range: accuracy is 0..1; loss goes from 0 to a little above the smoothed and validation curves. */
function yMaxFor(t: TelemetrySnapshot, metric: ChartMetric): number {
  if (metric === 'accuracy') return 1;
  const smooth = maxFinite(t.batches.lossSmooth);
  const val = maxFinite(t.epochs.map((e) => e.valLoss ?? Number.NaN));
  const train = maxFinite(t.epochs.map((e) => e.trainLoss));
  const m = Math.max(smooth, val, train);
  return Number.isFinite(m) && m > 0 ? m * 1.15 : 1;
}

export function drawChart(ctx: CanvasRenderingContext2D, width: number, height: number, t: TelemetrySnapshot, metric: ChartMetric): void {
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  const plotW = Math.max(10, width - PAD.left - PAD.right);
  const plotH = Math.max(10, height - PAD.top - PAD.bottom);
  const lastX = t.batches.x.length > 0 ? (t.batches.x[t.batches.x.length - 1] as number) : 0;
  const xMax = Math.max(1, t.plannedEpochs, Math.ceil(lastX), t.epochs.length);
  const yTicks = niceTicks(yMaxFor(t, metric), metric === 'accuracy' ? 4 : 4);
  const yMax = yTicks[yTicks.length - 1] ?? 1;
  const px = (x: number): number => PAD.left + (x / xMax) * plotW;
  const py = (y: number): number => PAD.top + plotH - (Math.min(Math.max(y, 0), yMax) / yMax) * plotH;

  // Grid and y labels.
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of yTicks) {
    const y = Math.round(py(v)) + 0.5;
    ctx.strokeStyle = CHART_COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(PAD.left, y);
    ctx.lineTo(PAD.left + plotW, y);
    ctx.stroke();
    ctx.fillStyle = CHART_COLORS.label;
    ctx.fillText(tickLabel(v, metric), PAD.left - 6, y);
  }

  // x ticks at whole epochs (thinned to about 8 labels).
  const every = Math.max(1, Math.ceil(xMax / 8));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let e = 0; e <= xMax; e += every) {
    const x = Math.round(px(e)) + 0.5;
    ctx.strokeStyle = CHART_COLORS.axis;
    ctx.beginPath();
    ctx.moveTo(x, PAD.top + plotH);
    ctx.lineTo(x, PAD.top + plotH + 4);
    ctx.stroke();
    ctx.fillStyle = CHART_COLORS.label;
    ctx.fillText(String(e), x, PAD.top + plotH + 6);
  }
  ctx.fillStyle = CHART_COLORS.text;
  ctx.textAlign = 'right';
  ctx.fillText('epoch', PAD.left + plotW, PAD.top + plotH + 17);

  // Axes.
  ctx.strokeStyle = CHART_COLORS.axis;
  ctx.beginPath();
  ctx.moveTo(PAD.left + 0.5, PAD.top);
  ctx.lineTo(PAD.left + 0.5, PAD.top + plotH + 0.5);
  ctx.lineTo(PAD.left + plotW, PAD.top + plotH + 0.5);
  ctx.stroke();

  const { x: xs } = t.batches;
  const raw = metric === 'loss' ? t.batches.loss : t.batches.acc;
  const smooth = metric === 'loss' ? t.batches.lossSmooth : t.batches.accSmooth;
  if (xs.length === 0 && t.epochs.length === 0) {
    ctx.fillStyle = CHART_COLORS.label;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(t.runId === null ? 'Press Train to see the curves' : 'Waiting for the first batch…', PAD.left + plotW / 2, PAD.top + plotH / 2);
    return;
  }

  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top - 2, plotW + 2, plotH + 4);
  ctx.clip();
  // At most about two points per pixel.
  const stride = Math.max(1, Math.ceil(xs.length / (plotW * 2)));
  const line = (ys: readonly number[], color: string, widthPx: number): void => {
    ctx.strokeStyle = color;
    ctx.lineWidth = widthPx;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    let open = false;
    for (let i = 0; i < xs.length; i += stride) {
      const y = ys[i] as number;
      if (!Number.isFinite(y)) {
        open = false;
        continue;
      }
      const X = px(xs[i] as number);
      const Y = py(y);
      if (open) ctx.lineTo(X, Y);
      else ctx.moveTo(X, Y);
      open = true;
    }
    ctx.stroke();
  };
  line(raw, CHART_COLORS.trainRaw, 1);
  line(smooth, CHART_COLORS.train, 2);

  // Validation: one point per epoch, at the epoch's end.
  const val = t.epochs
    .map((e) => ({ x: e.epoch, y: metric === 'loss' ? e.valLoss : e.valAcc }))
    .filter((p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.y))
    .sort((a, b) => a.x - b.x);
  if (val.length > 0) {
    ctx.strokeStyle = CHART_COLORS.validation;
    ctx.lineWidth = 2;
    ctx.beginPath();
    val.forEach((p, i) => (i === 0 ? ctx.moveTo(px(p.x), py(p.y)) : ctx.lineTo(px(p.x), py(p.y))));
    ctx.stroke();
    ctx.fillStyle = CHART_COLORS.validation;
    for (const p of val) {
      ctx.beginPath();
      ctx.arc(px(p.x), py(p.y), 3, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  ctx.restore();
}
