// Datasets as the project document sees them: the preprocessing recorded with a dataset choice,
// the bindings of input nodes to a dataset's modalities, the JSON description of a dataset
// (DatasetInfo, shared by src/data, src/train, the store and the UI), and fitting a graph's
// input nodes to a dataset. Pure TypeScript and zod: no tfjs, no typed arrays.
import { z } from 'zod';
import type { DatasetChoice, Graph, GraphNode, ParamSpec, ParamValue } from './types.ts';

// ---------------------------------------------------------------- modalities and preprocessing

export const MODALITY_KINDS = ['image', 'audio', 'text', 'tabular', 'sequence'] as const;
export type ModalityKind = (typeof MODALITY_KINDS)[number];

const count = z.int().min(1);
const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

const imagePreprocessing = z.strictObject({
  kind: z.literal('image'),
  height: count,
  width: count,
  channels: z.int().min(1).max(4),
  scale: z.enum(['unit', 'standardise']).meta({ description: '"unit": pixel / 255 (0..1); "standardise": (pixel / 255 − mean) / std per channel.' }),
  mean: z.array(finite).exactOptional(),
  std: z.array(finite).exactOptional(),
});

const audioPreprocessing = z.strictObject({
  kind: z.literal('audio'),
  sampleRate: count.meta({ description: 'Samples per second the waveform is read at (Hz).' }),
  clipSamples: count.meta({ description: 'The waveform is padded with zeros or cut to this many samples.' }),
  frameLength: count,
  frameStep: count,
  fftLength: count.meta({ description: 'The next power of two ≥ frameLength.' }),
  epsilon: z.number().gt(0).meta({ description: 'S = log(|STFT| + epsilon), Hann window.' }),
  mean: finite.meta({ description: 'Standardisation: (S − mean) / std, statistics of the training split.' }),
  std: z.number().gt(0),
});

const textPreprocessing = z.strictObject({
  kind: z.literal('text'),
  maxLength: count,
  vocabulary: z.array(z.string()).min(2).meta({ description: 'Token id i is vocabulary[i]; 0 is padding, 1 is unknown.' }),
  lowercase: z.boolean(),
  padId: z.literal(0),
  unknownId: z.literal(1),
});

const tabularPreprocessing = z.strictObject({
  kind: z.literal('tabular'),
  columns: z.array(z.string()),
  mean: z.array(finite),
  std: z.array(finite),
  fill: z.array(finite).meta({ description: 'Value used for a missing cell (before standardising).' }),
});

const sequencePreprocessing = z.strictObject({
  kind: z.literal('sequence'),
  steps: count,
  features: count,
  mean: z.array(finite),
  std: z.array(finite),
});

/** How raw data became model input, per modality. Recorded in the project so training and export repeat it exactly. */
export const preprocessingSchema = z
  .discriminatedUnion('kind', [imagePreprocessing, audioPreprocessing, textPreprocessing, tabularPreprocessing, sequencePreprocessing])
  .meta({ description: 'How one modality was turned into model input.' });

type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Exact<T> = { [K in keyof T]: Exclude<T[K], undefined> };

export type ImagePreprocessing = DeepReadonly<Exact<z.output<typeof imagePreprocessing>>>;
export type AudioPreprocessing = DeepReadonly<z.output<typeof audioPreprocessing>>;
export type TextPreprocessing = DeepReadonly<z.output<typeof textPreprocessing>>;
export type TabularPreprocessing = DeepReadonly<z.output<typeof tabularPreprocessing>>;
export type SequencePreprocessing = DeepReadonly<z.output<typeof sequencePreprocessing>>;
export type Preprocessing = ImagePreprocessing | AudioPreprocessing | TextPreprocessing | TabularPreprocessing | SequencePreprocessing;

/** dataset.preprocessing: per modality name. */
export const datasetPreprocessingSchema = z
  .record(z.string().min(1), preprocessingSchema)
  .meta({ description: 'Per modality name, how its raw data became model input (normalisation statistics, vocabulary, spectrogram settings, image size).' });

/** dataset.bindings: per input node id, the modality it is fed. */
export const datasetBindingsSchema = z
  .record(z.string().min(1), z.string().min(1))
  .meta({ description: 'Per input node id, the name of the dataset modality that feeds it.' });

// The document's DatasetChoice (src/graph/types.ts) gains two optional fields.

