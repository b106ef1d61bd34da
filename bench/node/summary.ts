// The figures people read: per backend and model, compiled vs hand-written vs PyTorch.
import type { BackendResult, KernelProfile } from '../web/protocol.ts';
import type { PytorchRun } from './pytorch.ts';

export interface SummaryRow {
  readonly backend: string;
  readonly model: string;
  /** Median samples/s (null when the model failed on this backend). */
  readonly compiled: number | null;
  readonly handwritten: number | null;
  /** compiled / handwritten (target: ≥ 0.98). */
  readonly ratio: number | null;
  /** compiled / handwritten from step pairs (median over every pair of steps taken back to back). */
  readonly pairedRatio: number | null;
  /** The app's whole training loop (trainModel) on the compiled model. */
  readonly appLoop: number | null;
  readonly appLoopRatio: number | null;
  /** PyTorch samples/s on the same CPU with torch.set_num_threads(2) (the same figure for every backend). */
  readonly pytorch: number | null;
  /** PyTorch with one thread (context: two threads spin when other jobs hold the cores). */
  readonly pytorchOneThread: number | null;
  /**
   * PyTorch at its best in this run: the faster of two threads and one (on a calm machine two
   * threads; when other jobs hold the cores, one: PyTorch's two threads then spin and collapse).
   */
  readonly pytorchBest: number | null;
  /** compiled / pytorchBest. */
  readonly ratioToPytorch: number | null;
  /**
   * The compiled step's extra kernels (by tf.profile: kernels it runs more often than the
   * hand-written step) in ms per step, and as a share of the hand-written step's kernel time.
   */
  readonly extraKernelMs: number | null;
  readonly extraKernelShare: number | null;
  readonly error?: string;
}

export type BestRow = Pick<SummaryRow, 'backend' | 'pytorch' | 'pytorchOneThread' | 'pytorchBest' | 'ratioToPytorch'> & { readonly compiled: number };

export interface Summary {
  readonly rows: readonly SummaryRow[];
  /** Per model: the backend where the compiled model trains fastest, and its ratio to PyTorch. */
  readonly best: Readonly<Record<string, BestRow>>;
  /**
   * The attention model in the app loop, samples/s: probes off, probe outputs only, probes on
   * (outputs + snapshots); ratios to off from median batch times, and from mean batch times
   * (which also count the snapshots taken between batches).
   */
  readonly probes: readonly {
    readonly backend: string;
    readonly off: number;
    readonly outputs: number | null;
    readonly on: number;
    readonly ratio: number;
    readonly outputsRatio: number | null;
    readonly meanRatio: number | null;
  }[];
  readonly skipped: readonly { readonly backend: string; readonly reason: string }[];
}

const round = (x: number | null | undefined, digits = 3): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits);

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Time of the kernels the compiled step runs more often than the hand-written one (mean time per instance × extra count). */
export function extraKernels(c: KernelProfile | undefined, h: KernelProfile | undefined): { extraKernelMs: number | null; extraKernelShare: number | null } {
  if (!c?.msByName || !h?.totalMs) return { extraKernelMs: null, extraKernelShare: null };
  let ms = 0;
  for (const [name, count] of Object.entries(c.byName)) {
    const extra = count - (h.byName[name] ?? 0);
    if (extra > 0 && count > 0) ms += (extra * (c.msByName[name] ?? 0)) / count;
  }
  return { extraKernelMs: round(ms), extraKernelShare: round(ms / h.totalMs, 4) };
}

export function summarise(backends: readonly BackendResult[], pytorch: PytorchRun | null): Summary {
  const torch = (model: string): number | null => (pytorch?.available ? (pytorch.models[model]?.median ?? null) : null);
  const torch1 = (model: string): number | null => (pytorch?.available ? (pytorch.otherThreads?.['1']?.[model]?.median ?? null) : null);
  const rows: SummaryRow[] = [];
  const probes: Summary['probes'][number][] = [];
  for (const b of backends) {
    if (!b.available) continue;
    for (const m of b.models) {
      if (m.model === 'attention') {
        const off = m.variants.probesOff?.median;
        const on = m.variants.probesOn?.median;
        const outputs = m.variants.probeOutputs?.median ?? null;
        if (off && on) {
          probes.push({
            backend: b.label,
            off: Math.round(off),
            outputs: outputs === null ? null : Math.round(outputs),
            on: Math.round(on),
            ratio: round(on / off) as number,
            outputsRatio: outputs === null ? null : round(outputs / off),
            meanRatio: round(m.probeMeanRatio),
          });
        }
        continue;
      }
      const compiled = m.variants.compiled?.median ?? null;
      const hand = m.variants.handwritten?.median ?? null;
      const appLoop = m.variants.appLoop?.median ?? null;
      const py = torch(m.model);
      const py1 = torch1(m.model);
      const pyBest = py === null ? py1 : py1 === null ? py : Math.max(py, py1);
      rows.push({
        backend: b.label,
        model: m.model,
        compiled: compiled === null ? null : Math.round(compiled),
        handwritten: hand === null ? null : Math.round(hand),
        ratio: compiled && hand ? round(compiled / hand) : null,
        pairedRatio: round(m.stepRatio ?? median(m.pairedRatios ?? [])),
        appLoop: appLoop === null ? null : Math.round(appLoop),
        appLoopRatio: appLoop && hand ? round(appLoop / hand) : null,
        pytorch: py === null ? null : Math.round(py),
        pytorchOneThread: py1 === null ? null : Math.round(py1),
        pytorchBest: pyBest === null ? null : Math.round(pyBest),
        ratioToPytorch: compiled && pyBest ? round(compiled / pyBest) : null,
        ...extraKernels(m.profiles?.compiled, m.profiles?.handwritten),
        ...(m.error ? { error: m.error } : {}),
      });
    }
  }
  const best: Record<string, BestRow> = {};
  // Only what the app can pick: its backends as they start (not the "wasm (2 threads)" experiment).
  for (const r of rows) {
    if (r.compiled === null || !(['webgpu', 'webgl', 'wasm', 'cpu'] as const).some((b) => b === r.backend)) continue;
    const cur = best[r.model];
    if (!cur || r.compiled > cur.compiled) best[r.model] = { backend: r.backend, compiled: r.compiled, pytorch: r.pytorch, pytorchOneThread: r.pytorchOneThread, pytorchBest: r.pytorchBest, ratioToPytorch: r.ratioToPytorch };
  }
  const skipped = backends.filter((b) => !b.available).map((b) => ({ backend: b.label, reason: b.reason ?? 'unavailable' }));
  return { rows, best, probes, skipped };
}
