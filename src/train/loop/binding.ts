// Binding: which dataset modality feeds each input node, and which target each head learns.
import type { CompiledModel, HeadLoss } from '../../compile/index.ts';
import { describeNode, type Graph, type GraphNode, type ProjectDocument } from '../../graph/index.ts';
import type { DatasetInfo, ModalityKind, ModalitySpec } from '../../data/types.ts';

/** One model input and the modality that feeds it. */
export interface InputBinding {
  readonly nodeId: string;
  /** Index into model.inputs. */
  readonly inputIndex: number;
  readonly modality: string;
  readonly kind: ModalityKind;
  /** Model-input shape without the batch axis (equal to the modality's shape). */
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  /** Values per sample (the product of shape). */
  readonly rowSize: number;
}

/** How a head's target is made from the class labels. */
export interface HeadTarget {
  readonly nodeId: string;
  /** Index into model.outputs. */
  readonly outputIndex: number;
  readonly loss: HeadLoss;
  /** 'oneHot': [B, K] one-hot of the label; 'index': [B, 1] the class index as a number (regression on one value). */
  readonly encoding: 'oneHot' | 'index';
  /** Width of the head's output. */
  readonly width: number;
}

export interface DatasetBinding {
  /** In model.inputs order. */
  readonly inputs: readonly InputBinding[];
  /** In model.outputs order (heads only). */
  readonly targets: readonly HeadTarget[];
  readonly classes: number;
  readonly classNames: readonly string[];
  /** Modality names some input reads, in input order without repeats (what ablation removes). */
  readonly modalities: readonly string[];
  /** Dataset modalities no input reads. */
  readonly unused: readonly string[];
}

/** A binding problem: names the node, and says what to change. */
export class BindingError extends Error {
  readonly nodeId: string | undefined;
  readonly fix: string | undefined;
  constructor(message: string, options: { nodeId?: string; fix?: string } = {}) {
    super(message);
    this.name = 'BindingError';
    this.nodeId = options.nodeId;
    this.fix = options.fix;
  }
}

const KIND_OF_INPUT: Readonly<Record<string, ModalityKind>> = {
  'input.image': 'image',
  'input.audio': 'audio',
  'input.text': 'text',
  'input.tabular': 'tabular',
  'input.sequence': 'sequence',
};

/** The modality kind an input node reads, or undefined for other kinds. */
export function modalityKindOf(nodeKind: string): ModalityKind | undefined {
  return KIND_OF_INPUT[nodeKind];
}

/**
 * Explicit bindings stored in the document: `document.dataset.bindings`, a record of input node id
 * → modality name. Not part of the version-1 document type yet; read defensively.
 */
