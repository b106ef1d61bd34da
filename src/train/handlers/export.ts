// The worker's handler for export.* messages, and what it shares with the CLI: the trained model
// the training handler kept, bound again to its dataset, becomes the trained-model bundle or a code
// export (PyTorch, Keras), zipped for a download.
//
// Wiring (in the worker's router):
//   const exporter = createExportHandler({ trainedModel: () => training.trainedModel(), loadDataset: … });
//   router.on('export.', (msg, post) => exporter(msg, post));
import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../../compile/index.ts';
import type { ProjectDocument } from '../../graph/index.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { createBundle, zipFiles, type BundleFiles, type SampleRows, type TrainedModel } from '../../export/bundle/index.ts';
import { codeFiles, type CodeExportInput } from '../../export/code.ts';
import type { ExportDataset } from '../../export/pytorch/index.ts';
import { bindDataset, documentBindings, type DatasetBinding } from '../loop/binding.ts';
import { problemOf } from '../loop/session.ts';
import { exportFileName, type ExportFormat, type ExportRequest, type ExportResponse } from '../exportProtocol.ts';
import type { RunRecord } from '../trainingProtocol.ts';

/** Most values samples.json holds (inputs of all samples together). */
const SAMPLE_VALUE_BUDGET = 200_000;
/** Samples in samples.json and sample_batch.npz (fewer when they are large). */
const SAMPLE_COUNT = 8;

/** A trained model bound to the dataset it was trained on: what every export needs. */
export interface ExportContext {
  readonly document: ProjectDocument;
  readonly compiled: CompiledModel;
  readonly data: DatasetArrays;
  readonly binding: DatasetBinding;
  readonly samples: SampleRows;
}

/**
 * Up to `count` dataset rows for samples (validation rows first, one class after another), within
 * a budget of input values.
 */
