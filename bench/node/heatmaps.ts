// The heatmaps bench (issue 6): training throughput of models with attention in the app's loop,
// with live heatmaps off and on, as ratios within one run. Its summary and its section of
// docs/BENCHMARKS.md.
import type { BackendResult } from '../web/protocol.ts';

/** The issue's target: throughput with live heatmaps on at least this share of off. */
export const HEATMAP_TARGET = 0.95;

export interface HeatmapRow {
  readonly backend: string;
  readonly model: string;
  /**
   * Samples/s over the whole timed window (every batch, the snapshots between them included):
   * no probes and no snapshots; probes compiled in but no snapshots (the loop trains the heads-only
   * view); live heatmaps (snapshots twice a second, posted to the page and drawn).
   */
  readonly off: number;
  readonly compiled: number | null;
  readonly on: number;
  /** The same from the median batch time. */
  readonly offMedian: number;
  readonly onMedian: number;
  /** on / off from median batch times (the cost inside a training step). */
  readonly ratio: number;
  /**
   * on / off throughput (total time): the median over rounds of each round's ratio, the two
   * windows of a round timed back to back (other jobs on the machine hit both alike). Compared
   * with HEATMAP_TARGET.
   */
  readonly meanRatio: number;
  /** Each round's on / off throughput. */
  readonly roundRatios: readonly number[];
  /** on / off over every round's windows pooled. */
  readonly pooledRatio: number;
  /** compiled / off over total time. */
  readonly compiledRatio: number | null;
  /** Snapshots per live round, their cost in the worker (ms each), and the page's heatmap frames and drawing time for this backend. */
  readonly snapshots: readonly number[];
  readonly snapshotMs: readonly number[];
  readonly frames: number | null;
  readonly drawMs: number | null;
  readonly met: boolean;
}

