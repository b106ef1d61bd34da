/**
 * fusion-model.mjs: the ES module inside every trained-model bundle. It registers Fusion Designer's
 * custom tfjs layers (bundled from src/compile/layers), loads the bundle (a folder, a URL, a .zip or
 * its files) and predicts from raw modality inputs with the preprocessing training used.
 * Its only import is @tensorflow/tfjs (and, in Node, node:fs to read a folder or a zip).
 *
 *   import { load } from './fusion-model.mjs';
 *   const model = await load('./my-bundle');          // Node: a folder or .zip; browser: a URL
 *   const { label, probabilities } = await model.predict({ image: pixels, audio: waveform });
 *
 * Generated into src/export/bundle/runtimeSource.generated.ts by `npm run build:runtime`.
 */
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
// Registers every custom layer class with tf.serialization (and tf.unstack's corrected gradient).
import '../../../compile/layers/index.ts';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleInput, type BundleManifest, type BundleOutput, type BundleSamples } from '../format.ts';
import { InputError, preprocessValue } from './preprocess.ts';

export { InputError, preprocessValue };
export { BUNDLE_FORMAT, BUNDLE_VERSION };
export type { BundleInput, BundleManifest, BundleOutput, BundleSamples };

/** A file's contents as the caller has it. */
export type FileData = Uint8Array | ArrayBuffer | string | Blob;

/**
 * Where a bundle is: a folder path or a .zip path (Node), a URL of the folder (fetch), the bytes of
 * the .zip, files by name ({ 'model.json': …, 'weights.bin': … }), or a FileList / File[] (a folder
 * or the files a person picked in a browser).
 */
export type BundleSource = string | URL | Uint8Array | ArrayBuffer | Blob | Readonly<Record<string, FileData>> | Iterable<File>;

/** A raw sample: per modality name (or input node id), its raw value (see preprocess.ts). */
export type RawSample = Readonly<Record<string, unknown>>;

export interface HeadPrediction {
  readonly nodeId: string;
  readonly label: string | null;
  readonly kind: string;
  /** The model's output for the sample (logits for a classifier). */
  readonly values: number[];
  /** softmax (classifiers) or sigmoid (multi-label) of the values; null for a regressor. */
  readonly probabilities: number[] | null;
  /** The most likely class (classifiers trained on the class labels). */
  readonly classIndex: number | null;
  readonly className: string | null;
}

export interface Prediction {
  /** The first classifier head's decision (null without one). */
  readonly label: string | null;
  readonly classIndex: number | null;
  readonly probabilities: number[] | null;
  /** Every head, by node id. */
  readonly heads: Readonly<Record<string, HeadPrediction>>;
}

type Reader = (name: string) => Promise<Uint8Array>;

const isNode = (): boolean => typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
const nodeModule = (name: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ name) as Promise<Record<string, unknown>>;

async function bytesOf(data: FileData): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (typeof data === 'string') return new TextEncoder().encode(data);
  return new Uint8Array(await data.arrayBuffer());
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Files by name (a bundle zipped inside a folder is fine: names are matched by their last part). */
function mapReader(files: ReadonlyMap<string, () => Promise<Uint8Array>>, where: string): Reader {
  const byBase = new Map<string, () => Promise<Uint8Array>>();
  for (const [name, get] of files) if (!byBase.has(baseName(name))) byBase.set(baseName(name), get);
  return async (name) => {
    const get = files.get(name) ?? byBase.get(baseName(name));
    if (get === undefined) throw new Error(`The bundle (${where}) has no ${name}. Is it a Fusion Designer model bundle?`);
    return get();
  };
}

function zipReader(zip: Uint8Array, where: string): Reader {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (err) {
    throw new Error(`${where} is not a readable zip (${err instanceof Error ? err.message : String(err)}).`);
  }
  return mapReader(new Map(Object.entries(entries).map(([k, v]) => [k, () => Promise.resolve(v)])), where);
}

