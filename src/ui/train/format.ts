// Number formatting for the training panels (pure; tested in format.test.ts).
import { andList, formatBytes, formatCount } from '../../graph/index.ts';
import type { BackendFigure } from '../../train/trainingProtocol.ts';

export { formatBytes, formatCount };

/** "0:42", "12:05", "1:02:03"; "—" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Accuracy as 0.934 ("—" when unknown). */
export function formatAcc(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3);
}

/** Loss with 3 significant decimals, or "NaN"/"∞" said plainly. */
export function formatLoss(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return '∞';
  return x >= 100 ? x.toFixed(0) : x.toFixed(3);
}

/** "1,520" */
export function formatRate(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US');
}

/** "+0.41" / "−0.02": what a modality adds. */
export function formatDelta(x: number): string {
  const sign = x >= 0.005 ? '+' : x <= -0.005 ? '−' : '±';
  return `${sign}${Math.abs(x).toFixed(2)}`;
}

/**
 * The backend line: the one in use with its probe figure first, then the others measured
 * ("webgl — 1,520 samples/s; wasm 3,300; cpu 600"); a failed probe says so.
 */
export function describeBackends(inUse: string, figures: readonly BackendFigure[], liveRate: number | null = null): string {
  const mine = figures.find((f) => f.backend === inUse);
  const head =
    mine?.samplesPerSec != null
      ? `${inUse} — ${formatRate(mine.samplesPerSec)} samples/s`
      : liveRate !== null
        ? `${inUse} — ${formatRate(liveRate)} samples/s while training`
        : inUse;
  const others = figures
    .filter((f) => f.backend !== inUse && f.skipped === undefined)
    .map((f) => (f.samplesPerSec != null ? `${f.backend} ${formatRate(f.samplesPerSec)}` : `${f.backend} failed`));
  const skipped = figures.filter((f) => f.backend !== inUse && f.skipped !== undefined).map((f) => f.backend);
  if (skipped.length > 0) others.push(`${andList(skipped)} not timed`);
  return others.length === 0 ? head : `${head}; ${others.join('; ')}`;
}

/** "14:05" (today) or "3 Nov 14:05". */
export function formatWhen(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === d.toDateString() ? time : `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}