export interface HeatmapSummary {
  readonly rows: readonly HeatmapRow[];
  readonly failed: readonly { readonly backend: string; readonly model: string; readonly reason: string }[];
  readonly skipped: readonly { readonly backend: string; readonly reason: string }[];
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export function summariseHeatmaps(backends: readonly BackendResult[]): HeatmapSummary {
  const rows: HeatmapRow[] = [];
  const failed: HeatmapSummary['failed'][number][] = [];
  for (const b of backends) {
    if (!b.available) continue;
    for (const m of b.models) {
      const off = m.variants.probesOff;
      const on = m.variants.probesOn;
      const compiled = m.variants.probeOutputs ?? null;
      if (!off || !on) {
        failed.push({ backend: b.label, model: m.model, reason: m.error ?? 'not timed' });
        continue;
      }
      const rounds = (m.probePairRatios ?? []).filter((x) => Number.isFinite(x));
      const meanRatio = round(rounds.length > 0 ? (median(rounds) as number) : on.mean / off.mean);
      const frames = b.info['heatmapFrames'];
      const drawMs = b.info['heatmapDrawMs'];
      rows.push({
        backend: b.label,
        model: m.model,
        off: Math.round(off.mean),
        compiled: compiled ? Math.round(compiled.mean) : null,
        on: Math.round(on.mean),
        offMedian: Math.round(off.median),
        onMedian: Math.round(on.median),
        ratio: round(on.median / off.median),
        meanRatio,
        roundRatios: rounds.map((x) => round(x)),
        pooledRatio: round(on.mean / off.mean),
        compiledRatio: compiled ? round(compiled.mean / off.mean) : null,
        snapshots: m.snapshots ?? [],
        snapshotMs: m.snapshotMs ?? [],
        frames: typeof frames === 'number' ? frames : null,
        drawMs: typeof drawMs === 'number' ? drawMs : null,
        met: meanRatio >= HEATMAP_TARGET,
      });
    }
  }
  const skipped = backends.filter((b) => !b.available).map((b) => ({ backend: b.label, reason: b.reason ?? 'unavailable' }));
  return { rows, failed, skipped };
}

export interface HeatmapsFile {
  readonly date: string;
  readonly command: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly models: Readonly<Record<string, { readonly title: string; readonly layers: string }>>;
  readonly summary: HeatmapSummary;
}

const int = (x: number | null): string => (x === null || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US'));
const times = (x: number | null): string => (x === null || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`);

/** The "Live heatmaps on and off" section of docs/BENCHMARKS.md. */
export function heatmapsSection(h: HeatmapsFile | null): string[] {
  const out = ['## Live heatmaps on and off (issue 6)', ''];
  if (!h) return [...out, 'Not measured yet: run `npm run bench -- --only heatmaps`.', ''];
  out.push(
    `Measured ${h.date.replace('T', ' ').slice(0, 16)} UTC (\`${h.command}\`). Target: training throughput with live heatmaps on at least ${Math.round(HEATMAP_TARGET * 100)} % of off, in the same run.`,
    '',
    '| backend | model | off | probes compiled in | live heatmaps | **on / off** (median of rounds) | each round | pooled | median batch | snapshot cost | drawing | target |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |',
  );
  for (const r of h.summary.rows) {
    const perRound = (r.snapshots.reduce((a, b) => a + b, 0) / Math.max(1, r.snapshots.length)).toFixed(1);
    const snap = `${perRound} a round${r.snapshotMs.length > 0 ? `, ~${(median(r.snapshotMs) ?? 0).toFixed(0)} ms each` : ''}`;
    const drawing = r.frames !== null && r.drawMs !== null ? `${r.frames} frames, ${(r.drawMs / Math.max(1, r.frames)).toFixed(1)} ms each` : '—';
    out.push(
      `| ${r.backend} | ${r.model} | ${int(r.off)} | ${int(r.compiled)} | ${int(r.on)} | **${times(r.meanRatio)}** | ${r.roundRatios.map((x) => x.toFixed(2)).join(' / ')} | ${times(r.pooledRatio)} | ${times(r.ratio)} | ${snap} | ${drawing} | ${r.met ? 'met' : 'not met'} |`,
    );
  }
  for (const f of h.summary.failed) out.push(`| ${f.backend} | ${f.model} | failed: ${f.reason.slice(0, 160)} | | | | | | | | | |`);
  for (const s of h.summary.skipped) out.push(`| ${s.backend} | — | skipped: ${s.reason.slice(0, 160)} | | | | | | | | | |`);
  out.push(
    '',
    'Samples/s of the app\'s whole training loop (`trainModel`), each variant timed for the same seconds per round, rounds alternating their order. ' +
      '"off" compiles without probes and takes no snapshots; "probes compiled in" adds the attention maps as probe outputs but takes no snapshots; ' +
      '"live heatmaps" takes a snapshot of the probe samples twice a second, posts it to the page (values transferred, as the app\'s worker does), where the app\'s heatmap store decodes it and the Attention tab\'s drawing code draws it at the next animation frame. ' +
      'The ratio is throughput over total time, so it counts the snapshots and the page\'s drawing on the shared cores; each round times the variants back to back and the headline is the median of the rounds\' ratios, which other jobs on the machine move least (the pooled ratio and the median-batch ratio are there for comparison). ' +
      'The loop trains the heads-only view of the model and reads probes through a probe-only view over the same layers, so a probe no longer runs its attention layer a second time in every step (in tfjs 4.22 a layer runs once per output of it the fetched graph uses); a snapshot is read asynchronously, one at a time. ' +
      'Snapshot cost is the time a snapshot adds to the batch it follows, from the batch intervals. What remains is the snapshot itself: about a millisecond or two on wasm, where the app trains on this machine (its "auto" choice), but tens of milliseconds of emulated GPU work on the software WebGL and WebGPU here (SwiftShader), where a 10-sample forward pass costs a sizeable share of a training step; a real GPU runs these kernels in far less time.',
    '',
  );
  for (const [id, m] of Object.entries(h.models)) out.push(`- **${id}** (${m.title}): ${m.layers}.`);
  out.push('');
  return out;
}