async function readerFor(source: BundleSource): Promise<Reader> {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return zipReader(await bytesOf(source), 'the given bytes');
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    return zipReader(await bytesOf(source), typeof File !== 'undefined' && source instanceof File ? source.name : 'the given Blob');
  }
  if (typeof source === 'string' || source instanceof URL) {
    const text = String(source);
    const remote = /^(https?|blob|data):/i.test(text) || !isNode();
    if (remote) {
      const base = text.endsWith('/') || /\.zip$/i.test(text) ? text : `${text}/`;
      const fetchBytes = async (url: string): Promise<Uint8Array> => {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`Could not fetch ${url}: ${res.status} ${res.statusText}.`);
        return new Uint8Array(await res.arrayBuffer());
      };
      if (/\.zip$/i.test(text)) return zipReader(await fetchBytes(text), text);
      return (name) => fetchBytes(new URL(name, new URL(base, typeof location === 'undefined' ? undefined : location.href)).href);
    }
    const fs = (await nodeModule('node:fs/promises')) as { readFile(p: string | URL): Promise<Uint8Array>; stat(p: string | URL): Promise<{ isDirectory(): boolean }> };
    const path = (await nodeModule('node:path')) as { join(...p: string[]): string };
    const url = (await nodeModule('node:url')) as { fileURLToPath(u: string | URL): string };
    const dir = text.startsWith('file:') ? url.fileURLToPath(text) : text;
    let stat: { isDirectory(): boolean };
    try {
      stat = await fs.stat(dir);
    } catch {
      throw new Error(`There is no bundle at ${dir} (expected a folder with ${BUNDLE_FILES.manifest}, or a .zip).`);
    }
    if (!stat.isDirectory()) return zipReader(await fs.readFile(dir), dir);
    return async (name) => {
      try {
        return new Uint8Array(await fs.readFile(path.join(dir, name)));
      } catch {
        throw new Error(`The bundle folder ${dir} has no ${name}. Is it a Fusion Designer model bundle?`);
      }
    };
  }
  if (typeof (source as Iterable<File>)[Symbol.iterator] === 'function') {
    const files = new Map<string, () => Promise<Uint8Array>>();
    for (const f of source as Iterable<File>) files.set(f.webkitRelativePath || f.name, () => bytesOf(f));
    return mapReader(files, 'the chosen files');
  }
  const record = source as Readonly<Record<string, FileData>>;
  return mapReader(new Map(Object.entries(record).map(([k, v]) => [k, () => bytesOf(v)])), 'the given files');
}

