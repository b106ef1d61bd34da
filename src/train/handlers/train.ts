// The worker's handler for train.* and arena.* messages: one run at a time, backend choice,
// telemetry posting, and the trained model kept for export.
//
// Wiring (in the worker's router):
//   const training = createTrainingHandler({ loadDataset: (doc, key) => datasets.arraysFor(doc, key) });
//   if (isTrainingRequest(msg)) return training.handle(msg, (event, transfer) => self.postMessage(event, transfer ?? []));
import * as tf from '@tensorflow/tfjs';
import { compileGraph, type CompiledModel } from '../../compile/index.ts';
import type { ProjectDocument } from '../../graph/index.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { runArena } from '../arena.ts';
import {
  chooseBackend,
  fallbackChain,
  listAvailableBackends,
  plausibleBackends,
  activateBackend,
  planAuto,
  softwareRenderer,
  type BackendFigure,
  type BackendName,
  type BackendOptions,
} from '../backends/select.ts';
import { splitIndices } from '../loop/batches.ts';
import { bindDataset, documentBindings } from '../loop/binding.ts';
import { RunControl } from '../loop/control.ts';
import { problemOf, trainDocument } from '../loop/session.ts';
import { measureThroughput } from '../loop/throughput.ts';
import type { BackendFallbackReport } from '../loop/types.ts';
import { trainingTransferables, type BackendRequest, type TrainingEvent, type TrainingRequest, type TrainPhase } from '../trainingProtocol.ts';

/** How the handler answers: the worker's postMessage (transfer lists the buffers to move). */
export type Post = (event: TrainingEvent, transfer?: Transferable[]) => void;

export interface TrainingEnv {
  /**
   * The dataset a run trains on: the one the worker holds under `key` (a datasetChoiceKey) when
   * given, else the document's dataset choice (loaded or taken from the worker's cache). Throw an
   * Error with a message people can act on when there is none.
   */
  loadDataset(document: ProjectDocument, key: string | undefined): Promise<DatasetArrays>;
  /** Backends worth trying, in preference order (default: listAvailableBackends()). */
  availableBackends?(): Promise<BackendName[]>;
  /** Makes a backend current (default: activateBackend from backends/select.ts). */
  activateBackend?(name: BackendName): Promise<boolean>;
  /** Passed to the default activateBackend / listAvailableBackends (e.g. wasm paths in Node). */
  readonly backendOptions?: BackendOptions;
  /** Timed steps per backend when 'auto' probes (default 4, after 2 warm-up steps). */
  readonly probeSteps?: number;
}

export interface TrainingHandler {
  /** Handles one request; resolves when the request is taken in (a run keeps going after). */
  handle(msg: TrainingRequest, post: Post): Promise<void>;
  /** Resolves when the active run (if any) has ended. */
  idle(): Promise<void>;
  /** The compiled model of the last run that finished (for export), or null. */
  trainedModel(): { readonly runId: string; readonly compiled: CompiledModel } | null;
  /** Stops any run and frees the kept model. */
  dispose(): Promise<void>;
}