export function documentBindings(doc: ProjectDocument): Readonly<Record<string, string>> | undefined {
  const raw: unknown = (doc.dataset as { bindings?: unknown } | null)?.bindings;
  if (raw === null || typeof raw !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** "28×28×1" */
export function formatDims(shape: readonly number[]): string {
  return shape.length === 0 ? 'a scalar' : shape.join('×');
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** What to set on the input node so it reads the modality's shape. */
function shapeFix(spec: ModalitySpec): string {
  const [a, b, c] = spec.shape;
  const p = spec.preprocessing;
  switch (spec.kind) {
    case 'image':
      return `set height ${a}, width ${b}, channels ${c}`;
    case 'audio':
      return p.kind === 'audio'
        ? `set sample rate ${p.sampleRate}, clip length ${p.clipSamples}, frame length ${p.frameLength} and frame step ${p.frameStep} (a ${formatDims(spec.shape)} spectrogram)`
        : `choose a clip length, frame length and frame step that give a ${formatDims(spec.shape)} spectrogram`;
    case 'text':
      return `set max length ${a}`;
    case 'tabular':
      return `set features ${a}`;
    case 'sequence':
      return `set steps ${a}, features ${b}`;
  }
}

function listModalities(info: DatasetInfo): string {
  return info.modalities.map((m) => `${m.kind} '${m.name}'`).join(', ') || 'no modalities';
}

/**
 * Binds the compiled model's inputs to the dataset's modalities and its heads to the labels.
 *
 * An input node reads `explicit[nodeId]` when given, else the first modality of its kind that no
 * earlier input took (input.image ↔ image, input.audio ↔ audio, …, inputs in document order).
 * Throws BindingError naming the node when nothing matches, the kind or shape differs, the text
 * vocabulary does not fit, or a head predicts a different number of classes than the dataset has.
 */
export function bindDataset(graph: Graph, compiled: CompiledModel, info: DatasetInfo, explicit: Readonly<Record<string, string>> = {}): DatasetBinding {
  const nodes = new Map<string, GraphNode>(graph.nodes.map((n) => [n.id, n]));
  const nodeOf = (id: string): GraphNode => nodes.get(id) ?? { id, kind: 'unknown', params: {}, position: { x: 0, y: 0 } };
  const taken = new Set<string>();
  const dataset = `the dataset '${info.title}'`;

  // Explicit bindings first, so by-kind matching skips the modalities they take.
  for (const input of compiled.inputs) {
    const name = explicit[input.nodeId];
    if (name !== undefined) taken.add(name);
  }

  const inputs: InputBinding[] = compiled.inputs.map((input) => {
    const node = nodeOf(input.nodeId);
    const who = describeNode(node);
    const kind = modalityKindOf(node.kind);
    if (!kind) throw new BindingError(`${who} is not an input node this version can feed from a dataset.`, { nodeId: node.id });
    const chosen = explicit[input.nodeId];
    let spec: ModalitySpec | undefined;
    if (chosen !== undefined) {
      spec = info.modalities.find((m) => m.name === chosen);
      if (!spec) {
        const fix = `Bind it to one of ${listModalities(info)}.`;
        throw new BindingError(`${who} is bound to the modality '${chosen}', which ${dataset} does not have. ${fix}`, { nodeId: node.id, fix });
      }
      if (spec.kind !== kind) {
        const fix = `Bind it to a ${kind} modality, or use an input node for ${spec.kind}.`;
        throw new BindingError(`${who} reads ${kind}, but it is bound to '${spec.name}', which is ${spec.kind}. ${fix}`, { nodeId: node.id, fix });
      }
    } else {
      spec = info.modalities.find((m) => m.kind === kind && !taken.has(m.name));
      if (!spec) {
        const same = info.modalities.filter((m) => m.kind === kind);
        const fix =
          same.length > 0
            ? `Remove one of the ${kind} inputs, or choose a dataset with more ${kind} modalities.`
            : `Remove the input node, or choose a dataset with ${kind === 'image' || kind === 'audio' ? 'an' : 'a'} ${kind} modality.`;
        const why = same.length > 0 ? `every ${kind} modality of ${dataset} is already read by another input` : `${dataset} has no ${kind} modality (it has ${listModalities(info)})`;
        throw new BindingError(`${who} has nothing to read: ${why}. ${fix}`, { nodeId: node.id, fix });
      }
      taken.add(spec.name);
    }
    if (!sameShape(input.shape, spec.shape)) {
      const fix = `${shapeFix(spec)}, or choose another dataset`;
      throw new BindingError(`${who} expects ${formatDims(input.shape)} but the dataset's '${spec.name}' is ${formatDims(spec.shape)}: ${fix}.`, { nodeId: node.id, fix });
    }
    if (spec.kind === 'text' && spec.preprocessing.kind === 'text') {
      const vocab = spec.preprocessing.vocabulary.length;
      const have = Number(node.params['vocabSize'] ?? 0);
      if (vocab > have) {
        const fix = `set vocabulary size ${vocab}`;
        throw new BindingError(`${who} has a vocabulary of ${have} token ids but the dataset's '${spec.name}' uses ${vocab}: ${fix}.`, { nodeId: node.id, fix });
      }
    }
    return {
      nodeId: input.nodeId,
      inputIndex: input.inputIndex,
      modality: spec.name,
      kind: spec.kind,
      shape: [...spec.shape],
      dtype: input.dtype,
      rowSize: spec.shape.reduce((a, d) => a * d, 1),
    };
  });

  const k = info.classes.length;
  const classList = info.classes.length <= 6 ? ` (${info.classes.join(', ')})` : '';
  const targets: HeadTarget[] = compiled.outputs.map((head) => {
    const node = nodeOf(head.nodeId);
    const who = describeNode(node);
    const width = head.shape[0] ?? 1;
    if (head.decision === 'identity') {
      if (width === 1) return { nodeId: head.nodeId, outputIndex: head.outputIndex, loss: head.loss, encoding: 'index', width };
      if (width === k) return { nodeId: head.nodeId, outputIndex: head.outputIndex, loss: head.loss, encoding: 'oneHot', width };
      const fix = `Use a Classifier head with ${k} classes, or set targets 1 to regress the class index.`;
      throw new BindingError(`${who} predicts ${width} numbers, but ${dataset} is a classification task with ${k} classes. ${fix}`, { nodeId: node.id, fix });
    }
    if (width !== k) {
      const feeding =
        node.kind === 'fusion.late'
          ? graph.edges.filter((e) => e.target === node.id).map((e) => e.source)
          : [];
      const fix =
        node.kind === 'fusion.late'
          ? `Set classes ${k} on every classifier feeding it${feeding.length > 0 ? ` (${feeding.join(', ')})` : ''}.`
          : head.decision === 'sigmoid'
            ? `Set labels ${k}.`
            : `Set classes ${k}.`;
      throw new BindingError(`${who} predicts ${width} ${head.decision === 'sigmoid' ? 'labels' : 'classes'} but ${dataset} has ${k}${classList}. ${fix}`, {
        nodeId: node.id,
        fix,
      });
    }
    return { nodeId: head.nodeId, outputIndex: head.outputIndex, loss: head.loss, encoding: 'oneHot', width };
  });

  const modalities = [...new Set(inputs.map((b) => b.modality))];
  return {
    inputs,
    targets,
    classes: k,
    classNames: [...info.classes],
    modalities,
    unused: info.modalities.map((m) => m.name).filter((n) => !modalities.includes(n)),
  };
}
