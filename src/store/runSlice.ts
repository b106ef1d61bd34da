// The run slice: the current training run (or fusion arena) as ONE discriminated union on `phase`,
// the arena's leaderboard, the run history, the runs picked for comparison, the backend people
// asked for, and the training settings' edits (undoable, in doc.training).
//
// Only low-frequency facts live here: phases, the plan, progress (the UI writes it a few times a
// second, not per batch), memory per epoch, results. Per-batch telemetry goes to the UI's
// transient buffer (src/ui/train/telemetry.ts) and is drawn to canvas. The slice never talks to
// the worker: src/ui/train/runActions.ts posts the requests, src/ui/train/runSync.ts feeds the
// worker's events to applyTrainingEvent.
import type { StateCreator } from 'zustand/vanilla';
import { TRAINING_LIMITS } from '../graph/index.ts';
import type { TrainingSettings } from '../graph/index.ts';
import { DEFAULT_ARENA_STRATEGIES, FUSION_STRATEGIES } from '../train/trainingProtocol.ts';
import type {
  AblationRow,
  ArenaRow,
  BackendFigure,
  BackendName,
  BackendRequest,
  FusionStrategy,
  RunMetrics,
  RunRecord,
  TrainingEvent,
} from '../train/trainingProtocol.ts';
import { selectDiagnosticCounts } from './selectors.ts';
import type { AppState } from './types.ts';

/** Most runs the history keeps (oldest dropped first). */
export const RUN_HISTORY_LIMIT = 60;

export type RunMode = 'train' | 'arena';

/** Where training stands, from the latest batch (written a few times a second, not per batch). */
export interface RunProgress {
  readonly epoch: number;
  readonly epochs: number;
  /** Batches done in the current epoch (0 before the first). */
  readonly batch: number;
  readonly batches: number;
  /** Seconds left for the whole run, or null before the first batch. */
  readonly etaSeconds: number | null;
  readonly samplesPerSec: number | null;
}

/** tf.memory() in the worker after the latest epoch. */
export interface RunMemory {
  readonly numTensors: number;
  readonly numBytes: number;
  readonly epoch: number;
}

/** What the run trains on (train.plan, without the probes). */
export interface RunPlan {
  readonly epochs: number;
  readonly batchesPerEpoch: number;
  readonly samples: { readonly train: number; readonly validation: number; readonly test: number };
  readonly classes: readonly string[];
  readonly bindings: Readonly<Record<string, string>>;
  readonly paramCount: number;
}

/** The backend: the one asked for, the one in use, and the probe figures when 'auto' timed them. */
export interface RunBackend {
  readonly request: BackendRequest;
  readonly name: BackendName | null;
  readonly figures: readonly BackendFigure[];
  /** The worker's latest line about it ("Timing a few training steps on webgl, wasm, cpu…"). */
  readonly message: string | null;
}

/** The validation results of a finished run (train.done). */
export interface RunEvaluation {
  readonly metrics: RunMetrics;
  readonly classes: readonly string[];
  /** confusion[true][predicted] on the validation split. */
  readonly confusion: readonly (readonly number[])[];
  readonly perClass: readonly (number | null)[];
  readonly ablation: readonly AblationRow[];
}

/** A request sent to the worker and not yet answered. */
export type PendingRequest = 'pause' | 'resume' | 'stop';

interface RunBase {
  readonly runId: string;
  readonly mode: RunMode;
  readonly datasetId: string;
  readonly projectName: string;
  readonly startedAt: number;
  readonly backend: RunBackend;
  readonly plan: RunPlan | null;
  /** The latest backend fallback ("webgl failed (…); continuing on cpu from epoch 3, batch 12."). */
  readonly fallback: string | null;
}

interface ActiveBase extends RunBase {
  readonly pending: PendingRequest | null;
}

interface Finished extends RunBase {
  readonly finishedAt: number;
}

export type RunState =
  | { readonly phase: 'idle' }
  | (ActiveBase & { readonly phase: 'compiling' })
  | (ActiveBase & { readonly phase: 'choosing-backend' })
  | (ActiveBase & { readonly phase: 'training'; readonly progress: RunProgress; readonly memory: RunMemory | null })
  | (ActiveBase & { readonly phase: 'paused'; readonly progress: RunProgress; readonly memory: RunMemory | null })
  | (ActiveBase & { readonly phase: 'evaluating'; readonly progress: RunProgress; readonly memory: RunMemory | null })
  | (Finished & { readonly phase: 'done'; readonly record: RunRecord | null; readonly evaluation: RunEvaluation | null; readonly memory: RunMemory | null })
  | (Finished & { readonly phase: 'stopped'; readonly message: string | null; readonly memory: RunMemory | null })
  | (Finished & {
      readonly phase: 'error';
      readonly message: string;
      readonly cause: string | null;
      readonly fix: string | null;
      readonly nodeId: string | null;
    });

