// The throughput benchmark's worker: trains the reference models on one backend, the designer's
// compiled model and the hand-written one alternately, and reports samples per second.
import * as tf from '@tensorflow/tfjs';
import { compileGraph, type CompiledModel } from '../../src/compile/index.ts';
import { activateBackend, type BackendName } from '../../src/train/backends/select.ts';
import { disposeBatch, makeBatch } from '../../src/train/loop/batches.ts';
import { bindDataset, type DatasetBinding } from '../../src/train/loop/binding.ts';
import { RunControl } from '../../src/train/loop/control.ts';
import { createOptimizer, disposeOptimizer } from '../../src/train/loop/optimizer.ts';
import { pickProbeSamples } from '../../src/train/loop/probes.ts';
import { sampleAt } from '../../src/data/preview.ts';
import { trainStep, type StepStats } from '../../src/train/loop/step.ts';
import { trainModel } from '../../src/train/loop/trainer.ts';
import type { DatasetArrays } from '../../src/data/types.ts';
import { BATCH_SIZE, CLASSES, referenceModel, SAMPLES, syntheticData, type ReferenceModel } from './models.ts';
import type { BackendResult, KernelProfile, ModelResult, RunConfig, VariantId, VariantResult, WorkerEvent, WorkerRequest } from './protocol.ts';

/** Input node ids are the modality names (bench/web/models.ts). */
const BINDINGS = { pixels: 'pixels', sound: 'sound', image: 'image' } as const;

const post = (event: WorkerEvent): void => (self as unknown as Worker).postMessage(event);
const say = (text: string): void => post({ type: 'progress', text });
const now = (): number => performance.now();
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').slice(0, 300);

/** One training step, resolved once its loss has been read back (as the app's loop does). */
type Step = () => Promise<number>;

/** One timed run of a variant: every step's duration (ms). */
interface Timed {
  /** Mean throughput: steps × 64 / total time. */
  readonly sps: number;
  /** Typical throughput: 64 / median step time (robust to other jobs preempting a few steps). */
  readonly medianSps: number;
  readonly steps: number;
  readonly stepMs: readonly number[];
}

function timedOf(stepMs: readonly number[]): Timed {
  const total = stepMs.reduce((a, b) => a + b, 0);
  return { sps: (stepMs.length * BATCH_SIZE) / (total / 1000), medianSps: BATCH_SIZE / (median(stepMs) / 1000), steps: stepMs.length, stepMs };
}

function labelOf(config: RunConfig): string {
  return config.threads && config.backend === 'wasm' ? `wasm (${config.threads} threads)` : config.backend;
}

/** Contiguous batch `i` (mod the dataset) as row indices. */
function rows(i: number): Int32Array {
  const batches = SAMPLES / BATCH_SIZE;
  const start = (i % batches) * BATCH_SIZE;
  return Int32Array.from({ length: BATCH_SIZE }, (_, j) => start + j);
}

/** The designer's path: compiled model, the app's makeBatch and trainStep. */
function compiledStep(compiled: CompiledModel, binding: DatasetBinding, data: DatasetArrays, optimizer: tf.Optimizer): Step {
  let i = 0;
  const primary = binding.targets[0];
  return async () => {
    const batch = makeBatch(data, binding, rows(i));
    let stats: StepStats;
    try {
      stats = trainStep(compiled, optimizer, batch, primary, binding.classes, 1000 + i);
    } finally {
      disposeBatch(batch);
    }
    i += 1;
    try {
      return (await stats.read()).loss;
    } finally {
      stats.dispose();
    }
  };
}

/** The hand-written path: the same rows as tensors, optimizer.minimize of the softmax cross-entropy. */
function handwrittenStep(model: tf.LayersModel, inputs: readonly string[], data: DatasetArrays, optimizer: tf.Optimizer): Step {
  const oneHot = new Float32Array(SAMPLES * CLASSES);
  data.labels.forEach((label, j) => {
    oneHot[j * CLASSES + label] = 1;
  });
  const shapes = model.inputs.map((t) => t.shape.slice(1) as number[]);
  let i = 0;
  return async () => {
    const start = (i % (SAMPLES / BATCH_SIZE)) * BATCH_SIZE;
    i += 1;
    const xs = inputs.map((name, k) => {
      const shape = shapes[k] as number[];
      const width = shape.reduce((a, d) => a * d, 1);
      const src = data.inputs[name] as Float32Array;
      return tf.tensor(src.subarray(start * width, (start + BATCH_SIZE) * width), [BATCH_SIZE, ...shape]);
    });
    const ys = tf.tensor2d(oneHot.subarray(start * CLASSES, (start + BATCH_SIZE) * CLASSES), [BATCH_SIZE, CLASSES]);
    let cost: tf.Scalar | null;
    try {
      cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor), true);
    } finally {
      tf.dispose([...xs, ys]);
    }
    if (!cost) throw new Error('no loss');
    try {
      return Number((await cost.data())[0]);
    } finally {
      cost.dispose();
    }
  };
}