/** A preprocessing record with a fixed key order (for stable files). */
export function canonicalPreprocessing(p: Preprocessing): Preprocessing {
  switch (p.kind) {
    case 'image':
      return {
        kind: p.kind,
        height: p.height,
        width: p.width,
        channels: p.channels,
        scale: p.scale,
        ...(p.mean === undefined ? {} : { mean: [...p.mean] }),
        ...(p.std === undefined ? {} : { std: [...p.std] }),
      };
    case 'audio':
      return {
        kind: p.kind,
        sampleRate: p.sampleRate,
        clipSamples: p.clipSamples,
        frameLength: p.frameLength,
        frameStep: p.frameStep,
        fftLength: p.fftLength,
        epsilon: p.epsilon,
        mean: p.mean,
        std: p.std,
      };
    case 'text':
      return { kind: p.kind, maxLength: p.maxLength, vocabulary: [...p.vocabulary], lowercase: p.lowercase, padId: p.padId, unknownId: p.unknownId };
    case 'tabular':
      return { kind: p.kind, columns: [...p.columns], mean: [...p.mean], std: [...p.std], fill: [...p.fill] };
    case 'sequence':
      return { kind: p.kind, steps: p.steps, features: p.features, mean: [...p.mean], std: [...p.std] };
  }
}

/** Statistics are stored with 7 significant digits (and applied with the same rounding). */
export function roundStat(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(7)) : x;
}

// ---------------------------------------------------------------- dataset descriptions

export interface ModalitySpec {
  /** Unique within the dataset, e.g. "image", "audio", "colour". */
  readonly name: string;
  readonly kind: ModalityKind;
  /** Model-input shape without the batch axis (image [H,W,C], audio spectrogram [T,F], text [T], tabular [F], sequence [T,F]). */
  readonly shape: readonly number[];
  readonly preprocessing: Preprocessing;
  /** True when some samples lack this modality (see DatasetArrays.present). */
  readonly canBeMissing: boolean;
}

export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

export interface DatasetInfo {
  /** e.g. "synthetic.synergy", "avdigits", "avdigits.hard", "user.<name>". */
  readonly id: string;
  readonly title: string;
  /** A short paragraph: what the data is, which fusion strategies should win and why. */
  readonly description: string;
  /** Sources and licences to show wherever the data is shown. Empty for synthetic data. */
  readonly credits: readonly string[];
  readonly task: 'classification';
  readonly classes: readonly string[];
  readonly modalities: readonly ModalitySpec[];
  readonly size: number;
  readonly splits: Readonly<Record<SplitName, number>>;
  /** Per split, the count of each class (index = class id). */
  readonly classCounts: Readonly<Record<SplitName, readonly number[]>>;
  /** How the test split was made, e.g. "held-out speaker: theo" or "random, seed 42". */
  readonly splitNote: string;
}

/** A built-in dataset as listed before loading (the dataset picker, `fusion-designer datasets --json`). */
export interface DatasetDescriptor {
  readonly id: string;
  readonly title: string;
  /** 'synthetic' (generated in the app) or 'real' (packed assets under public/datasets). */
  readonly source: 'synthetic' | 'real';
  /** One line for the picker, e.g. "Synergy: label = colour XOR chirp". */
  readonly summary: string;
  readonly description: string;
  readonly credits: readonly string[];
  readonly classes: readonly string[];
  /** Modalities with their model-input shapes at the default options, and the params an input node needs to read them. */
  readonly modalities: readonly FitModality[];
  /** Samples at the default options, and the split sizes. */
  readonly size: number;
  readonly splits: Readonly<Record<SplitName, number>>;
  /** Options the dataset takes (noise, missing rate, seed, samples), as ParamSpecs. */
  readonly options: readonly ParamSpec[];
}

/** A stable key for a dataset choice: its id and options (preprocessing and bindings do not change the data). */
export function datasetChoiceKey(choice: Pick<DatasetChoice, 'id' | 'options'>): string {
  const opts = choice.options ?? {};
  const keys = Object.keys(opts).sort();
  return keys.length === 0 ? choice.id : `${choice.id}?${keys.map((k) => `${k}=${String(opts[k])}`).join('&')}`;
}

// ---------------------------------------------------------------- fitting a graph to a dataset

/** The input node kind that feeds each modality kind. */
export const INPUT_KIND_FOR: Readonly<Record<ModalityKind, string>> = {
  image: 'input.image',
  audio: 'input.audio',
  text: 'input.text',
  tabular: 'input.tabular',
  sequence: 'input.sequence',
};