export type RunPhase = RunState['phase'];
export type ActiveRun = Extract<RunState, { readonly pending: PendingRequest | null }>;
export type FinishedRun = Extract<RunState, { readonly finishedAt: number }>;

/** The variant the arena is training now. */
export interface ArenaVariant {
  readonly strategy: FusionStrategy;
  readonly variantRunId: string;
  /** 0-based. */
  readonly index: number;
  readonly total: number;
}

export interface ArenaState {
  readonly arenaId: string;
  readonly status: 'running' | 'done' | 'stopped' | 'error';
  /** Leaderboard rows in arrival order (ranked for display by arenaLeaderboard). */
  readonly rows: readonly ArenaRow[];
  readonly current: ArenaVariant | null;
  readonly strategies: readonly FusionStrategy[] | null;
  readonly message: string | null;
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

/** The panel of the bottom dock in front. */
export type DockTab = 'problems' | 'training' | 'attention' | 'arena' | 'runs';

/** What a run needs to begin (runActions makes the runId and posts the request). */
export interface RunStart {
  readonly runId: string;
  readonly mode: RunMode;
  readonly datasetId: string;
  readonly projectName: string;
  readonly request: BackendRequest;
  readonly startedAt: number;
  /** Arena only: the strategies asked for (null: the worker's default list). */
  readonly strategies?: readonly FusionStrategy[] | null;
}

export type TrainingSettingName = Exclude<keyof TrainingSettings, 'optimizer'>;

export interface RunSlice {
  readonly run: RunState;
  readonly arena: ArenaState | null;
  /** Finished runs, newest first (train.done and arena.done records). */
  readonly runHistory: readonly RunRecord[];
  /** Up to two runIds picked for side-by-side comparison, in the order picked. */
  readonly compareIds: readonly string[];
  /** The backend people asked for ('auto': the worker times each and takes the fastest). */
  readonly backendRequest: BackendRequest;
  readonly dockTab: DockTab;
  /** The strategies the next arena trains (in the protocol's order). */
  readonly arenaStrategies: readonly FusionStrategy[];

  /** A run was requested: phase 'compiling' (and, for an arena, an empty leaderboard). */
  startRun(start: RunStart): void;
  /** Feed one worker event (train.* / arena.*); events of other runs are ignored. */
  applyTrainingEvent(event: TrainingEvent): void;
  /** Progress from the latest batch (the UI calls this a few times a second, not per batch). */
  setRunProgress(runId: string, progress: RunProgress): void;
  /** Remember a request sent to the worker (Pause, Resume, Stop) until it answers. */
  markPending(request: PendingRequest): void;
  /** The run could not go on (the worker failed, the page could not send the request). */
  failRun(runId: string, message: string, fix?: string): void;
  /** End a run whose worker did not answer Stop (it is gone or stuck): phase 'stopped' with the reason. */
  abandonRun(runId: string, message: string): void;
  /** Back to idle (keeps the history and the last arena's leaderboard). */
  clearRun(): void;

  setBackendRequest(request: BackendRequest): void;
  setDockTab(tab: DockTab): void;
  /** Include or leave out a strategy from the next arena. */
  toggleArenaStrategy(strategy: FusionStrategy): void;
  setOptimizer(optimizer: TrainingSettings['optimizer']): void;
  /** Set a numeric training setting (one coalesced undo step per setting); false when out of range. */
  setTrainingNumber(name: TrainingSettingName, value: number): boolean;

