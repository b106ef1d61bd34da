// The graph document's types and the node-kind contract. Pure TypeScript: no React, no tfjs.
import type { Preprocessing } from './dataset.ts';

/** Raw modalities, features and predictions. A port accepts a set of these. */
export type PortType =
  // raw modalities (what input nodes produce)
  | 'image' // [H, W, C]
  | 'audio' // log-magnitude spectrogram [T, F]
  | 'text' // token ids [T]
  | 'tabular' // [F]
  | 'sequence' // [T, F]
  // features (what encoders and fusion nodes produce)
  | 'vector' // [d]
  | 'tokens' // [T, d]
  // predictions (what heads produce)
  | 'prediction'; // [K]

export const RAW_PORT_TYPES = ['image', 'audio', 'text', 'tabular', 'sequence'] as const;

/** A tensor shape without the batch axis. */
export type Shape = readonly number[];

/** What flows along an edge: a port type and a shape (batch axis omitted). */
export interface TypedShape {
  readonly type: PortType;
  readonly shape: Shape;
  /** Text only: the number of distinct token ids (set by input.text, read by encoder.embedding). */
  readonly vocabSize?: number;
  /**
   * Predictions only: how the values become a prediction. 'softmax': logits (or log-probabilities)
   * of one class among K; 'sigmoid': one independent logit per label; 'identity': regression values.
   */
  readonly decision?: Decision;
}

/** How a prediction's values are read (see TypedShape.decision). */
export type Decision = 'softmax' | 'sigmoid' | 'identity';

export type Category = 'input' | 'encoder' | 'fusion' | 'head' | 'regularisation';

export const CATEGORY_TITLES: Record<Category, string> = {
  input: 'Inputs',
  encoder: 'Encoders',
  fusion: 'Fusion',
  head: 'Heads',
  regularisation: 'Regularisation',
};

export interface InputPortSpec {
  readonly name: string;
  readonly label: string;
  readonly accepts: readonly PortType[];
  /** Fewest edges this port needs (1 for a required single input, 2 for most fusion ports). */
  readonly min: number;
  /** Most edges this port takes (1 for a single input; Infinity for "two or more"). */
  readonly max: number;
}

export interface OutputPortSpec {
  readonly name: string;
  readonly label: string;
  /** The type shown and assumed while the node has no input to infer from. */
  readonly type: PortType;
  /**
   * The input port whose type this output passes through (Dropout gives what it gets). Until that
   * input is connected, the output may connect wherever that input's accepted types could go.
   */
  readonly follows?: string;
}

/** One parameter of a node kind: drives validation, defaults and the inspector's controls. */
export type ParamSpec =
  | {
      readonly name: string;
      readonly label: string;
      readonly kind: 'int' | 'number';
      readonly default: number;
      readonly min: number;
      readonly max: number;
      readonly step?: number;
      readonly help?: string;
    }
  | {
      readonly name: string;
      readonly label: string;
      readonly kind: 'enum';
      readonly default: string;
      readonly options: readonly string[];
      readonly help?: string;
    }
  | {
      readonly name: string;
      readonly label: string;
      readonly kind: 'bool';
      readonly default: boolean;
      readonly help?: string;
    };

export type ParamValue = number | string | boolean;
export type Params = Readonly<Record<string, ParamValue>>;

/** Shapes arriving at a node: per input port name, one TypedShape per connected edge, in edge order. */
export type InputShapes = Readonly<Record<string, readonly TypedShape[]>>;