/** A modality as graph fitting sees it: its input node kind follows from `kind`, its params are `inputParams`. */
export interface FitModality {
  readonly name: string;
  readonly kind: ModalityKind;
  readonly shape: readonly number[];
  /** Params of the input node that reads this modality, e.g. { height: 28, width: 28, channels: 1 }. */
  readonly inputParams: Readonly<Record<string, ParamValue>>;
}

/** The FitModality of a loaded modality. */
export function fitModality(spec: ModalitySpec): FitModality {
  return { name: spec.name, kind: spec.kind, shape: spec.shape, inputParams: inputParamsFor(spec.preprocessing) };
}

/** The params an input node needs to read data with this preprocessing. */
export function inputParamsFor(p: Preprocessing): Readonly<Record<string, ParamValue>> {
  switch (p.kind) {
    case 'image':
      return { height: p.height, width: p.width, channels: p.channels };
    case 'audio':
      return { sampleRate: p.sampleRate, clipSamples: p.clipSamples, frameLength: p.frameLength, frameStep: p.frameStep };
    case 'text':
      return { maxLength: p.maxLength, vocabSize: p.vocabulary.length };
    case 'tabular':
      return { features: p.columns.length };
    case 'sequence':
      return { steps: p.steps, features: p.features };
  }
}

export interface ParamChange {
  readonly nodeId: string;
  readonly param: string;
  readonly from: ParamValue | undefined;
  readonly to: ParamValue;
}

export interface GraphFit {
  /** Per input node id, the modality name bound to it. */
  readonly bindings: Readonly<Record<string, string>>;
  /** Param edits that make every bound input node (and every classifier head) fit the dataset. */
  readonly changes: readonly ParamChange[];
  /** Input nodes with no modality of their kind left. */
  readonly unboundNodes: readonly string[];
  /** Modalities no input node reads. */
  readonly unboundModalities: readonly string[];
}

const isInput = (n: GraphNode): boolean => n.kind.startsWith('input.');

/**
 * Binds input nodes to modalities by kind (keeping existing bindings that still fit, then in node
 * order) and lists the param edits that make the graph read the dataset: input shapes and the
 * number of classes of every head.classify.
 */
export function fitGraphToDataset(
  graph: Graph,
  modalities: readonly FitModality[],
  classes: number,
  previous: Readonly<Record<string, string>> = {},
): GraphFit {
  const byName = new Map(modalities.map((m) => [m.name, m]));
  const taken = new Set<string>();
  const bindings: Record<string, string> = {};
  const inputs = graph.nodes.filter(isInput);
  for (const n of inputs) {
    const prev = previous[n.id];
    const m = prev === undefined ? undefined : byName.get(prev);
    if (m !== undefined && INPUT_KIND_FOR[m.kind] === n.kind && !taken.has(m.name)) {
      bindings[n.id] = m.name;
      taken.add(m.name);
    }
  }
  for (const n of inputs) {
    if (bindings[n.id] !== undefined) continue;
    const m = modalities.find((x) => !taken.has(x.name) && INPUT_KIND_FOR[x.kind] === n.kind);
    if (m === undefined) continue;
    bindings[n.id] = m.name;
    taken.add(m.name);
  }
  const changes: ParamChange[] = [];
  for (const n of inputs) {
    const name = bindings[n.id];
    const m = name === undefined ? undefined : byName.get(name);
    if (m === undefined) continue;
    for (const [param, to] of Object.entries(m.inputParams)) {
      if (n.params[param] !== to) changes.push({ nodeId: n.id, param, from: n.params[param], to });
    }
  }
  for (const n of graph.nodes) {
    if (n.kind === 'head.classify' && n.params['classes'] !== classes) changes.push({ nodeId: n.id, param: 'classes', from: n.params['classes'], to: classes });
  }
  return {
    bindings,
    changes,
    unboundNodes: inputs.filter((n) => bindings[n.id] === undefined).map((n) => n.id),
    unboundModalities: modalities.filter((m) => !taken.has(m.name)).map((m) => m.name),
  };
}

/** The graph with the changes applied (nodes not touched keep their identity). */
export function applyParamChanges(graph: Graph, changes: readonly ParamChange[]): Graph {
  if (changes.length === 0) return graph;
  const byNode = new Map<string, Record<string, ParamValue>>();
  for (const c of changes) {
    const cur = byNode.get(c.nodeId) ?? {};
    cur[c.param] = c.to;
    byNode.set(c.nodeId, cur);
  }
  return { ...graph, nodes: graph.nodes.map((n) => (byNode.has(n.id) ? { ...n, params: { ...n.params, ...byNode.get(n.id) } } : n)) };
}