interface Active {
  readonly runId: string;
  readonly control: RunControl;
  readonly done: Promise<void>;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function fallbackLine(r: BackendFallbackReport): string {
  const where = r.fromCheckpoint ? `from the start of epoch ${r.resumedAt.epoch} (the last checkpoint)` : `from epoch ${r.resumedAt.epoch}, batch ${r.resumedAt.batch}`;
  const state = r.optimizerStateMoved ? '' : ' The optimizer state could not be moved, so it restarts (the weights are kept).';
  return `${r.from} failed (${r.reason}); continuing on ${r.to} ${where}.${state}`;
}

function formatRate(sps: number): string {
  return `${Math.round(sps).toLocaleString('en-US')} samples/s`;
}

export function createTrainingHandler(env: TrainingEnv): TrainingHandler {
  let active: Active | null = null;
  let kept: { runId: string; compiled: CompiledModel } | null = null;
  const activate = (name: BackendName): Promise<boolean> => (env.activateBackend ? env.activateBackend(name) : activateBackend(name, env.backendOptions ?? {}));
  /** For 'auto', the backends that initialise; otherwise the plausible ones (tried only when needed). */
  const available = async (auto: boolean): Promise<BackendName[]> => {
    if (env.availableBackends) return env.availableBackends();
    return auto ? listAvailableBackends(undefined, env.backendOptions ?? {}) : plausibleBackends();
  };

  const releaseKept = (): void => {
    if (!kept) return;
    try {
      kept.compiled.model.dispose();
    } catch {
      // Already disposed.
    }
    kept = null;
  };

  /**
   * After a run: back to the backend the worker had before (cpu, for dataset preprocessing), so
   * loads after training run where they expect. The kept model's weights stay where they are
   * (tfjs reads or moves them on use).
   */
  const restore = async (original: string, runId: string): Promise<void> => {
    try {
      if (original && tf.getBackend() !== original) await tf.setBackend(original);
    } catch {
      // The original backend is gone; stay on the current one.
    }
    if (active?.runId === runId) active = null;
  };

  const stopActive = async (): Promise<void> => {
    const a = active;
    if (!a) return;
    a.control.stop();
    await a.done;
  };

  /**
   * Picks the backend for a run: the requested one (or the next that works), or with 'auto' the
   * fastest by timing real training steps of this document's model on each available backend.
   */
  const pickBackend = async (
    request: BackendRequest,
    document: ProjectDocument,
    data: DatasetArrays,
    status: (phase: TrainPhase, extra?: { backend?: BackendName | null; backendFigures?: readonly BackendFigure[]; message?: string }) => void,
  ): Promise<{ backend: BackendName; fallbacks: BackendName[]; figures: readonly BackendFigure[] }> => {
    const list = await available(request === 'auto');
    if (!list.includes('cpu')) list.push('cpu');
    if (request !== 'auto') {
      const order = [request, ...list.filter((b) => b !== request)];
      for (const name of order) {
        if (await activate(name)) {
          if (name !== request) status('choosing-backend', { backend: name, message: `${request} is not available here; training on ${name} instead.` });
          return { backend: name, fallbacks: fallbackChain(name, list), figures: [] };
        }
      }
      throw new Error('No tfjs backend could be initialised.');
    }
    const software: Partial<Record<BackendName, string>> = {};
    for (const name of list) {
      if ((name === 'webgl' || name === 'webgpu') && (await activate(name))) {
        const renderer = softwareRenderer();
        if (renderer) software[name] = renderer;
      }
    }
    const plan = planAuto(list, software);
    const skippedNames = plan.skipped.map((f) => f.backend);
    if (plan.probe.length <= 1) {
      const only = plan.probe[0] ?? 'cpu';
      if (!(await activate(only))) await activate('cpu');
      const skipped = plan.skipped.length > 0 ? ` (not timed: ${plan.skipped.map((f) => `${f.backend}, ${f.skipped ?? ''}`).join('; ')})` : '';
      status('choosing-backend', { backend: only, backendFigures: plan.skipped, message: `Chose ${only}${skipped}.` });
      return { backend: only, fallbacks: fallbackChain(only, skippedNames), figures: plan.skipped };
    }
    status('choosing-backend', { backend: null, message: `Timing a few training steps on ${plan.probe.join(', ')}…` });
    const settings = document.training;
    const splits = splitIndices(data, settings.validationSplit, settings.seed);
    const choice = await chooseBackend(plan.probe, async (name) => {
      if (!(await activate(name))) throw new Error(`${name} could not be initialised here.`);
      return measureThroughput({
        build: () => {
          const compiled = compileGraph(document.graph, { seed: settings.seed, probes: false });
          try {
            return { compiled, binding: bindDataset(document.graph, compiled, data.info, documentBindings(document)) };
          } catch (err) {
            compiled.model.dispose();
            throw err;
          }
        },
        data,
        settings,
        samples: splits.train,
        steps: env.probeSteps ?? 4,
      });
    });
    if (!(await activate(choice.choice))) await activate('cpu');
    const best = choice.figures.find((f) => f.backend === choice.choice)?.samplesPerSec;
    const figures = [...choice.figures, ...plan.skipped];
    status('choosing-backend', {
      backend: choice.choice,
      backendFigures: figures,
      message: `Chose ${choice.choice}${best ? ` (${formatRate(best)})` : ''}.`,
    });
    return { backend: choice.choice, fallbacks: fallbackChain(choice.choice, [...choice.fallbacks, ...skippedNames]), figures };
  };

  /** Compiles and binds once on the current backend, so a graph or binding problem is reported before any probing. */
  const precheck = (document: ProjectDocument, data: DatasetArrays): void => {
    const compiled = compileGraph(document.graph, { seed: document.training.seed, probes: false });
    try {
      bindDataset(document.graph, compiled, data.info, documentBindings(document));
    } finally {
      compiled.model.dispose();
    }
  };

  const startTraining = async (msg: Extract<TrainingRequest, { type: 'train.start' }>, post: Post): Promise<void> => {
    const { runId, document } = msg;
    const control = new RunControl();
    let backend: BackendName | null = null;
    let figures: readonly BackendFigure[] = [];
    const status = (phase: TrainPhase, extra: { backend?: BackendName | null; backendFigures?: readonly BackendFigure[]; message?: string } = {}): void => {
      if (extra.backend !== undefined) backend = extra.backend;
      post({ type: 'train.status', runId, phase, backend, ...(extra.backendFigures ? { backendFigures: extra.backendFigures } : {}), ...(extra.message ? { message: extra.message } : {}) });
    };
    const run = async (): Promise<void> => {
      status('compiling');
      let data: DatasetArrays;
      try {
        data = await env.loadDataset(document, msg.datasetKey);
        precheck(document, data);
      } catch (err) {
        const p = problemOf(err);
        post({ type: 'train.error', runId, ...p });
        status('error');
        return;
      }
      if (control.stopped) return status('stopped');
      let fallbacks: BackendName[];
      try {
        const picked = await pickBackend(msg.backend, document, data, status);
        backend = picked.backend;
        figures = picked.figures;
        fallbacks = picked.fallbacks;
      } catch (err) {
        post({ type: 'train.error', runId, message: `No backend could train this model: ${errorMessage(err)}`, fix: 'Reload the page, or choose the cpu backend.' });
        status('error');
        return;
      }
      if (control.stopped) return status('stopped');
      const result = await trainDocument({
        runId,
        document,
        data,
        control,
        evaluateTest: msg.evaluateTest ?? false,
        keepModel: true,
        fallback: { backends: fallbacks, switchTo: (name) => activate(name as BackendName) },
        probes:
          (msg.probesPerSecond ?? 2) > 0
            ? {
                ...(msg.probeSamples ? { samples: msg.probeSamples } : {}),
                ...(msg.probePick ? { pick: msg.probePick } : {}),
                perSecond: msg.probesPerSecond ?? 2,
                onSnapshot: (epoch, batch, values, final) => {
                  for (const v of values) {
                    const event: TrainingEvent = { type: 'train.probe', runId, epoch, batch, final, nodeId: v.nodeId, values: v.values, shape: v.shape };
                    post(event, trainingTransferables(event));
                  }
                },
              }
            : null,
        onPhase: (phase) => {
          if (phase === 'compiling') return;
          status(phase, phase === 'training' && figures.length > 0 ? { backendFigures: figures } : {});
          figures = [];
        },
        onPlan: (plan) => post({ type: 'train.plan', runId, ...plan }),
        onBatch: (r) => post({ type: 'train.batch', runId, ...r }),
        onEpoch: (r) => post({ type: 'train.epoch', runId, ...r }),
        onFallback: (r) => {
          backend = r.to as BackendName;
          post({ type: 'train.backendFallback', runId, from: r.from, to: r.to, reason: r.reason, resumedAt: r.resumedAt, optimizerStateMoved: r.optimizerStateMoved, message: fallbackLine(r) });
        },
      });
      if (result.status === 'done' && result.record && result.validation) {
        if (result.compiled) kept = { runId, compiled: result.compiled };
        post({
          type: 'train.done',
          runId,
          metrics: result.record.metrics,
          confusion: result.validation.confusion,
          perClass: result.validation.perClass,
          ablation: result.ablation,
          history: result.record.history,
          earlyStop: result.record.earlyStop,
          record: result.record,
        });
        status('done');
      } else if (result.status === 'stopped') {
        status('stopped', { message: 'Stopped; the model and its memory were released.' });
      } else {
        const p = result.problem ?? { message: 'The run failed.' };
        post({ type: 'train.error', runId, ...p });
        status('error');
      }
    };
    const original = tf.getBackend();
    const done = run()
      .catch((err: unknown) => {
        post({ type: 'train.error', runId, message: `Training failed unexpectedly: ${errorMessage(err)}. This is a bug in Fusion Designer; please report it.` });
        status('error');
      })
      .finally(() => restore(original, runId));
    active = { runId, control, done };
  };

  const startArena = async (msg: Extract<TrainingRequest, { type: 'arena.start' }>, post: Post): Promise<void> => {
    const { runId, document } = msg;
    const control = new RunControl();
    let backend: BackendName | null = null;
    const status = (phase: TrainPhase, extra: { backend?: BackendName | null; backendFigures?: readonly BackendFigure[]; message?: string } = {}): void => {
      if (extra.backend !== undefined) backend = extra.backend;
      post({ type: 'train.status', runId, phase, backend, ...(extra.backendFigures ? { backendFigures: extra.backendFigures } : {}), ...(extra.message ? { message: extra.message } : {}) });
    };
    const run = async (): Promise<void> => {
      status('compiling');
      let data: DatasetArrays;
      let fallbacks: BackendName[];
      try {
        data = await env.loadDataset(document, msg.datasetKey);
        precheck(document, data);
        const picked = await pickBackend(msg.backend ?? 'auto', document, data, status);
        backend = picked.backend;
        fallbacks = picked.fallbacks;
      } catch (err) {
        const p = problemOf(err);
        post({ type: 'arena.done', runId, status: 'error', rows: [], records: [], message: p.message });
        status('error');
        return;
      }
      status('training');
      const result = await runArena({
        arenaId: runId,
        document,
        data,
        control,
        ...(msg.strategies ? { strategies: msg.strategies } : {}),
        fallback: { backends: fallbacks, switchTo: (name) => activate(name as BackendName) },
        onVariant: (v) => post({ type: 'arena.variant', runId, strategy: v.strategy, variantRunId: v.variantRunId, index: v.index, total: v.total, document: v.document }),
        onBatch: (id, r) => post({ type: 'train.batch', runId: id, ...r }),
        onEpoch: (id, r) => post({ type: 'train.epoch', runId: id, ...r }),
        onFallback: (id, r) => post({ type: 'train.backendFallback', runId: id, from: r.from, to: r.to, reason: r.reason, resumedAt: r.resumedAt, optimizerStateMoved: r.optimizerStateMoved, message: fallbackLine(r) }),
        onRow: (row) => post({ type: 'arena.row', runId, row }),
      });
      post({ type: 'arena.done', runId, status: result.status, rows: result.rows, records: result.records });
      status(result.status === 'done' ? 'done' : 'stopped');
    };
    const original = tf.getBackend();
    const done = run()
      .catch((err: unknown) => {
        post({ type: 'arena.done', runId, status: 'error', rows: [], records: [], message: `The arena failed unexpectedly: ${errorMessage(err)}.` });
        status('error');
      })
      .finally(() => restore(original, runId));
    active = { runId, control, done };
  };

  return {
    async handle(msg, post) {
      switch (msg.type) {
        case 'train.start':
        case 'arena.start':
          await stopActive();
          releaseKept();
          if (msg.type === 'train.start') await startTraining(msg, post);
          else await startArena(msg, post);
          return;
        case 'train.pause':
          if (active?.runId === msg.runId) active.control.pause();
          return;
        case 'train.resume':
          if (active?.runId === msg.runId) active.control.resume();
          return;
        case 'train.stop':
        case 'arena.stop':
          if (active?.runId === msg.runId) await stopActive();
          return;
      }
    },
    async idle() {
      await active?.done;
    },
    trainedModel() {
      return kept;
    },
    async dispose() {
      await stopActive();
      releaseKept();
    },
  };
}