export type InferResult =
  | {
      readonly ok: true;
      /** Per output port name. */
      readonly outputs: Readonly<Record<string, TypedShape>>;
      /** Trainable parameters (weights and biases) this node creates. */
      readonly paramCount: number;
      /** Cost warnings (e.g. "creates 2.3M parameters…"); validate turns them into FD014 diagnostics. */
      readonly warnings?: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

export interface NodeKind {
  /** Part of the file format: never rename without a migration. */
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  /** A short teaching description (two or three sentences). */
  readonly description: string;
  /** The math in a few symbols, e.g. "z = [z₁; …; z_M]". */
  readonly math: string;
  readonly inputs: readonly InputPortSpec[];
  readonly outputs: readonly OutputPortSpec[];
  readonly params: readonly ParamSpec[];
  /**
   * Shape inference: given the (already valid) params and the shapes arriving at each input port,
   * give each output's shape and the parameter count, or a message saying why the shapes don't fit.
   */
  readonly infer: (params: Params, inputs: InputShapes) => InferResult;
  /** When set, the kind is listed but greyed out (its compiler lands with a later issue). */
  readonly unavailable?: string;
  /** Where the method comes from, e.g. "Zadeh et al. 2017, Tensor Fusion Network, arXiv 1707.07250". */
  readonly reference?: string;
  /** The parameter count as a formula, e.g. "Π(dₘ+1)·h + h" (docs and the inspector). */
  readonly paramsFormula?: string;
}

export interface XY {
  readonly x: number;
  readonly y: number;
}

export interface GraphNode {
  readonly id: string;
  readonly kind: string;
  readonly params: Params;
  readonly position: XY;
  /** Optional user label (e.g. "Photo"); shown instead of the kind's title. */
  readonly label?: string;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly sourcePort: string;
  readonly target: string;
  readonly targetPort: string;
}

export interface Graph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export interface DatasetChoice {
  readonly id: string;
  readonly options?: Readonly<Record<string, ParamValue>>;
  /** Per modality name, how raw data became model input (written once the dataset is loaded). */
  readonly preprocessing?: Readonly<Record<string, Preprocessing>>;
  /** Per input node id, the modality name that feeds it. */
  readonly bindings?: Readonly<Record<string, string>>;
}

export interface TrainingSettings {
  readonly optimizer: 'adam' | 'sgd' | 'rmsprop';
  readonly learningRate: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly seed: number;
  readonly validationSplit: number;
  readonly earlyStoppingPatience: number;
}

export const PROJECT_FORMAT = 'fusion-designer.project';
export const PROJECT_VERSION = 1;

export interface ProjectDocument {
  readonly format: typeof PROJECT_FORMAT;
  readonly version: typeof PROJECT_VERSION;
  readonly name: string;
  readonly graph: Graph;
  readonly dataset: DatasetChoice | null;
  readonly training: TrainingSettings;
}

export type Severity = 'error' | 'warning';

export type DiagnosticCode =
  | 'unknown-kind'
  | 'param-range'
  | 'dangling-edge'
  | 'unknown-port'
  | 'duplicate-edge'
  | 'self-loop'
  | 'cycle'
  | 'port-type'
  | 'too-many-inputs'
  | 'missing-input'
  | 'shape'
  | 'no-head'
  | 'unreachable'
  | 'cost';

/** A problem in a graph, tied to a node or an edge. `code` + `number` are stable (FD001…). */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  /** Stable numbered id shown to users, e.g. "FD104". */
  readonly number: string;
  readonly severity: Severity;
  /** What happened, where, and what to do. */
  readonly message: string;
  readonly nodeId?: string;
  readonly edgeId?: string;
  readonly param?: string;
  readonly port?: string;
}

/** The result of shape inference over a whole graph. */
export interface GraphShapes {
  /** Per edge id, the shape flowing along it (absent when upstream is broken). */
  readonly edges: Readonly<Record<string, TypedShape>>;
  /** Per node id, its output shapes by port name (absent when it could not be inferred). */
  readonly nodeOutputs: Readonly<Record<string, Readonly<Record<string, TypedShape>>>>;
  /** Per node id, the parameter count (absent when it could not be inferred). */
  readonly paramCounts: Readonly<Record<string, number>>;
  /** Shape errors (code 'shape') and cost warnings (code 'cost'). */
  readonly diagnostics: readonly Diagnostic[];
}

export type ConnectionCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface ConnectionRequest {
  readonly source: string;
  readonly sourcePort: string;
  readonly target: string;
  readonly targetPort: string;
}

/** A parse failure: `path` names the offending field (e.g. "graph.nodes[2].kind"). */
export interface ParseIssue {
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly document: ProjectDocument; readonly migratedFrom?: number }
  | { readonly ok: false; readonly message: string; readonly issues: readonly ParseIssue[] };