  /** Replace the history (loaded from storage). */
  setRunHistory(records: readonly RunRecord[]): void;
  addRunRecords(records: readonly RunRecord[]): void;
  removeRun(runId: string): void;
  clearRunHistory(): void;
  /** Pick or unpick a run for comparison (picking a third drops the oldest pick). */
  toggleCompare(runId: string): void;
  /** Load a run's graph into the editor (undoable); false when the run is not in the history. */
  openRunGraph(runId: string): boolean;
}

// ---------------------------------------------------------------- helpers

export const ACTIVE_PHASES: ReadonlySet<RunPhase> = new Set<RunPhase>(['compiling', 'choosing-backend', 'training', 'paused', 'evaluating']);

export function isActive(run: RunState): run is ActiveRun {
  return ACTIVE_PHASES.has(run.phase);
}

export function isFinished(run: RunState): run is FinishedRun {
  return run.phase === 'done' || run.phase === 'stopped' || run.phase === 'error';
}

/** Integer settings (the rest take any number in range). */
const INTEGER_SETTINGS: ReadonlySet<TrainingSettingName> = new Set<TrainingSettingName>(['batchSize', 'epochs', 'seed', 'earlyStoppingPatience']);

/** Why a value cannot be a training setting, or null when it can. */
export function trainingSettingProblem(name: TrainingSettingName, value: number): string | null {
  const { min, max } = TRAINING_LIMITS[name];
  if (!Number.isFinite(value)) return 'Enter a number.';
  if (INTEGER_SETTINGS.has(name) && !Number.isInteger(value)) return 'Enter a whole number.';
  if (name === 'learningRate' ? value <= min || value > max : value < min || value > max) {
    return name === 'learningRate' ? `Between ${min} (exclusive) and ${max}.` : `Between ${min} and ${max}.`;
  }
  return null;
}

function emptyProgress(plan: RunPlan | null): RunProgress {
  return { epoch: 1, epochs: plan?.epochs ?? 0, batch: 0, batches: plan?.batchesPerEpoch ?? 0, etaSeconds: null, samplesPerSec: null };
}

function progressOf(run: RunState): RunProgress | null {
  return run.phase === 'training' || run.phase === 'paused' || run.phase === 'evaluating' ? run.progress : null;
}

function memoryOf(run: RunState): RunMemory | null {
  return 'memory' in run ? run.memory : null;
}

function base(run: Exclude<RunState, { phase: 'idle' }>): RunBase {
  return {
    runId: run.runId,
    mode: run.mode,
    datasetId: run.datasetId,
    projectName: run.projectName,
    startedAt: run.startedAt,
    backend: run.backend,
    plan: run.plan,
    fallback: run.fallback,
  };
}

function newestFirst(records: readonly RunRecord[]): RunRecord[] {
  const seen = new Set<string>();
  const out: RunRecord[] = [];
  for (const r of [...records].sort((a, b) => b.finishedAt - a.finishedAt)) {
    if (seen.has(r.runId)) continue;
    seen.add(r.runId);
    out.push(r);
  }
  return out.slice(0, RUN_HISTORY_LIMIT);
}

/** The events about `run`: its own runId, or (arena) the variant it trains now. */
function concerns(run: RunState, arena: ArenaState | null, runId: string): boolean {
  if (run.phase === 'idle') return false;
  if (run.runId === runId) return true;
  return run.mode === 'arena' && arena?.arenaId === run.runId && arena.current?.variantRunId === runId;
}

/** The run in a new phase (keeping what it knows); null when the phase does not follow. */
function toPhase(run: Exclude<RunState, { phase: 'idle' }>, phase: RunPhase, now: number, message: string | null): RunState | null {
  const b = base(run);
  const pending = isActive(run) ? run.pending : null;
  const progress = progressOf(run) ?? emptyProgress(run.plan);
  const memory = memoryOf(run);
  switch (phase) {
    case 'compiling':
    case 'choosing-backend':
      return { ...b, phase, pending };
    case 'training':
      // A resume (or a stop asked while paused) is answered here.
      return { ...b, phase, progress, memory, pending: pending === 'resume' || pending === 'pause' ? null : pending };
    case 'paused':
      return { ...b, phase, progress, memory, pending: pending === 'pause' ? null : pending };
    case 'evaluating':
      return { ...b, phase, progress: { ...progress, batch: progress.batches, etaSeconds: 0 }, memory, pending };
    case 'stopped':
      return { ...b, phase, finishedAt: now, message, memory };
    case 'done':
      // The results come with train.done; a bare 'done' (arena) has none.
      return { ...b, phase, finishedAt: now, record: null, evaluation: null, memory };
    case 'error':
      return { ...b, phase, finishedAt: now, message: message ?? 'The run failed.', cause: null, fix: null, nodeId: null };
    case 'idle':
      return null;
  }
}

// ---------------------------------------------------------------- the slice

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => {
  const setRun = (run: RunState): void => set({ run });

  const onEvent = (event: TrainingEvent): void => {
    const { run, arena } = get();
    const now = Date.now();

    // Arena bookkeeping first: it names the arena by runId even when the run moved on.
    if (event.type === 'arena.variant' || event.type === 'arena.row' || event.type === 'arena.done') {
      if (arena === null || arena.arenaId !== event.runId) return;
      if (event.type === 'arena.variant') {
        set({ arena: { ...arena, current: { strategy: event.strategy, variantRunId: event.variantRunId, index: event.index, total: event.total } } });
        if (run.phase !== 'idle' && run.runId === event.runId && (run.phase === 'training' || run.phase === 'paused')) {
          setRun({ ...run, plan: null, progress: { ...emptyProgress(null), epochs: event.document.training.epochs } });
        }
        return;
      }
      if (event.type === 'arena.row') {
        const rows = [...arena.rows.filter((r) => r.strategy !== event.row.strategy), event.row];
        set({ arena: { ...arena, rows } });
        return;
      }
      set({
        arena: { ...arena, status: event.status, rows: event.rows.length > 0 ? event.rows : arena.rows, current: null, message: event.message ?? null, finishedAt: now },
        runHistory: newestFirst([...event.records, ...get().runHistory]),
      });
      if (run.phase !== 'idle' && run.runId === event.runId && isActive(run)) {
        const next = toPhase(run, event.status, now, event.message ?? null);
        if (next) setRun(next);
      }
      return;
    }

    if (run.phase === 'idle' || !concerns(run, arena, event.runId)) return;

    switch (event.type) {
      case 'train.status': {
        // Variants' own statuses (none today) would not move the arena's phase.
        if (event.runId !== run.runId) return;
        if (isFinished(run)) return; // train.error / train.done already said how it ended
        const backend: RunBackend = {
          ...run.backend,
          name: event.backend ?? run.backend.name,
          figures: event.backendFigures ?? run.backend.figures,
          message: event.message ?? run.backend.message,
        };
        const next = toPhase({ ...run, backend }, event.phase, now, event.message ?? null);
        if (next) setRun(next);
        return;
      }
      case 'train.plan': {
        const plan: RunPlan = {
          epochs: event.epochs,
          batchesPerEpoch: event.batchesPerEpoch,
          samples: event.samples,
          classes: event.classes,
          bindings: event.bindings,
          paramCount: event.paramCount,
        };
        const progress = progressOf(run);
        if (progress && (run.phase === 'training' || run.phase === 'paused' || run.phase === 'evaluating')) {
          setRun({ ...run, plan, progress: { ...progress, epochs: plan.epochs, batches: plan.batchesPerEpoch } });
        } else if (isActive(run)) {
          setRun({ ...run, plan });
        }
        return;
      }
      case 'train.epoch': {
        const memory: RunMemory = { numTensors: event.numTensors, numBytes: event.numBytes, epoch: event.epoch };
        if (run.phase === 'training' || run.phase === 'paused' || run.phase === 'evaluating') {
          const p = run.progress;
          const atEnd = p.epoch < event.epoch || (p.epoch === event.epoch && p.batch < p.batches) ? { epoch: event.epoch, batch: p.batches } : {};
          setRun({ ...run, memory, progress: { ...p, epochs: event.epochs, ...atEnd } });
        }
        return;
      }
      case 'train.backendFallback': {
        if (isFinished(run)) return;
        setRun({ ...run, fallback: event.message, backend: { ...run.backend, name: event.to as BackendName } });
        return;
      }
      case 'train.done': {
        if (event.runId !== run.runId) return; // an arena variant: its record comes with arena.done
        const evaluation: RunEvaluation = {
          metrics: event.metrics,
          classes: run.plan?.classes ?? event.confusion.map((_, i) => `class ${i}`),
          confusion: event.confusion,
          perClass: event.perClass,
          ablation: event.ablation,
        };
        setRun({ ...base(run), phase: 'done', finishedAt: now, record: event.record, evaluation, memory: memoryOf(run) });
        set({ runHistory: newestFirst([event.record, ...get().runHistory]) });
        return;
      }
      case 'train.error': {
        if (event.runId !== run.runId) return;
        setRun({
          ...base(run),
          phase: 'error',
          finishedAt: now,
          message: event.message,
          cause: event.cause ?? null,
          fix: event.fix ?? null,
          nodeId: event.nodeId ?? null,
        });
        return;
      }
      case 'train.batch':
      case 'train.probe':
        // Telemetry: the UI's buffer takes these, never the store.
        return;
    }
  };

  const setTraining = (next: TrainingSettings, key: string): void => {
    const s = get();
    s.editDocument({ ...s.doc, training: next }, `training:${key}`);
  };

  return {
    run: { phase: 'idle' },
    arena: null,
    runHistory: [],
    compareIds: [],
    backendRequest: 'auto',
    dockTab: 'problems',
    arenaStrategies: DEFAULT_ARENA_STRATEGIES,

    startRun(start) {
      const backend: RunBackend = { request: start.request, name: null, figures: [], message: null };
      setRun({
        phase: 'compiling',
        runId: start.runId,
        mode: start.mode,
        datasetId: start.datasetId,
        projectName: start.projectName,
        startedAt: start.startedAt,
        backend,
        plan: null,
        fallback: null,
        pending: null,
      });
      if (start.mode === 'arena') {
        set({
          arena: {
            arenaId: start.runId,
            status: 'running',
            rows: [],
            current: null,
            strategies: start.strategies ?? null,
            message: null,
            startedAt: start.startedAt,
            finishedAt: null,
          },
        });
      }
    },

    applyTrainingEvent: onEvent,

    setRunProgress(runId, progress) {
      const { run, arena } = get();
      if (!concerns(run, arena, runId)) return;
      if (run.phase === 'training' || run.phase === 'paused' || run.phase === 'evaluating') {
        const p = run.progress;
        if (p.epoch === progress.epoch && p.batch === progress.batch && p.etaSeconds === progress.etaSeconds && p.epochs === progress.epochs) return;
        setRun({ ...run, progress });
      } else if (run.phase === 'compiling' || run.phase === 'choosing-backend') {
        // Batches before the status line: training has begun.
        setRun({ ...base(run), phase: 'training', pending: run.pending, progress, memory: null });
      }
    },

    markPending(request) {
      const { run } = get();
      if (!isActive(run)) return;
      setRun({ ...run, pending: request });
    },

    failRun(runId, message, fix) {
      const { run, arena } = get();
      if (run.phase === 'idle' || run.runId !== runId || isFinished(run)) return;
      setRun({ ...base(run), phase: 'error', finishedAt: Date.now(), message, cause: null, fix: fix ?? null, nodeId: null });
      if (arena !== null && arena.arenaId === runId && arena.status === 'running') {
        set({ arena: { ...arena, status: 'error', current: null, message, finishedAt: Date.now() } });
      }
    },

    abandonRun(runId, message) {
      const { run, arena } = get();
      if (run.phase === 'idle' || run.runId !== runId || !isActive(run)) return;
      const now = Date.now();
      setRun({ ...base(run), phase: 'stopped', finishedAt: now, message, memory: memoryOf(run) });
      if (arena !== null && arena.arenaId === runId && arena.status === 'running') {
        set({ arena: { ...arena, status: 'stopped', current: null, message, finishedAt: now } });
      }
    },

    clearRun() {
      if (isActive(get().run)) return;
      setRun({ phase: 'idle' });
    },

    setBackendRequest(request) {
      set({ backendRequest: request });
    },

    setDockTab(tab) {
      if (get().dockTab !== tab) set({ dockTab: tab });
    },

    toggleArenaStrategy(strategy) {
      const cur = get().arenaStrategies;
      const on = cur.includes(strategy);
      set({ arenaStrategies: FUSION_STRATEGIES.filter((x) => (x === strategy ? !on : cur.includes(x))) });
    },

    setOptimizer(optimizer) {
      const t = get().doc.training;
      if (t.optimizer === optimizer) return;
      setTraining({ ...t, optimizer }, 'optimizer');
    },

    setTrainingNumber(name, value) {
      if (trainingSettingProblem(name, value) !== null) return false;
      const t = get().doc.training;
      if (t[name] === value) return true;
      setTraining({ ...t, [name]: value }, name);
      return true;
    },

    setRunHistory(records) {
      set({ runHistory: newestFirst(records) });
    },

    addRunRecords(records) {
      if (records.length === 0) return;
      set({ runHistory: newestFirst([...records, ...get().runHistory]) });
    },

    removeRun(runId) {
      const s = get();
      set({ runHistory: s.runHistory.filter((r) => r.runId !== runId), compareIds: s.compareIds.filter((id) => id !== runId) });
    },

    clearRunHistory() {
      set({ runHistory: [], compareIds: [] });
    },

    toggleCompare(runId) {
      const ids = get().compareIds;
      if (ids.includes(runId)) set({ compareIds: ids.filter((id) => id !== runId) });
      else set({ compareIds: [...ids, runId].slice(-2) });
    },

    openRunGraph(runId) {
      const s = get();
      const record = s.runHistory.find((r) => r.runId === runId);
      if (record === undefined) return false;
      s.loadProject(record.document);
      return true;
    },
  };
};

// ---------------------------------------------------------------- selectors (module scope)

export const selectRun = (s: AppState): RunState => s.run;
export const selectRunPhase = (s: AppState): RunPhase => s.run.phase;
export const selectRunMode = (s: AppState): RunMode | null => (s.run.phase === 'idle' ? null : s.run.mode);
export const selectRunActive = (s: AppState): boolean => isActive(s.run);
export const selectRunPending = (s: AppState): PendingRequest | null => (isActive(s.run) ? s.run.pending : null);
export const selectRunProgress = (s: AppState): RunProgress | null => progressOf(s.run);
export const selectRunMemory = (s: AppState): RunMemory | null => memoryOf(s.run);
export const selectRunBackend = (s: AppState): RunBackend | null => (s.run.phase === 'idle' ? null : s.run.backend);
export const selectRunPlan = (s: AppState): RunPlan | null => (s.run.phase === 'idle' ? null : s.run.plan);
export const selectRunFallback = (s: AppState): string | null => (s.run.phase === 'idle' ? null : s.run.fallback);
export const selectRunEvaluation = (s: AppState): RunEvaluation | null => (s.run.phase === 'done' ? s.run.evaluation : null);
export const selectRunError = (s: AppState): Extract<RunState, { phase: 'error' }> | null => (s.run.phase === 'error' ? s.run : null);
export const selectArena = (s: AppState): ArenaState | null => s.arena;
export const selectRunHistory = (s: AppState): readonly RunRecord[] => s.runHistory;
export const selectCompareIds = (s: AppState): readonly string[] => s.compareIds;
export const selectBackendRequest = (s: AppState): BackendRequest => s.backendRequest;
export const selectDockTab = (s: AppState): DockTab => s.dockTab;
export const selectArenaStrategies = (s: AppState): readonly FusionStrategy[] => s.arenaStrategies;

/** A leaderboard row for display: the ran ones by validation accuracy (rank recomputed), then skipped and failed. */
export type LeaderboardRow = ArenaRow;

const leaderboardCache = new WeakMap<readonly ArenaRow[], readonly ArenaRow[]>();
/** Rows ranked for display: ties share a rank; skipped and failed strategies last, in arrival order. */
export function arenaLeaderboard(rows: readonly ArenaRow[]): readonly ArenaRow[] {
  const cached = leaderboardCache.get(rows);
  if (cached) return cached;
  const ran = rows.filter((r): r is Extract<ArenaRow, { status: 'done' }> => r.status === 'done');
  const acc = (r: Extract<ArenaRow, { status: 'done' }>): number => r.valAccuracy ?? -1;
  const sorted = [...ran].sort((a, b) => acc(b) - acc(a));
  const ranked = sorted.map((r) => ({ ...r, rank: 1 + sorted.filter((o) => acc(o) > acc(r)).length }));
  const out = [...ranked, ...rows.filter((r) => r.status !== 'done')];
  leaderboardCache.set(rows, out);
  return out;
}

/** The picked runs (in pick order) that are still in the history. */
const compareCache = new WeakMap<readonly RunRecord[], { ids: readonly string[]; out: readonly RunRecord[] }>();
export const selectCompareRuns = (s: AppState): readonly RunRecord[] => {
  const hit = compareCache.get(s.runHistory);
  if (hit && hit.ids === s.compareIds) return hit.out;
  const out = s.compareIds.flatMap((id) => s.runHistory.filter((r) => r.runId === id));
  compareCache.set(s.runHistory, { ids: s.compareIds, out });
  return out;
};

/**
 * Why Train cannot start now, or null when it can: a run in progress, an empty graph, errors in
 * the graph, no dataset. (Binding problems are the worker's to find: it names the node and the fix.)
 */
export const selectTrainBlocker = (s: AppState): string | null => {
  if (isActive(s.run)) return s.run.mode === 'arena' ? 'The fusion arena is running: stop it first.' : 'A run is in progress: stop it first.';
  if (s.doc.graph.nodes.length === 0) return 'Add an input, an encoder, a fusion and a head first.';
  const { errors } = selectDiagnosticCounts(s);
  if (errors > 0) return `Fix the ${errors === 1 ? 'error' : `${errors} errors`} in Problems first.`;
  if (s.doc.dataset === null) return 'Choose a dataset in the Data panel first.';
  return null;
};
