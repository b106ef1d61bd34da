// Messages and results of the throughput benchmark (page ↔ worker ↔ bench/run.ts). Pure types.
import type { ProjectDocument } from '../../src/graph/index.ts';
import type { TrainingEvent } from '../../src/train/trainingProtocol.ts';
import type { ModelId } from './models.ts';

export type BackendId = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/**
 * What is timed:
 * - compiled: the designer's model (compileGraph of the document) trained with the app's own
 *   step (src/train/loop/step.ts trainStep: forward, headLoss, backward, Adam update, accuracy
 *   count) on batches made by the app's makeBatch, one loss read per step;
 * - handwritten: the same layers written with tf.layers, tf.train.adam, optimizer.minimize of
 *   tf.losses.softmaxCrossEntropy, one loss read per step, on the same batches;
 * - appLoop: the designer's model trained by the app's whole loop (trainModel: shuffling,
 *   makeBatch, trainStep, reports, yields to the event loop, probe snapshots when the graph has probes);
 * - probesOff / probeOutputs / probesOn: a model with attention in the app's loop, compiled without
 *   probes and without snapshots; with probes but no snapshots (the loop trains the heads-only view
 *   either way); and with live heatmaps: snapshots twice a second posted to the page (values
 *   transferred, as the app's worker does), decoded into the app's heatmap store and drawn by the
 *   Attention tab's own drawing code at every animation frame.
 */
export type VariantId = 'compiled' | 'handwritten' | 'appLoop' | 'probesOff' | 'probeOutputs' | 'probesOn';

export interface RunConfig {
  readonly backend: BackendId;
  /** wasm only: setThreadsCount(n) before the backend starts (default: tfjs' choice, which the app keeps). */
  readonly threads?: number;
  readonly models: readonly ModelId[];
  /** Timing rounds; each round times every variant once, in alternating order. */
  readonly rounds: number;
  /** Seconds of training steps timed per variant and round. */
  readonly seconds: number;
  /** Untimed steps per variant before the first round (also capped by warmupSeconds). */
  readonly warmupSteps: number;
  readonly warmupSeconds: number;
  /** App-loop windows time at least this many batches, however long that takes (default 3). */
  readonly minBatches?: number;
  /** Profile one step of each variant (kernel counts per step). */
  readonly profile: boolean;
}

export interface VariantResult {
  /** Samples per second from the median step time, one per round. */
  readonly runs: readonly number[];
  /** Samples per second from the mean step time (total time), one per round. */
  readonly meanRuns: readonly number[];
  /** Steps timed, one per round. */
  readonly steps: readonly number[];
  /** 64 / the median step time over every round: the figure in the tables. */
  readonly median: number;
  /** Steps × 64 / total time over every round (includes steps slowed by other jobs, and epoch ends in the app loop). */
  readonly mean: number;
}

export interface KernelProfile {
  /** Kernels run by one training step. */
  readonly kernels: number;
  /** Per kernel name, how many times one step runs it. */
  readonly byName: Readonly<Record<string, number>>;
  readonly newTensors: number;
  /** Per kernel name, its time per step (ms; tf.profile's kernelTimeMs, when the backend reports it). */
  readonly msByName?: Readonly<Record<string, number>>;
  /** Sum of the kernel times of one step (ms). */
  readonly totalMs?: number;
  /** The costliest kernel calls of one step, keyed by name and input shapes (ms, ≥ 0.2 ms). */
  readonly msByCall?: Readonly<Record<string, number>>;
}

export interface ModelResult {
  readonly model: ModelId;
  readonly error?: string;
  readonly paramCount?: number;
  readonly handwrittenParamCount?: number;
  /** Compiled model outputs (heads + probes) and layer count. */
  readonly outputs?: number;
  readonly layers?: number;
  readonly handwrittenLayers?: number;
  /**
   * Same-model check: both start from the same weights (copied) and train on the same batches,
   * so their losses agree (up to float round-off) when the models are the same.
   */
  readonly check?: { readonly weightsCopied: boolean; readonly firstLoss: readonly [number, number]; readonly secondLoss: readonly [number, number] };
  readonly variants: Partial<Record<VariantId, VariantResult>>;
  /**
   * Per round, the median over step pairs of (hand-written step time / the compiled step taken
   * right after or before it): the two alternate step by step, so each pair meets the same load.
   */
  readonly pairedRatios?: readonly number[];
  /** compiled / handwritten throughput from the median step times over every round. */
  readonly ratio?: number;
  /** The median over every step pair of every round (the steadiest estimate of the ratio). */
  readonly stepRatio?: number;
  /** median(appLoop) / median(handwritten). */
  readonly appLoopRatio?: number;
  /** probesOn / probesOff from median batch times (the cost of probe outputs in every step). */
  readonly probeRatio?: number;
  /** probesOn / probesOff from mean batch times (also counts the snapshots, taken between some batches). */
  readonly probeMeanRatio?: number;
  /** probeOutputs / probesOff from median batch times. */
  readonly probeOutputsRatio?: number;
  /** Per round, probesOn / probesOff throughput over each window's total time (timed back to back). */
  readonly probePairRatios?: readonly number[];
  /** Snapshots taken per probesOn run (the heatmaps got that many frames of data). */
  readonly snapshots?: readonly number[];
  /** Per live round, the time a snapshot added to the batch it followed (ms, from the batch intervals). */
  readonly snapshotMs?: readonly number[];
  readonly profiles?: Partial<Record<VariantId, KernelProfile>>;
  /** Median warm-up step time (s) of the slower of compiled and hand-written. */
  readonly stepSeconds?: number;
  readonly note?: string;
  readonly seconds: number;
}

export interface BackendResult {
  readonly backend: BackendId;
  /** The backend's name in tables: "wasm", or "wasm (2 threads)" when RunConfig.threads was set. */
  readonly label: string;
  readonly available: boolean;
  /** Why the backend was skipped. */
  readonly reason?: string;
  /** Backend facts: wasm threads and SIMD, WebGL version, WebGPU adapter... */
  readonly info: Readonly<Record<string, string | number | boolean | null>>;
  readonly models: readonly ModelResult[];
  readonly seconds: number;
}

export type WorkerRequest = { readonly type: 'run'; readonly config: RunConfig };

export type WorkerEvent =
  | { readonly type: 'progress'; readonly text: string }
  /** Live heatmaps: the run's train.plan (with its document, to name tokens) and each train.probe. */
  | { readonly type: 'heatmap'; readonly event: Extract<TrainingEvent, { type: 'train.plan' | 'train.probe' }>; readonly document?: ProjectDocument }
  | { readonly type: 'result'; readonly result: BackendResult }
  | { readonly type: 'failed'; readonly message: string };

/** What the bench page exposes to Playwright. */
export interface BenchPage {
  readonly crossOriginIsolated: boolean;
  readonly userAgent: string;
  readonly hardwareConcurrency: number;
  /** Runs one backend in a fresh worker (terminated after, or after timeoutMs). */
  runBackend(config: RunConfig, timeoutMs: number): Promise<BackendResult>;
}
