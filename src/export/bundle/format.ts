/**
 * The trained-model bundle: what its files are called and what fusion-bundle.json (the manifest the
 * runtime module reads) holds. Pure types and constants: the bundle writer, the CLI, the worker and
 * the runtime module (runtime/fusion-model.ts, bundled into fusion-model.mjs) share them.
 * docs/bundle.md describes the format for people.
 */
import type { Preprocessing } from '../../graph/dataset.ts';

export const BUNDLE_FORMAT = 'fusion-designer.bundle';
/** Bumped whenever a file of the bundle changes shape. */
export const BUNDLE_VERSION = 1;

/** The files of a bundle (the weights file is named in model.json's weightsManifest). */
export const BUNDLE_FILES = {
  manifest: 'fusion-bundle.json',
  modelJson: 'model.json',
  weights: 'weights.bin',
  project: 'project.fusion.json',
  metrics: 'metrics.json',
  samples: 'samples.json',
  card: 'README.md',
  runtime: 'fusion-model.mjs',
} as const;

/** One model input: the modality that feeds it and how raw data becomes its values. */
export interface BundleInput {
  /** Input node id in the project graph. */
  readonly nodeId: string;
  /** The input node's label (what the person called it), or null. */
  readonly label: string | null;
  /** Index into model.inputs. */
  readonly inputIndex: number;
  /** The tf.input's name (model.json). */
  readonly name: string;
  /** The dataset modality that fed it in training (the key of a raw sample for predict()). */
  readonly modality: string;
  readonly kind: Preprocessing['kind'];
  /** Model-input shape without the batch axis. */
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  /** Exactly the preprocessing training used: statistics, vocabulary, spectrogram settings. */
  readonly preprocessing: Preprocessing;
  /** True when the modality could be missing in training (a missing modality is fed as zeros). */
  readonly canBeMissing: boolean;
}

/** One model output that is a prediction (a head). */
export interface BundleOutput {
  readonly nodeId: string;
  readonly label: string | null;
  readonly kind: string;
  /** Index into model.outputs. */
  readonly outputIndex: number;
  /** Shape without the batch axis. */
  readonly shape: readonly number[];
  /** softmax: logits of classes; sigmoid: one logit per label; identity: values. */
  readonly decision: 'softmax' | 'sigmoid' | 'identity';
  readonly loss: string;
  /** Class names, index = class id, for a head trained on the class labels (else null). */
  readonly classes: readonly string[] | null;
}

/** fusion-bundle.json */
export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: number;
  /** The project's name. */
  readonly name: string;
  readonly createdAt: string;
  /** e.g. "Fusion Designer 0.1.0 (browser, cpu)" or "fusion-designer train (Node, wasm)". */
  readonly producedBy: string;
  readonly model: { readonly json: string; readonly format: 'layers-model'; readonly tfjsVersion: string; readonly outputs: number };
  readonly inputs: readonly BundleInput[];
  readonly outputs: readonly BundleOutput[];
  /** The dataset's classes (index = class id). */
  readonly classes: readonly string[];
  readonly dataset: { readonly id: string; readonly title: string; readonly credits: readonly string[] };
}

/** An array in samples.json: row-major values, batch first. */
export interface SampleArray {
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly data: readonly number[];
}

/** samples.json: a few dataset samples, their model inputs, and the producer's predictions for them. */
export interface BundleSamples {
  readonly format: 'fusion-designer.samples';
  readonly count: number;
  /** Dataset rows the samples are. */
  readonly rows: readonly number[];
  /** Their class labels. */
  readonly labels: readonly number[];
  /** Model inputs (preprocessed), by input name (BundleInput.name). */
  readonly inputs: Readonly<Record<string, SampleArray>>;
  /** The model's outputs for them where the bundle was made, by output node id. */
  readonly outputs: Readonly<Record<string, SampleArray>>;
  /** Where the outputs were computed, e.g. "browser worker, tfjs cpu backend". */
  readonly predictedOn: string;
}
