/**
 * The trained-model bundle: the tfjs model (model.json + weights.bin), fusion-bundle.json (inputs
 * with their preprocessing, outputs, classes), the project document, metrics.json, samples.json
 * (model inputs and the predictions made where the bundle was made), README.md (the model card)
 * and fusion-model.mjs (the runtime). As files by name, or one zip. docs/bundle.md describes it.
 */
import * as tf from '@tensorflow/tfjs';
import { zipSync, type Zippable } from 'fflate';
import { canonicalPreprocessing, type DatasetInfo, type Preprocessing } from '../../graph/dataset.ts';
import { serializeProject, type ProjectDocument } from '../../graph/index.ts';
import type { CompiledModel } from '../../compile/index.ts';
import type { RunRecord } from '../../train/trainingProtocol.ts';
import { modelFiles } from './artifacts.ts';
import { modelCard } from './card.ts';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleInput, type BundleManifest, type BundleOutput, type BundleSamples, type SampleArray } from './format.ts';
import { metricsReport, type RunEvaluationReport } from './metrics.ts';
import { FUSION_MODEL_MJS } from './runtimeSource.generated.ts';

/** Dataset rows to put into samples.json, already as model inputs. */
export interface SampleRows {
  readonly rows: readonly number[];
  readonly labels: readonly number[];
  /** One array per model input (compiled.inputs order), rows.length samples, batch first. */
  readonly inputs: readonly (Float32Array | Int32Array)[];
}

/** Everything a bundle is made from: the trained model and what it was trained on. */
export interface TrainedModel {
  /** The document that was trained (its graph compiled to `compiled`). */
  readonly document: ProjectDocument;
  readonly compiled: CompiledModel;
  readonly dataset: DatasetInfo;
  /** Per model input (compiled.inputs order), the dataset modality that fed it. */
  readonly modalities: readonly string[];
  /** Per head (compiled.outputs order), the class names when it learned the class labels as classes, else null. */
  readonly headClasses: readonly (readonly string[] | null)[];
  /** The dataset's class names as training used them. */
  readonly classes: readonly string[];
  readonly record: RunRecord;
  readonly evaluation: RunEvaluationReport | null;
  readonly samples: SampleRows;
  /** e.g. "Fusion Designer 0.1.0 (browser)". */
  readonly producedBy: string;
  /** Where samples.json's predictions are computed, e.g. "browser worker, tfjs cpu backend". */
  readonly predictedOn: string;
  readonly createdAt?: Date;
}

export type BundleFiles = ReadonlyMap<string, Uint8Array>;

