// Types of the compiler: what a builder gets and gives, and what compileGraph returns.
import type * as tf from '@tensorflow/tfjs';
import type { Decision, GraphNode, InputShapes, NodeKindId, Params, TypedShape } from '../graph/index.ts';

/** Where an input edge comes from. */
export interface Source {
  readonly nodeId: string;
  readonly port: string;
}

/** What a builder gets: one node, its resolved params, and the symbolic tensors arriving at it. */
export interface BuildContext {
  readonly node: GraphNode;
  /** The node's params, complete and valid (validation ran first). */
  readonly params: Params;
  /** Per input port: the symbolic tensors arriving, in edge order (empty for an open optional port). */
  readonly inputs: Readonly<Record<string, readonly tf.SymbolicTensor[]>>;
  /** Per input port: where each of those tensors comes from (same order). */
  readonly sources: Readonly<Record<string, readonly Source[]>>;
  /** Per input port: the typed shapes inferShapes gave (same order), e.g. for the vocabulary size. */
  readonly inputShapes: InputShapes;
  /** The output shapes inferShapes promised; compileGraph checks the built tensors against them. */
  readonly outputShapes: Readonly<Record<string, TypedShape>>;
  /** True when probes (attention maps, gate values) should be exposed as extra model outputs. */
  readonly probes: boolean;
  /** A layer name for this node: `<node id>__<role>`, e.g. "n3__dense_1". Roles must be unique per node. */
  name(role: string): string;
  /** Creates the model input of an input node (named by the node id). */
  modelInput(shape: readonly number[], dtype: 'float32' | 'int32'): tf.SymbolicTensor;
}

/** An attention map or gate exposed by a builder (becomes a model output after the heads). */
export interface ProbeSpec {
  readonly tensor: tf.SymbolicTensor;
  /** What the values are, e.g. "modality weights α (softmax over modalities; each row sums to 1)". */
  readonly meaning: string;
  /** One name per axis after the batch axis, e.g. ["modality"] or ["head", "query token", "context token"]. */
  readonly axes: readonly string[];
  /** Which index range of an axis belongs to which upstream node (for grouping a heatmap by modality). */
  readonly groups?: ProbeGroups;
}

export interface ProbeGroups {
  /** The axis (index into `axes`) the ranges refer to. */
  readonly axis: number;
  /** [start, end) per upstream node; nodeId null marks a CLS token. */
  readonly ranges: readonly { readonly nodeId: string | null; readonly start: number; readonly end: number }[];
}

/** What a builder gives back. */
export interface BuildOutput {
  /** Per output port name, the symbolic tensor it produces. */
  readonly outputs: Readonly<Record<string, tf.SymbolicTensor>>;
  readonly probes?: readonly ProbeSpec[];
  /**
   * Values per sample that custom layers keep for the backward pass without exposing them as
   * layer outputs (attention maps, feed-forward hidden units…); only used by the memory estimate.
   */
  readonly hiddenActivations?: number;
}

/** Builds one node's layers. One per kind, in src/compile/builders/<kind id>.ts. */
export type Builder = (ctx: BuildContext) => BuildOutput;

/** The loss that trains a head. */
export type HeadLoss = 'softmaxCrossEntropy' | 'sigmoidCrossEntropy' | 'meanSquaredError';

/** A model output that is a prediction (a head, or a fusion.late that nothing consumes). */
export interface HeadOutput {
  readonly nodeId: string;
  readonly kind: NodeKindId;
  /** Index into model.outputs (heads come first, so 0…H−1). */
  readonly outputIndex: number;
  /** Shape without the batch axis, e.g. [10]. */
  readonly shape: readonly number[];
  /** How the values are read: softmax (logits of K classes), sigmoid (one logit per label) or identity. */
  readonly decision: Decision;
  readonly loss: HeadLoss;
}

/** A model output exposing an attention map or gate values (after every head). */
export interface Probe {
  readonly nodeId: string;
  readonly kind: NodeKindId;
  /** Index into model.outputs (H…H+P−1). */
  readonly outputIndex: number;
  /** Shape without the batch axis. */
  readonly shape: readonly number[];
  readonly meaning: string;
  readonly axes: readonly string[];
  readonly groups?: ProbeGroups;
}

/** One model input (an input node). */
export interface ModelInput {
  readonly nodeId: string;
  readonly kind: NodeKindId;
  /** Index into model.inputs (input nodes in document order). */
  readonly inputIndex: number;
  /** The tf.input name (the node id, made safe for tfjs). */
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
}

/** Training memory of one node, in bytes (float32 values). */
export interface NodeMemory {
  readonly params: number;
  /** 4 bytes per parameter. */
  readonly weights: number;
  /** One gradient per parameter. */
  readonly gradients: number;
  /** Adam's first and second moments: two values per parameter. */
  readonly optimizer: number;
  /** Outputs (and hidden values of custom layers) kept for the backward pass, plus their gradients, for a batch. */
  readonly activations: number;
  readonly total: number;
}

export interface MemoryEstimate {
  readonly batchSize: number;
  readonly perNode: Readonly<Record<string, NodeMemory>>;
  readonly totalBytes: number;
}

export interface CompileOptions {
  /** Expose attention maps and gate values as extra model outputs (default true). */
  readonly probes?: boolean;
  /** Seed for weight initialisation (default: unseeded, from Math.random). */
  readonly seed?: number;
  /** Batch size the memory estimate assumes (default 32). */
  readonly batchSize?: number;
}

export interface CompiledModel {
  readonly model: tf.LayersModel;
  /** Model inputs: one per input node that leads to an output, in document order. */
  readonly inputs: readonly ModelInput[];
  /** Prediction outputs: model.outputs[0…H−1], in document order of their nodes. */
  readonly outputs: readonly HeadOutput[];
  /** Attention / gate outputs: model.outputs[H…], in document order of their nodes. */
  readonly probes: readonly Probe[];
  /** Trainable parameters of the whole model (model.countParams()). */
  readonly paramCount: number;
  /** Trainable parameters per node, counted on the built layers. */
  readonly paramCounts: Readonly<Record<string, number>>;
  /** Layer names per node id (every layer is named "<node id>__<role>", inputs by the node id). */
  readonly layers: Readonly<Record<string, readonly string[]>>;
  /** Per node id and output port, the symbolic tensor it produces (e.g. to build a feature-extraction model). */
  readonly tensors: Readonly<Record<string, Readonly<Record<string, tf.SymbolicTensor>>>>;
  /** Node ids in the order they were built (topological; nodes that lead to no output are left out). */
  readonly order: readonly string[];
  readonly memory: MemoryEstimate;
}