/** Probes in the app loop: none; compiled in but no snapshots; live heatmaps (snapshots posted to the page and drawn, as the app runs). */
type ProbeMode = 'off' | 'outputs' | 'on';

let heatmapRun = 0;

/**
 * The app's whole loop (trainModel) on a freshly compiled model for `seconds` after `skip`
 * batches; step times from the batch reports' times. trainModel disposes the model. With live
 * heatmaps ('on') the page gets the run's train.plan and every train.probe, as the app's page does.
 */
async function appLoop(ref: ReferenceModel, data: DatasetArrays, seconds: number, mode: ProbeMode, skip = 2, minBatches = 3): Promise<Timed & { readonly snapshots: number; readonly snapshotMs: number | null }> {
  const probes = mode !== 'off';
  const snapshotsOn = mode === 'on';
  const doc = ref.document;
  const compiled = compileGraph(doc.graph, { seed: doc.training.seed, probes, batchSize: BATCH_SIZE });
  let binding: DatasetBinding;
  try {
    binding = bindDataset(doc.graph, compiled, data.info, BINDINGS);
  } catch (err) {
    compiled.model.dispose();
    throw err;
  }
  const all = Int32Array.from({ length: SAMPLES }, (_, j) => j);
  const control = new RunControl();
  const times: number[] = [];
  const probeRows = pickProbeSamples(data.labels, all, CLASSES);
  let snapshots = 0;
  /** Batches reported before each snapshot (its cost lands in the next batch's interval). */
  const snapshotAfter: number[] = [];
  const runId = `bench-${(heatmapRun += 1)}`;
  const live = snapshotsOn && compiled.probes.length > 0;
  if (live) {
    const plan: WorkerEvent = {
      type: 'heatmap',
      document: doc,
      event: {
        type: 'train.plan',
        runId,
        epochs: 1,
        batchesPerEpoch: SAMPLES / BATCH_SIZE,
        samples: { train: SAMPLES, validation: 0, test: 0 },
        classes: data.info.classes,
        bindings: BINDINGS,
        paramCount: compiled.paramCount,
        probes: compiled.probes.map((p) => ({ nodeId: p.nodeId, kind: p.kind, shape: p.shape, meaning: p.meaning, axes: p.axes, ...(p.groups ? { groups: p.groups } : {}) })),
        probeSamples: probeRows,
        probeLabels: probeRows.map((i) => data.labels[i] ?? -1),
        probeInputs: probeRows.map((i) => sampleAt(data, i)),
      },
    };
    post(plan);
  }
  const onSnapshot = (s: { epoch: number; batch: number; final: boolean; values: readonly { nodeId: string; values: Float32Array; shape: readonly number[] }[] }): void => {
    snapshots += 1;
    snapshotAfter.push(times.length);
    for (const v of s.values) {
      const event: WorkerEvent = { type: 'heatmap', event: { type: 'train.probe', runId, epoch: s.epoch, batch: s.batch, final: s.final, nodeId: v.nodeId, values: v.values, shape: v.shape } };
      (self as unknown as Worker).postMessage(event, [v.values.buffer]);
    }
  };
  const result = await trainModel({
    compiled,
    data,
    binding,
    settings: { ...doc.training, epochs: 1_000_000, validationSplit: 0, earlyStoppingPatience: 0 },
    splits: { train: all, validation: new Int32Array(0), test: new Int32Array(0), carved: false },
    control,
    onBatch: () => {
      const t = now();
      times.push(t);
      const first = times[skip];
      if (first !== undefined && t - first >= seconds * 1000 && times.length - skip >= minBatches) control.stop();
    },
    ...(live ? { probes: { samples: probeRows, perSecond: 2, onSnapshot } } : {}),
  });
  if (result.status === 'error') throw new Error(result.problem?.message ?? 'training failed');
  if (result.status === 'done') compiled.model.dispose();
  if (live && snapshots === 0) throw new Error('probes were on but no snapshot was taken');
  const timed = times.slice(skip);
  const intervals = timed.slice(1).map((t, i) => t - (timed[i] as number));
  // The snapshot's cost: the intervals it fell in, less a typical interval without one.
  const hit = new Set(snapshotAfter.map((k) => k - skip - 1).filter((i) => i >= 0 && i < intervals.length));
  const withSnap = intervals.filter((_, i) => hit.has(i));
  const without = intervals.filter((_, i) => !hit.has(i));
  const snapshotMs = withSnap.length > 0 && without.length > 0 ? withSnap.reduce((a, b) => a + b, 0) / withSnap.length - median(without) : null;
  return { ...timedOf(intervals), snapshots, snapshotMs };
}