const json = (x: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(x, null, 2)}\n`);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The document as trained, with its dataset choice recording the preprocessing and the bindings used. */
export function trainedDocument(t: Pick<TrainedModel, 'document' | 'dataset' | 'compiled' | 'modalities'>): ProjectDocument {
  const preprocessing: Record<string, Preprocessing> = {};
  for (const m of t.dataset.modalities) preprocessing[m.name] = canonicalPreprocessing(m.preprocessing);
  const bindings: Record<string, string> = {};
  t.compiled.inputs.forEach((input, i) => {
    const m = t.modalities[i];
    if (m !== undefined) bindings[input.nodeId] = m;
  });
  const choice = t.document.dataset ?? { id: t.dataset.id };
  return { ...t.document, dataset: { ...choice, preprocessing, bindings } };
}

export function bundleManifest(t: TrainedModel, createdAt: Date): BundleManifest {
  const nodes = new Map(t.document.graph.nodes.map((n) => [n.id, n]));
  const inputs: BundleInput[] = t.compiled.inputs.map((input, i) => {
    const name = t.modalities[i];
    const spec = t.dataset.modalities.find((m) => m.name === name);
    if (name === undefined || spec === undefined) throw new Error(`No dataset modality is bound to the input ${input.nodeId}.`);
    return {
      nodeId: input.nodeId,
      label: nodes.get(input.nodeId)?.label ?? null,
      inputIndex: input.inputIndex,
      name: input.name,
      modality: spec.name,
      kind: spec.kind,
      shape: [...input.shape],
      dtype: input.dtype,
      preprocessing: canonicalPreprocessing(spec.preprocessing),
      canBeMissing: spec.canBeMissing,
    };
  });
  const outputs: BundleOutput[] = t.compiled.outputs.map((o, i) => ({
    nodeId: o.nodeId,
    label: nodes.get(o.nodeId)?.label ?? null,
    kind: o.kind,
    outputIndex: o.outputIndex,
    shape: [...o.shape],
    decision: o.decision,
    loss: o.loss,
    classes: t.headClasses[i] ?? null,
  }));
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    name: t.document.name,
    createdAt: createdAt.toISOString(),
    producedBy: t.producedBy,
    model: { json: BUNDLE_FILES.modelJson, format: 'layers-model', tfjsVersion: tf.version.tfjs, outputs: t.compiled.model.outputs.length },
    inputs,
    outputs,
    classes: t.classes,
    dataset: { id: t.dataset.id, title: t.dataset.title, credits: t.dataset.credits },
  };
}

/** Nine significant digits bring every float32 back exactly (and keep samples.json small). */
const float32Text = (v: number): number => Number(v.toPrecision(9));

function sampleArray(data: Float32Array | Int32Array, shape: readonly number[]): SampleArray {
  return data instanceof Int32Array ? { shape: [...shape], dtype: 'int32', data: Array.from(data) } : { shape: [...shape], dtype: 'float32', data: Array.from(data, float32Text) };
}

/** samples.json: the sample rows' model inputs, and the model's head outputs for them (on the current backend). */
export function bundleSamples(t: TrainedModel): BundleSamples {
  const n = t.samples.rows.length;
  if (t.samples.inputs.length !== t.compiled.inputs.length) throw new Error(`samples: ${t.samples.inputs.length} input arrays for ${t.compiled.inputs.length} model inputs.`);
  const inputs: Record<string, SampleArray> = {};
  t.compiled.inputs.forEach((input, i) => {
    inputs[input.name] = sampleArray(t.samples.inputs[i] as Float32Array | Int32Array, [n, ...input.shape]);
  });
  const outputs: Record<string, SampleArray> = {};
  if (n > 0) {
    const xs = t.compiled.inputs.map((input, i) => tf.tensor(t.samples.inputs[i] as Float32Array, [n, ...input.shape], input.dtype));
    try {
      const y = t.compiled.model.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs) as tf.Tensor | tf.Tensor[];
      const ys = Array.isArray(y) ? y : [y];
      try {
        for (const o of t.compiled.outputs) {
          const out = ys[o.outputIndex];
          if (!out) throw new Error(`the model gave no output for ${o.nodeId}`);
          outputs[o.nodeId] = sampleArray(Float32Array.from(out.dataSync()), [n, ...o.shape]);
        }
      } finally {
        tf.dispose(ys);
      }
    } finally {
      tf.dispose(xs);
    }
  }
  return { format: 'fusion-designer.samples', count: n, rows: [...t.samples.rows], labels: [...t.samples.labels], inputs, outputs, predictedOn: t.predictedOn };
}

/** The bundle's files, in a stable order. */
export async function createBundle(t: TrainedModel): Promise<BundleFiles> {
  const createdAt = t.createdAt ?? new Date();
  const manifest = bundleManifest(t, createdAt);
  const model = await modelFiles(t.compiled.model);
  const document = trainedDocument(t);
  const metrics = metricsReport({ ...t.record, document }, t.dataset, t.classes, t.evaluation);
  const files = new Map<string, Uint8Array>();
  files.set(BUNDLE_FILES.card, text(modelCard(document, manifest, metrics)));
  files.set(BUNDLE_FILES.manifest, json(manifest));
  files.set(BUNDLE_FILES.modelJson, json(model.modelJson));
  files.set(BUNDLE_FILES.weights, model.weights);
  files.set(BUNDLE_FILES.runtime, text(FUSION_MODEL_MJS));
  files.set(BUNDLE_FILES.project, text(serializeProject(document)));
  files.set(BUNDLE_FILES.metrics, json(metrics));
  // One line: thousands of numbers, one per line, would triple its size.
  files.set(BUNDLE_FILES.samples, text(`${JSON.stringify(bundleSamples(t))}\n`));
  return files;
}

/** How hard to deflate a file: text well, weights quickly, .npz (float data, often 100 MB) not at all. */
function zipLevel(name: string): 0 | 1 | 6 {
  if (name.endsWith('.npz')) return 0;
  return name.endsWith('.bin') ? 1 : 6;
}

/** Files as one zip (a fixed timestamp keeps equal bundles byte-equal). */
export function zipFiles(files: BundleFiles, folder = ''): Uint8Array {
  const entries: Zippable = {};
  const prefix = folder === '' ? '' : `${folder.replace(/\/+$/, '')}/`;
  for (const [name, bytes] of files) entries[`${prefix}${name}`] = [bytes, { level: zipLevel(name) }];
  return zipSync(entries, { mtime: new Date('2020-01-01T00:00:00Z') });
}