async function readJson<T>(read: Reader, name: string): Promise<T> {
  const text = new TextDecoder().decode(await read(name));
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new Error(`${name} in the bundle is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
}

interface ModelJson {
  readonly modelTopology: object;
  readonly weightsManifest: readonly { readonly paths: readonly string[]; readonly weights: tf.io.WeightsManifestEntry[] }[];
  readonly format?: string;
}

/** The tfjs model of a bundle (model.json + its weight files), with the custom layers registered. */
async function loadLayers(read: Reader, name: string): Promise<tf.LayersModel> {
  const json = await readJson<ModelJson>(read, name);
  const parts: Uint8Array[] = [];
  for (const group of json.weightsManifest) for (const p of group.paths) parts.push(await read(p));
  const total = parts.reduce((a, p) => a + p.byteLength, 0);
  const weightData = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    weightData.set(p, at);
    at += p.byteLength;
  }
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: weightData.buffer,
      format: 'layers-model',
    }),
  );
}

function softmax(xs: readonly number[]): number[] {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** A loaded bundle: the tfjs model and what it needs to read raw data. */
export class FusionModel {
  readonly manifest: BundleManifest;
  readonly model: tf.LayersModel;
  private readonly read: Reader;

  constructor(manifest: BundleManifest, model: tf.LayersModel, read: Reader) {
    this.manifest = manifest;
    this.model = model;
    this.read = read;
  }

  get inputs(): readonly BundleInput[] {
    return this.manifest.inputs;
  }

  get outputs(): readonly BundleOutput[] {
    return this.manifest.outputs;
  }

  get classes(): readonly string[] {
    return this.manifest.classes;
  }

  /** The raw value of `input` in a sample: by modality name, input node id or node label. */
  private rawOf(sample: RawSample, input: BundleInput): unknown {
    if (input.modality in sample) return sample[input.modality];
    if (input.nodeId in sample) return sample[input.nodeId];
    if (input.label !== null && input.label in sample) return sample[input.label];
    return undefined;
  }

  /** Raw samples → model inputs (one typed array per model input, batch first, model.inputs order). */
  preprocess(samples: readonly RawSample[]): (Float32Array | Int32Array)[] {
    const known = new Set(this.inputs.flatMap((i) => [i.modality, i.nodeId, ...(i.label === null ? [] : [i.label])]));
    samples.forEach((s, k) => {
      const extra = Object.keys(s).filter((key) => !known.has(key));
      if (extra.length > 0) throw new InputError(`Sample ${k} has ${extra.join(', ')}, which no model input reads. The inputs are: ${this.inputs.map((i) => `'${i.modality}' (${i.kind})`).join(', ')}.`);
      const given = this.inputs.filter((i) => this.rawOf(s, i) !== undefined && this.rawOf(s, i) !== null);
      if (given.length === 0) throw new InputError(`Sample ${k} gives none of the model's inputs (${this.inputs.map((i) => `'${i.modality}'`).join(', ')}).`);
    });
    return this.inputs.map((input) => {
      const row = input.shape.reduce((a, b) => a * b, 1);
      const out = input.dtype === 'int32' ? new Int32Array(samples.length * row) : new Float32Array(samples.length * row);
      samples.forEach((s, k) => out.set(preprocessValue(input, this.rawOf(s, input)), k * row));
      return out;
    });
  }

  /**
   * The model's outputs for model inputs that are already preprocessed (one typed array per model
   * input in model.inputs order, or by input name; `batch` samples each). By output node id.
   */
  async run(inputs: readonly (Float32Array | Int32Array)[] | Readonly<Record<string, Float32Array | Int32Array | readonly number[]>>, batch: number): Promise<Record<string, Float32Array>> {
    const arrays = this.inputs.map((input, i) => {
      const given = Array.isArray(inputs) ? (inputs as readonly (Float32Array | Int32Array)[])[i] : (inputs as Readonly<Record<string, Float32Array | Int32Array | readonly number[]>>)[input.name];
      if (given === undefined) throw new InputError(`No values for the model input '${input.name}' (${input.modality}).`);
      return given;
    });
    const xs = this.inputs.map((input, i) => tf.tensor(arrays[i] as Float32Array, [batch, ...input.shape], input.dtype));
    try {
      const y = this.model.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs) as tf.Tensor | tf.Tensor[];
      const ys = Array.isArray(y) ? y : [y];
      try {
        const out: Record<string, Float32Array> = {};
        for (const o of this.outputs) {
          const t = ys[o.outputIndex];
          if (t === undefined) throw new Error(`The model has no output ${o.outputIndex} (${o.nodeId}).`);
          out[o.nodeId] = Float32Array.from(await t.data());
        }
        return out;
      } finally {
        tf.dispose(ys);
      }
    } finally {
      tf.dispose(xs);
    }
  }

  /** Predictions for raw samples (see preprocess.ts for the raw forms per modality). */
  async predictBatch(samples: readonly RawSample[]): Promise<Prediction[]> {
    const outs = await this.run(this.preprocess(samples), samples.length);
    return samples.map((_, k) => {
      const heads: Record<string, HeadPrediction> = {};
      for (const o of this.outputs) {
        const width = o.shape.reduce((a, b) => a * b, 1);
        const values = Array.from((outs[o.nodeId] as Float32Array).subarray(k * width, (k + 1) * width));
        const probabilities = o.decision === 'softmax' ? softmax(values) : o.decision === 'sigmoid' ? values.map(sigmoid) : null;
        const classIndex = o.decision === 'softmax' && probabilities !== null ? probabilities.indexOf(Math.max(...probabilities)) : null;
        heads[o.nodeId] = { nodeId: o.nodeId, label: o.label, kind: o.kind, values, probabilities, classIndex, className: classIndex === null ? null : (o.classes?.[classIndex] ?? String(classIndex)) };
      }
      const first = this.outputs.find((o) => o.decision === 'softmax');
      const h = first === undefined ? undefined : heads[first.nodeId];
      return { label: h?.className ?? null, classIndex: h?.classIndex ?? null, probabilities: h?.probabilities ?? null, heads };
    });
  }

  /** The prediction for one raw sample, e.g. predict({ image: pixels, audio: waveform }). */
  async predict(sample: RawSample): Promise<Prediction> {
    const [p] = await this.predictBatch([sample]);
    if (p === undefined) throw new Error('no prediction');
    return p;
  }

  /** The bundle's samples.json (inputs and the predictions where the bundle was made). */
  samples(): Promise<BundleSamples> {
    return readJson<BundleSamples>(this.read, BUNDLE_FILES.samples);
  }

  /** Reads another file of the bundle (metrics.json, project.fusion.json, README.md). */
  file(name: string): Promise<Uint8Array> {
    return this.read(name);
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Loads a bundle (see BundleSource for what it may be). */
export async function load(source: BundleSource): Promise<FusionModel> {
  const read = await readerFor(source);
  const manifest = await readJson<BundleManifest>(read, BUNDLE_FILES.manifest);
  if (manifest.format !== BUNDLE_FORMAT) throw new Error(`${BUNDLE_FILES.manifest} is not a Fusion Designer bundle manifest.`);
  if (manifest.version > BUNDLE_VERSION) throw new Error(`This bundle is version ${manifest.version}; this fusion-model.mjs reads up to version ${BUNDLE_VERSION}. Use the fusion-model.mjs inside the bundle.`);
  const model = await loadLayers(read, manifest.model.json);
  if (model.outputs.length !== manifest.model.outputs || model.inputs.length !== manifest.inputs.length) {
    model.dispose();
    throw new Error(`model.json does not match ${BUNDLE_FILES.manifest} (${model.inputs.length} inputs, ${model.outputs.length} outputs).`);
  }
  return new FusionModel(manifest, model, read);
}