export function pickSampleRows(data: DatasetArrays, rowValues: number, count = SAMPLE_COUNT): number[] {
  const n = Math.max(1, Math.min(count, Math.floor(SAMPLE_VALUE_BUDGET / Math.max(1, rowValues))));
  const pool = [1, 0, 2].flatMap((code) => Array.from(data.split.keys()).filter((i) => data.split[i] === code));
  const byClass = new Map<number, number[]>();
  for (const i of pool) {
    const c = data.labels[i] ?? 0;
    const list = byClass.get(c) ?? [];
    list.push(i);
    byClass.set(c, list);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const out: number[] = [];
  for (let round = 0; out.length < n && out.length < pool.length; round++) {
    for (const c of classes) {
      const i = byClass.get(c)?.[round];
      if (i !== undefined && out.length < n) out.push(i);
    }
  }
  return out;
}

/** Rows `rows` of one modality's array. */
function gather(values: Float32Array | Int32Array, rowSize: number, rows: readonly number[]): Float32Array | Int32Array {
  const out = values instanceof Int32Array ? new Int32Array(rows.length * rowSize) : new Float32Array(rows.length * rowSize);
  rows.forEach((r, k) => out.set(values.subarray(r * rowSize, (r + 1) * rowSize), k * rowSize));
  return out;
}

/** Binds the trained model to its dataset again (same rules as training) and picks the sample rows. */
export function exportContext(document: ProjectDocument, compiled: CompiledModel, data: DatasetArrays): ExportContext {
  const binding = bindDataset(document.graph, compiled, data.info, documentBindings(document));
  const rowValues = binding.inputs.reduce((a, b) => a + b.rowSize, 0);
  const rows = pickSampleRows(data, rowValues);
  const inputs = binding.inputs.map((b) => {
    const values = data.inputs[b.modality];
    if (values === undefined) throw new Error(`The dataset has no arrays for '${b.modality}'.`);
    return gather(values, b.rowSize, rows);
  });
  return { document, compiled, data, binding, samples: { rows, labels: rows.map((r) => data.labels[r] ?? -1), inputs } };
}

/** The dataset as train.py reads it (dataset.npz). */
export function exportDataset(ctx: ExportContext): ExportDataset {
  return {
    inputs: ctx.binding.inputs.map((b) => {
      const values = ctx.data.inputs[b.modality];
      if (values === undefined) throw new Error(`The dataset has no arrays for '${b.modality}'.`);
      return values;
    }),
    labels: ctx.data.labels,
    split: ctx.data.split,
  };
}

export interface BundleOptions {
  readonly record: RunRecord;
  readonly evaluation: TrainedModel['evaluation'];
  readonly producedBy: string;
  readonly predictedOn: string;
}

/** The trained-model bundle of a context. */
export function bundleFor(ctx: ExportContext, options: BundleOptions): Promise<BundleFiles> {
  const { binding } = ctx;
  return createBundle({
    document: ctx.document,
    compiled: ctx.compiled,
    dataset: ctx.data.info,
    modalities: binding.inputs.map((b) => b.modality),
    headClasses: binding.targets.map((t) => {
      const head = ctx.compiled.outputs.find((o) => o.nodeId === t.nodeId);
      return t.encoding === 'oneHot' && t.width === binding.classes && head !== undefined && head.decision !== 'identity' ? binding.classNames : null;
    }),
    classes: binding.classNames,
    record: options.record,
    evaluation: options.evaluation,
    samples: ctx.samples,
    producedBy: options.producedBy,
    predictedOn: options.predictedOn,
  });
}

/** The PyTorch or Keras export of a context (with dataset.npz when `includeDataset`). */
export function codeFor(format: Exclude<ExportFormat, 'bundle'>, ctx: ExportContext, includeDataset: boolean): Map<string, Uint8Array> {
  const input: CodeExportInput = {
    document: ctx.document,
    compiled: ctx.compiled,
    sample: { count: ctx.samples.rows.length, inputs: ctx.samples.inputs },
    dataset: includeDataset ? exportDataset(ctx) : null,
    datasetInfo: { id: ctx.data.info.id, title: ctx.data.info.title, credits: ctx.data.info.credits },
  };
  return codeFiles(format, input);
}

// ---------------------------------------------------------------- the worker's handler

export interface ExportEnv {
  /** The model the training handler kept from its last finished run. */
  trainedModel(): { readonly runId: string; readonly compiled: CompiledModel } | null;
  /** The dataset a document was trained on (from the worker's cache). */
  loadDataset(document: ProjectDocument): Promise<DatasetArrays>;
  /** e.g. "Fusion Designer 0.1.0 (browser)". */
  readonly producedBy: string;
}

type Post = (message: ExportResponse, transfer?: Transferable[]) => void;

/** Handles export.start: one export at a time (a second waits for the first). */
export function createExportHandler(env: ExportEnv): (message: ExportRequest, post: Post) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  const run = async (msg: ExportRequest, post: Post): Promise<void> => {
    const { requestId } = msg;
    const fail = (message: string, fix?: string): void => post({ type: 'export.failed', requestId, message, ...(fix ? { fix } : {}) });
    const kept = env.trainedModel();
    if (kept === null || kept.runId !== msg.runId) {
      fail('The trained model of this run is no longer in memory (a newer run, or a reload, replaced it).', 'Train the model again, then export.');
      return;
    }
    const document = msg.record.document;
    const before = tf.memory().numTensors;
    try {
      post({ type: 'export.progress', requestId, label: 'Reading the dataset' });
      const data = await env.loadDataset(document);
      const ctx = exportContext(document, kept.compiled, data);
      let files: BundleFiles;
      if (msg.format === 'bundle') {
        post({ type: 'export.progress', requestId, label: 'Saving the model and predicting the samples' });
        files = await bundleFor(ctx, { record: msg.record, evaluation: msg.evaluation ?? null, producedBy: env.producedBy, predictedOn: `browser worker, tfjs ${tf.getBackend()} backend` });
      } else {
        post({ type: 'export.progress', requestId, label: `Writing ${msg.format === 'pytorch' ? 'PyTorch' : 'Keras'} code and weights` });
        files = codeFor(msg.format, ctx, msg.includeDataset ?? true);
      }
      post({ type: 'export.progress', requestId, label: 'Zipping' });
      const zip = zipFiles(files);
      const listing = [...files].map(([name, bytes]) => ({ name, bytes: bytes.byteLength }));
      post({ type: 'export.done', requestId, format: msg.format, fileName: exportFileName(document.name, msg.format), zip, files: listing }, [zip.buffer as ArrayBuffer]);
    } catch (err) {
      const p = problemOf(err);
      fail(`The export failed: ${p.message.replace(/^The run failed: /, '')}`, p.fix ?? 'Train the model again; if it keeps failing, please report it.');
    } finally {
      const leaked = tf.memory().numTensors - before;
      if (leaked > 0) console.warn(`The export left ${leaked} tensors undisposed.`);
    }
  };
  return (msg, post) => {
    const next = queue.then(() => run(msg, post));
    queue = next.catch(() => undefined);
    return next;
  };
}