/** Kernels of `n` training steps under tf.profile: counts and times per step (times: when the backend reports them). */
async function profileSteps(step: Step, n = 3): Promise<KernelProfile> {
  const byName: Record<string, number> = {};
  const msByName: Record<string, number> = {};
  const msByCall: Record<string, number> = {};
  let kernels = 0;
  let newTensors = 0;
  let timed = true;
  for (let i = 0; i < n; i++) {
    const info = await tf.profile(async () => {
      await step();
    });
    kernels += info.kernels.length;
    newTensors += info.newTensors;
    for (const k of info.kernels) {
      byName[k.name] = (byName[k.name] ?? 0) + 1 / n;
      if (typeof k.kernelTimeMs === 'number') {
        msByName[k.name] = (msByName[k.name] ?? 0) + k.kernelTimeMs / n;
        const call = `${k.name} ${k.inputShapes.map((s) => `[${(s ?? []).join(',')}]`).join(' ')}`;
        msByCall[call] = (msByCall[call] ?? 0) + k.kernelTimeMs / n;
      } else timed = false;
    }
  }
  for (const k of Object.keys(byName)) byName[k] = Math.round((byName[k] as number) * 100) / 100;
  const totalMs = Object.values(msByName).reduce((a, b) => a + b, 0);
  // The costliest calls by input shapes (at least 0.2 ms a step), costliest first.
  const calls = Object.fromEntries(
    Object.entries(msByCall)
      .filter(([, ms]) => ms >= 0.2)
      .sort((a, b) => b[1] - a[1])
      .map(([call, ms]) => [call, Math.round(ms * 100) / 100]),
  );
  return { kernels: Math.round(kernels / n), byName, newTensors: Math.round(newTensors / n), ...(timed ? { msByName, totalMs, msByCall: calls } : {}) };
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

function variantResult(timed: readonly Timed[]): VariantResult {
  const all = timed.flatMap((t) => t.stepMs);
  return {
    runs: timed.map((t) => r1(t.medianSps)),
    meanRuns: timed.map((t) => r1(t.sps)),
    steps: timed.map((t) => t.steps),
    median: r1(BATCH_SIZE / (median(all) / 1000)),
    mean: r1((all.length * BATCH_SIZE) / (all.reduce((a, b) => a + b, 0) / 1000)),
  };
}

/**
 * Untimed steps: the first (kernel setup, shader compilation) and then up to warmupSteps − 1
 * more within warmupSeconds (one more when the first took over 2 s). Returns the losses of the
 * first two steps (the second shows that the backward pass and the update agree too) and the
 * median time of the steps after the first (s).
 */
async function warm(step: Step, config: RunConfig): Promise<{ firstLoss: number; secondLoss: number; stepSeconds: number }> {
  let t = now();
  const firstLoss = await step();
  const first = (now() - t) / 1000;
  const t0 = now();
  const more = first > 2 ? 1 : Math.max(1, config.warmupSteps - 1);
  let secondLoss = NaN;
  const times: number[] = [];
  for (let w = 0; w < more && (w === 0 || now() - t0 < config.warmupSeconds * 1000); w++) {
    t = now();
    const loss = await step();
    if (w === 0) secondLoss = loss;
    times.push((now() - t) / 1000);
  }
  return { firstLoss, secondLoss, stepSeconds: median(times) };
}

/**
 * Times `a` and `b` step by step, alternately (a, b, a, b…), until they have run for about
 * `seconds` each (and at least `minSteps` steps), so both meet the same load from other jobs.
 */
async function interleave(a: Step, b: Step, seconds: number, minSteps: number): Promise<[Timed, Timed]> {
  const ms: [number[], number[]] = [[], []];
  let total = 0;
  const run = async (step: Step, into: number[]): Promise<void> => {
    const t = now();
    await step();
    const d = now() - t;
    into.push(d);
    total += d;
  };
  while (ms[0].length < minSteps || total < 2 * seconds * 1000) {
    await run(a, ms[0]);
    await run(b, ms[1]);
  }
  return [timedOf(ms[0]), timedOf(ms[1])];
}

/** Compiled against hand-written (and the app loop), alternating, `rounds` times. */
async function compareModel(ref: ReferenceModel, data: DatasetArrays, config: RunConfig): Promise<ModelResult> {
  const t0 = now();
  const doc = ref.document;
  const build = ref.handwritten;
  if (!build) throw new Error(`${ref.id} has no hand-written twin`);
  const compiled = compileGraph(doc.graph, { seed: doc.training.seed, probes: true, batchSize: BATCH_SIZE });
  const hand = build();
  const compiledOpt = createOptimizer(doc.training);
  const handOpt = tf.train.adam(doc.training.learningRate);
  try {
    const binding = bindDataset(doc.graph, compiled, data.info, BINDINGS);
    // Same starting weights (when the weight lists line up), so the losses must agree.
    const cw = compiled.model.getWeights();
    const hw = hand.getWeights();
    const weightsCopied = cw.length === hw.length && cw.every((w, i) => w.shape.join() === hw[i]?.shape.join());
    if (weightsCopied) tf.tidy(() => hand.setWeights(cw.map((w) => w.clone())));
    const inputs = binding.inputs.map((b) => b.modality);
    const steps: Record<'compiled' | 'handwritten', Step> = {
      compiled: compiledStep(compiled, binding, data, compiledOpt),
      handwritten: handwrittenStep(hand, inputs, data, handOpt),
    };
    say(`${labelOf(config)} ${ref.id}: warm-up`);
    const warmCompiled = await warm(steps.compiled, config);
    const warmHand = await warm(steps.handwritten, config);
    const firstLoss: [number, number] = [warmCompiled.firstLoss, warmHand.firstLoss];
    const secondLoss: [number, number] = [warmCompiled.secondLoss, warmHand.secondLoss];
    const profiles: Partial<Record<VariantId, KernelProfile>> = {};
    if (config.profile) {
      profiles.compiled = await profileSteps(steps.compiled);
      profiles.handwritten = await profileSteps(steps.handwritten);
    }
    // Compiled and hand-written alternate in blocks of about 0.2 s within each round, so a change
    // in the machine's load hits both alike. Slow configurations (seconds per step: the cpu
    // backend or WebGPU on SwiftShader with the CNN) take one round of single steps and leave the
    // app loop out (its per-batch overhead is lost in such steps anyway).
    const stepSeconds = Math.max(warmCompiled.stepSeconds, warmHand.stepSeconds);
    const rounds = stepSeconds > 2 ? 1 : config.rounds;
    const withLoop = stepSeconds <= 0.5;
    const timed: Record<'compiled' | 'handwritten' | 'appLoop', Timed[]> = { compiled: [], handwritten: [], appLoop: [] };
    for (let r = 0; r < rounds; r++) {
      const [a, b] = await interleave(r % 2 === 0 ? steps.compiled : steps.handwritten, r % 2 === 0 ? steps.handwritten : steps.compiled, config.seconds, stepSeconds > 2 ? 1 : 3);
      timed.compiled.push(r % 2 === 0 ? a : b);
      timed.handwritten.push(r % 2 === 0 ? b : a);
      if (withLoop) timed.appLoop.push(await appLoop(ref, data, config.seconds, 'on'));
      const last = (v: 'compiled' | 'handwritten' | 'appLoop') => Math.round(timed[v][r]?.medianSps ?? NaN);
      say(`${labelOf(config)} ${ref.id} round ${r + 1}/${rounds}: compiled ${last('compiled')}, hand-written ${last('handwritten')}${withLoop ? `, app loop ${last('appLoop')}` : ''} samples/s`);
    }
    const variants = { compiled: variantResult(timed.compiled), handwritten: variantResult(timed.handwritten), ...(withLoop ? { appLoop: variantResult(timed.appLoop) } : {}) };
    // Step by step: hand-written step time / the compiled step taken next to it (a throughput ratio).
    const pairs = timed.compiled.map((c, r) => c.stepMs.map((ms, i) => (timed.handwritten[r]?.stepMs[i] ?? NaN) / ms).filter(Number.isFinite));
    const pairedRatios = pairs.map((p) => Math.round(median(p) * 1000) / 1000);
    const stepRatio = median(pairs.flat());
    return {
      model: ref.id,
      paramCount: compiled.paramCount,
      handwrittenParamCount: hand.countParams(),
      outputs: compiled.model.outputs.length,
      layers: compiled.model.layers.length,
      handwrittenLayers: hand.layers.length,
      check: { weightsCopied, firstLoss, secondLoss },
      variants,
      pairedRatios,
      ratio: variants.compiled.median / variants.handwritten.median,
      stepRatio: Math.round(stepRatio * 1000) / 1000,
      ...(variants.appLoop ? { appLoopRatio: variants.appLoop.median / variants.handwritten.median } : { note: `app loop not timed: ${stepSeconds.toFixed(1)} s per step` }),
      stepSeconds: Math.round(stepSeconds * 1000) / 1000,
      ...(config.profile ? { profiles } : {}),
      seconds: Math.round(now() - t0) / 1000,
    };
  } finally {
    disposeOptimizer(compiledOpt);
    handOpt.dispose();
    compiled.model.dispose();
    hand.dispose();
  }
}

/**
 * A model with attention in the app's loop: probes off (compiled without probes, no snapshots),
 * probes compiled in but no snapshots, and live heatmaps (snapshots twice a second, posted to the
 * page and drawn there, as the app runs). Rounds alternate the order of the three.
 */
async function compareProbes(ref: ReferenceModel, data: DatasetArrays, config: RunConfig): Promise<ModelResult> {
  const t0 = now();
  const probe = compileGraph(ref.document.graph, { probes: true });
  const outputs = probe.model.outputs.length;
  const layers = probe.model.layers.length;
  probe.model.dispose();
  say(`${labelOf(config)} ${ref.id}: warm-up`);
  await appLoop(ref, data, Math.min(1, config.seconds), 'on', 1);
  type V = 'probesOff' | 'probeOutputs' | 'probesOn';
  const modes: Record<V, ProbeMode> = { probesOff: 'off', probeOutputs: 'outputs', probesOn: 'on' };
  const timed: Record<V, Timed[]> = { probesOff: [], probeOutputs: [], probesOn: [] };
  const snapshots: number[] = [];
  const snapshotMs: number[] = [];
  for (let r = 0; r < config.rounds; r++) {
    const order: V[] = r % 2 === 0 ? ['probesOff', 'probeOutputs', 'probesOn'] : ['probesOn', 'probeOutputs', 'probesOff'];
    for (const v of order) {
      const t = await appLoop(ref, data, config.seconds, modes[v], 2, config.minBatches ?? 3);
      timed[v].push(t);
      if (v === 'probesOn') {
        snapshots.push(t.snapshots);
        if (t.snapshotMs !== null) snapshotMs.push(Math.round(t.snapshotMs * 10) / 10);
      }
    }
    const f = (v: V) => `${Math.round(timed[v][r]?.medianSps ?? NaN)} (mean ${Math.round(timed[v][r]?.sps ?? NaN)})`;
    say(`${labelOf(config)} ${ref.id} round ${r + 1}/${config.rounds}: heatmaps off ${f('probesOff')}, probes compiled in ${f('probeOutputs')}, live heatmaps ${f('probesOn')} samples/s (${snapshots[r] ?? 0} snapshots, ~${snapshotMs[r] ?? '?'} ms each)`);
  }
  const variants = { probesOff: variantResult(timed.probesOff), probeOutputs: variantResult(timed.probeOutputs), probesOn: variantResult(timed.probesOn) };
  return {
    model: ref.id,
    outputs,
    layers,
    variants,
    probeRatio: variants.probesOn.median / variants.probesOff.median,
    probeMeanRatio: variants.probesOn.mean / variants.probesOff.mean,
    probeOutputsRatio: variants.probeOutputs.median / variants.probesOff.median,
    // Per round: live heatmaps / off over each window's total time (the two ran back to back).
    probePairRatios: timed.probesOn.map((on, r) => on.sps / (timed.probesOff[r]?.sps ?? NaN)),
    snapshots,
    snapshotMs,
    seconds: Math.round(now() - t0) / 1000,
  };
}

/** Facts about the active backend, and why a backend is unavailable. */
async function backendInfo(name: BackendName): Promise<Record<string, string | number | boolean | null>> {
  const info: Record<string, string | number | boolean | null> = { tfjs: tf.version.tfjs };
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    info['threads'] = wasm.getThreadsCount();
    info['multithread'] = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
    info['simd'] = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    info['trainingKernels'] = 'registerWasmTrainingKernels (src/train/backends/wasm)';
  } else if (name === 'webgl') {
    info['webglVersion'] = tf.env().getNumber('WEBGL_VERSION');
    info['float32'] = tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
    try {
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_debug_renderer_info');
      info['renderer'] = gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : gl ? String(gl.getParameter(gl.RENDERER)) : null;
    } catch {
      info['renderer'] = null;
    }
  } else if (name === 'webgpu') {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> } }).gpu;
    const adapter = await gpu?.requestAdapter();
    const a = adapter?.info;
    info['adapter'] = a ? [a['vendor'], a['architecture'], a['device'], a['description']].filter(Boolean).join(' ') || 'unnamed' : null;
  }
  return info;
}

async function unavailableReason(name: BackendName, warnings: readonly string[]): Promise<string> {
  if (name === 'webgpu') {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu) return 'navigator.gpu is missing in the worker (WebGPU is disabled: launch flags?)';
    const adapter = await gpu.requestAdapter().catch(() => null);
    if (!adapter) return 'navigator.gpu.requestAdapter() gave no adapter';
  }
  if (name === 'webgl' && typeof OffscreenCanvas !== 'undefined' && !new OffscreenCanvas(1, 1).getContext('webgl2')) return 'no WebGL2 context on an OffscreenCanvas';
  return warnings.length > 0 ? `tf.setBackend('${name}') failed: ${warnings.join(' ').slice(0, 300)}` : `tf.setBackend('${name}') failed`;
}

async function run(config: RunConfig): Promise<BackendResult> {
  const t0 = now();
  const name = config.backend;
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    warn(...args);
  };
  const label = labelOf(config);
  let ok: boolean;
  try {
    if (config.threads && name === 'wasm') {
      // tfjs-backend-wasm 4.22 caps XNNPACK's pool at navigator.hardwareConcurrency / 2 (its C++
      // init and its pthread pool size both read it): one thread on a 2-core machine, whatever
      // setThreadsCount says. Reporting twice the threads wanted lifts the cap for this worker.
      const wanted = config.threads * 2;
      Object.defineProperty(Object.getPrototypeOf(navigator) as object, 'hardwareConcurrency', { get: () => wanted, configurable: true });
      (await import('@tensorflow/tfjs-backend-wasm')).setThreadsCount(config.threads);
    }
    ok = await activateBackend(name);
  } finally {
    console.warn = warn;
  }
  if (!ok) return { backend: name, label, available: false, reason: await unavailableReason(name, warnings), info: {}, models: [], seconds: Math.round(now() - t0) / 1000 };
  const info = await backendInfo(name);
  say(`${label}: ready ${JSON.stringify(info)}`);
  const data = syntheticData();
  const models: ModelResult[] = [];
  for (const id of config.models) {
    const ref = referenceModel(id);
    try {
      models.push(ref.handwritten ? await compareModel(ref, data, config) : await compareProbes(ref, data, config));
    } catch (err) {
      say(`${label} ${id}: failed: ${message(err)}`);
      models.push({ model: id, error: message(err), variants: {}, seconds: 0 });
    }
    say(`${label} ${id}: done; tf.memory().numTensors = ${tf.memory().numTensors}`);
  }
  return { backend: name, label, available: true, info, models, seconds: Math.round(now() - t0) / 1000 };
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  if (e.data.type !== 'run') return;
  run(e.data.config).then(
    (result) => post({ type: 'result', result }),
    (err: unknown) => post({ type: 'failed', message: message(err) }),
  );
};
