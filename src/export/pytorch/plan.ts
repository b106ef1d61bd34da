/**
 * The PyTorch export plan of a compiled graph: for every built node, the Python module that mirrors
 * its tfjs builder (class and constructor arguments), the lines of forward() that call it, and where
 * each of its PyTorch parameters comes from in the tfjs model (layer role, weight name, transform).
 * generate.ts writes model.py from it; weights.ts converts the weights with it. Keeping both in one
 * place is what makes the state_dict keys of model.py and weights.npz agree.
 */
import {
  getKind,
  indexGraph,
  inferShapes,
  resolveParams,
  type GraphEdge,
  type GraphNode,
  type Params,
  type ProjectDocument,
  type TypedShape,
} from '../../graph/index.ts';
import { LAYER_SEPARATOR, safeLayerPrefix, safePrefixes, type CompiledModel, type HeadLoss } from '../../compile/index.ts';
import { PythonNamer, pyValue } from '../python.ts';
import { LIBRARY_CLASS_NAMES } from './library.ts';

/** How a tfjs weight becomes a PyTorch parameter. */
export type WeightTransform =
  /** Same layout (biases, embeddings, layer-norm γ/β, custom parameters kept in the tfjs layout). */
  | 'copy'
  /** Dense kernel [in, out] → nn.Linear weight [out, in]. */
  | 'transpose'
  /** Conv2D kernel [kh, kw, in, out] (HWIO) → [out, in, kh, kw] (OIHW). */
  | 'hwio'
  /** Conv1D kernel [k, in, out] → [out, in, k]. */
  | 'wio';

/** One PyTorch parameter and its source. */
export type WeightRule =
  | { readonly key: string; readonly role: string; readonly weight: string; readonly transform: WeightTransform }
  /** A PyTorch parameter tfjs does not have (nn.LSTM's second bias): zeros of `shape`. */
  | { readonly key: string; readonly zeros: readonly number[] };

export interface PlannedNode {
  readonly nodeId: string;
  readonly kind: string;
  /** The node's label (or null): only ever written into generated code through pyStr/pyComment. */
  readonly label: string | null;
  /** Python attribute of the submodule (self.<ident>), also the local holding its main output. */
  readonly ident: string;
  /** `ClassName(args)` of the submodule, or null for nodes without one (inputs). */
  readonly module: string | null;
  /** Library classes the module needs. */
  readonly classes: readonly string[];
  /** Statements of forward() for this node (without indentation). */
  readonly forward: readonly string[];
  /** Per output port, the Python local holding it. */
  readonly outputs: Readonly<Record<string, string>>;
  /** The Python local of this node's probe (attention map / gate), when the compiled model exposes it. */
  readonly probe: string | null;
  /** Parameters (keys relative to the submodule), in registration order. */
  readonly weights: readonly WeightRule[];
  /** tfjs layer-name prefix of the node ("<safe id>"); layers are "<prefix>__<role>". */
  readonly layerPrefix: string;
}

export interface PlannedInput {
  readonly nodeId: string;
  readonly name: string;
  readonly label: string | null;
  readonly kind: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
}

export interface PlannedHead {
  readonly nodeId: string;
  readonly name: string;
  readonly label: string | null;
  readonly kind: string;
  readonly shape: readonly number[];
  readonly loss: HeadLoss;
  readonly decision: 'softmax' | 'sigmoid' | 'identity';
}

export interface PlannedProbe {
  readonly nodeId: string;
  readonly name: string;
  readonly shape: readonly number[];
  readonly meaning: string;
  readonly axes: readonly string[];
}

export interface PytorchPlan {
  /** forward()'s arguments, in compiled.inputs order. */
  readonly inputs: readonly PlannedInput[];
  /** forward()'s outputs, in compiled.outputs order. */
  readonly heads: readonly PlannedHead[];
  /** forward(…, return_probes=True)'s second tuple, in compiled.probes order. */
  readonly probes: readonly PlannedProbe[];
  /** Built nodes in compiled.order (topological). */
  readonly nodes: readonly PlannedNode[];
  /** Library classes model.py needs. */
  readonly classes: readonly string[];
}

/** The error thrown when a compiled model and its document do not fit together. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

const last = (s: readonly number[]): number => s[s.length - 1] ?? 0;
const prod = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

function num(p: Params, name: string): number {
  const v = p[name];
  if (typeof v !== 'number') throw new ExportError(`parameter ${name} is not a number`);
  return v;
}
function str(p: Params, name: string): string {
  const v = p[name];
  if (typeof v !== 'string') throw new ExportError(`parameter ${name} is not a string`);
  return v;
}
function bool(p: Params, name: string): boolean {
  const v = p[name];
  if (typeof v !== 'boolean') throw new ExportError(`parameter ${name} is not true/false`);
  return v;
}

/** "[a, b]" (a Python list of locals). */
const list = (xs: readonly string[]): string => `[${xs.join(', ')}]`;
const args = (...xs: unknown[]): string => xs.map((x) => pyValue(x)).join(', ');

const w = (key: string, role: string, weight: string, transform: WeightTransform = 'copy'): WeightRule => ({ key, role, weight, transform });
const dense = (key: string, role: string, kernel = 'kernel', bias: string | null = 'bias'): WeightRule[] => [
  w(`${key}.weight`, role, kernel, 'transpose'),
  ...(bias === null ? [] : [w(`${key}.bias`, role, bias)]),
];

/** The parameters of an AttentionBlock (FusionCrossAttention / FusionTransformerBlock weights). */
function blockWeights(key: string, role: string, residual: boolean): WeightRule[] {
  const out: WeightRule[] = [];
  for (const p of ['q', 'k', 'v', 'out']) out.push(...dense(`${key}.${p}`, role, `${p}_kernel`, `${p}_bias`));
  if (residual) out.push(...dense(`${key}.residual`, role, 'residual_kernel', null));
  out.push(w(`${key}.ln1.weight`, role, 'ln1_gamma'), w(`${key}.ln1.bias`, role, 'ln1_beta'));
  out.push(...dense(`${key}.ffn1`, role, 'ffn1_kernel', 'ffn1_bias'), ...dense(`${key}.ffn2`, role, 'ffn2_kernel', 'ffn2_bias'));
  out.push(w(`${key}.ln2.weight`, role, 'ln2_gamma'), w(`${key}.ln2.bias`, role, 'ln2_beta'));
  return out;
}

interface KindContext {
  readonly node: GraphNode;
  readonly p: Params;
  readonly ident: string;
  /** Per input port, the shapes arriving (edge order). */
  readonly shapes: Readonly<Record<string, readonly TypedShape[]>>;
  /** Per input port, the Python locals arriving (edge order). */
  readonly locals: Readonly<Record<string, readonly string[]>>;
  readonly probes: boolean;
  /** A fresh local derived from the node's identifier, e.g. `${ident}_gate`. */
  local(suffix: string): string;
}

interface KindPlan {
  readonly module: string | null;
  readonly classes: readonly string[];
  readonly forward: readonly string[];
  readonly outputs: Readonly<Record<string, string>>;
  readonly probe?: string;
  readonly weights: readonly WeightRule[];
}

function shapesOf(ctx: KindContext, port = 'in'): readonly TypedShape[] {
  return ctx.shapes[port] ?? [];
}
function shapeOf(ctx: KindContext, port = 'in'): readonly number[] {
  const s = shapesOf(ctx, port)[0];
  if (!s) throw new ExportError(`nothing arrives at the "${port}" input`);
  return s.shape;
}
function localsOf(ctx: KindContext, port = 'in'): readonly string[] {
  return ctx.locals[port] ?? [];
}
function localOf(ctx: KindContext, port = 'in'): string {
  const l = localsOf(ctx, port)[0];
  if (l === undefined) throw new ExportError(`nothing arrives at the "${port}" input`);
  return l;
}

/** A single-output module over one input. */
function unary(ctx: KindContext, module: string, classes: string[], weights: WeightRule[]): KindPlan {
  return { module, classes, forward: [`${ctx.ident} = self.${ctx.ident}(${localOf(ctx)})`], outputs: { out: ctx.ident }, weights };
}
/** A single-output module over a list of inputs. */
function nary(ctx: KindContext, module: string, classes: string[], weights: WeightRule[]): KindPlan {
  return { module, classes, forward: [`${ctx.ident} = self.${ctx.ident}(${list(localsOf(ctx))})`], outputs: { out: ctx.ident }, weights };
}
/** A module returning (output, probe) over a list of inputs (or over `call`, e.g. one input). */
function naryWithProbe(ctx: KindContext, module: string, classes: string[], weights: WeightRule[], probeWord: string, call?: string): KindPlan {
  const probe = ctx.probes ? ctx.local(probeWord) : '_';
  const base: KindPlan = {
    module,
    classes,
    forward: [`${ctx.ident}, ${probe} = self.${ctx.ident}(${call ?? list(localsOf(ctx))})`],
    outputs: { out: ctx.ident },
    weights,
  };
  return ctx.probes ? { ...base, probe } : base;
}

const widths = (ctx: KindContext, port = 'in'): number[] => shapesOf(ctx, port).map((s) => last(s.shape));

function planKind(ctx: KindContext): KindPlan {
  const { p, ident } = ctx;
  switch (ctx.node.kind) {
    case 'input.image':
    case 'input.audio':
    case 'input.text':
    case 'input.tabular':
    case 'input.sequence':
      return { module: null, classes: [], forward: [], outputs: { out: ident }, weights: [] };

    case 'encoder.mlp': {
      const layers = num(p, 'layers');
      const weights = Array.from({ length: layers }, (_, i) => dense(`layers.${i}`, `dense_${i + 1}`)).flat();
      return unary(ctx, `MLPEncoder(${args(prod(shapeOf(ctx)), layers, num(p, 'units'), str(p, 'activation'), num(p, 'dropout'))})`, ['MLPEncoder'], weights);
    }
    case 'encoder.cnn2d': {
      const [h, wd, c] = shapeOf(ctx) as [number, number, number];
      const blocks = num(p, 'blocks');
      const units = num(p, 'units');
      const weights: WeightRule[] = [];
      for (let b = 0; b < blocks; b++) weights.push(w(`convs.${b}.weight`, `conv_${b + 1}`, 'kernel', 'hwio'), w(`convs.${b}.bias`, `conv_${b + 1}`, 'bias'));
      if (units > 0) weights.push(...dense('dense', 'dense'));
      const module = `CNN2DEncoder(${args(h, wd, c, blocks, num(p, 'filters'), num(p, 'kernelSize'), str(p, 'pooling'), units)})`;
      return unary(ctx, module, ['CNN2DEncoder'], weights);
    }
    case 'encoder.cnn1d': {
      const blocks = num(p, 'blocks');
      const weights: WeightRule[] = [];
      for (let b = 0; b < blocks; b++) weights.push(w(`convs.${b}.weight`, `conv_${b + 1}`, 'kernel', 'wio'), w(`convs.${b}.bias`, `conv_${b + 1}`, 'bias'));
      const module = `CNN1DEncoder(${args(last(shapeOf(ctx)), blocks, num(p, 'filters'), num(p, 'kernelSize'), str(p, 'pooling'))})`;
      return unary(ctx, module, ['CNN1DEncoder'], weights);
    }
    case 'encoder.embedding': {
      const vocab = shapesOf(ctx)[0]?.vocabSize;
      if (vocab === undefined) throw new ExportError('the vocabulary size of the text input is unknown');
      return unary(ctx, `EmbeddingEncoder(${args(vocab, num(p, 'dim'), str(p, 'pooling'))})`, ['EmbeddingEncoder'], [w('embedding.weight', 'embedding', 'embeddings')]);
    }
    case 'encoder.transformer': {
      const s = shapeOf(ctx);
      const tokens = s.length === 1 ? 1 : (s[0] ?? 1);
      const layers = num(p, 'layers');
      const pooling = str(p, 'pooling');
      const positions = bool(p, 'positions');
      const cls = pooling === 'cls';
      const weights: WeightRule[] = [...dense('proj', 'proj')];
      if (cls) weights.push(w('positions.cls_token', 'positions', 'cls_token'));
      if (positions) weights.push(w('positions.position_embedding', 'positions', 'position_embedding'));
      for (let l = 0; l < layers; l++) weights.push(...blockWeights(`blocks.${l}`, `block_${l + 1}`, false));
      const module = `TransformerEncoder(${args(tokens, last(s), num(p, 'dModel'), num(p, 'heads'), layers, num(p, 'ffDim'), pooling, positions, num(p, 'dropout'))})`;
      return naryWithProbe(ctx, module, ['TransformerEncoder'], weights, 'attention', localOf(ctx));
    }
    case 'encoder.rnn': {
      const units = num(p, 'units');
      const seq = bool(p, 'returnSequences');
      const inF = last(shapeOf(ctx));
      if (str(p, 'cell') === 'lstm') {
        const weights: WeightRule[] = [
          w('lstm.weight_ih_l0', 'lstm', 'kernel', 'transpose'),
          w('lstm.weight_hh_l0', 'lstm', 'recurrent_kernel', 'transpose'),
          w('lstm.bias_ih_l0', 'lstm', 'bias'),
          { key: 'lstm.bias_hh_l0', zeros: [4 * units] },
        ];
        return unary(ctx, `LSTMEncoder(${args(inF, units, seq)})`, ['LSTMEncoder'], weights);
      }
      const weights: WeightRule[] = [
        w('weight_ih', 'gru', 'kernel', 'transpose'),
        w('weight_hh', 'gru', 'recurrent_kernel', 'transpose'),
        w('bias', 'gru', 'bias'),
      ];
      return unary(ctx, `GRUEncoder(${args(inF, units, seq)})`, ['GRUEncoder'], weights);
    }
    case 'encoder.patches': {
      const [h, wd, c] = shapeOf(ctx) as [number, number, number];
      const positions = bool(p, 'positions');
      const weights: WeightRule[] = [w('patch_proj.weight', 'patch_proj', 'kernel', 'hwio'), w('patch_proj.bias', 'patch_proj', 'bias')];
      if (positions) weights.push(w('positions.position_embedding', 'positions', 'position_embedding'));
      return unary(ctx, `PatchEncoder(${args(h, wd, c, num(p, 'patchSize'), num(p, 'dim'), positions)})`, ['PatchEncoder'], weights);
    }
    case 'encoder.project':
      return unary(ctx, `Project(${args(last(shapeOf(ctx)), num(p, 'units'), str(p, 'activation'))})`, ['Project'], dense('dense', 'dense'));

    case 'fusion.early':
      return nary(ctx, `EarlyJoin(${args(str(p, 'align'))})`, ['EarlyJoin'], []);
    case 'fusion.concat':
      return nary(ctx, 'Concat()', ['Concat'], []);
    case 'fusion.elementwise':
      return nary(ctx, `Elementwise(${args(str(p, 'op'))})`, ['Elementwise'], []);
    case 'fusion.late': {
      const mode = str(p, 'combine');
      const m = shapesOf(ctx).length;
      const k = last(shapeOf(ctx));
      const weights: WeightRule[] =
        mode === 'weighted' ? [w('modality_logits', 'combine', 'modality_logits')] : mode === 'stacking' ? dense('stack', 'combine') : [];
      const plan = naryWithProbe({ ...ctx, probes: ctx.probes && mode === 'weighted' }, `LateCombine(${args(mode, m, k)})`, ['LateCombine'], weights, 'weights');
      return plan;
    }
    case 'fusion.modalityAttention': {
      const ws = widths(ctx);
      const weights: WeightRule[] = [];
      ws.forEach((_, i) => weights.push(...dense(`proj.${i}`, 'attention', `proj_kernel_${i}`, `proj_bias_${i}`)));
      weights.push(...dense('score', 'attention', 'score_kernel', 'score_bias'));
      return naryWithProbe(ctx, `ModalityAttention(${args(ws, num(p, 'units'))})`, ['ModalityAttention'], weights, 'alpha');
    }
    case 'fusion.crossAttention': {
      const dq = last(shapeOf(ctx, 'query'));
      const dkv = last(shapeOf(ctx, 'context'));
      const d = num(p, 'dModel');
      const module = `CrossAttention(${args(dq, dkv, d, num(p, 'heads'), num(p, 'ffDim'), num(p, 'dropout'))})`;
      const call = `${localOf(ctx, 'query')}, ${list(localsOf(ctx, 'context'))}`;
      return naryWithProbe(ctx, module, ['CrossAttention'], blockWeights('', 'cross', dq !== d).map(stripDot), 'attention', call);
    }
    case 'fusion.transformer': {
      const ws = widths(ctx);
      const layers = num(p, 'layers');
      const weights: WeightRule[] = [];
      ws.forEach((_, i) => weights.push(...dense(`join.proj.${i}`, 'join', `proj_kernel_${i}`, `proj_bias_${i}`)));
      weights.push(w('join.type_embedding', 'join', 'type_embedding'), w('join.cls_token', 'join', 'cls_token'));
      for (let l = 0; l < layers; l++) weights.push(...blockWeights(`blocks.${l}`, `block_${l + 1}`, false));
      const module = `FusionTransformer(${args(ws, num(p, 'dModel'), num(p, 'heads'), layers, num(p, 'ffDim'), num(p, 'dropout'))})`;
      return naryWithProbe(ctx, module, ['FusionTransformer'], weights, 'cls_attention');
    }
    case 'fusion.tensor':
      return nary(ctx, `TensorFusion(${args(widths(ctx), num(p, 'units'), str(p, 'activation'))})`, ['TensorFusion'], dense('dense', 'dense'));
    case 'fusion.lowRank': {
      const ws = widths(ctx);
      const weights: WeightRule[] = ws.map((_, i) => w(`factors.${i}`, 'low_rank', `factor_${i}`));
      weights.push(w('rank_weights', 'low_rank', 'rank_weights'), w('bias', 'low_rank', 'bias'));
      return nary(ctx, `LowRankFusion(${args(ws, num(p, 'rank'), num(p, 'units'))})`, ['LowRankFusion'], weights);
    }
    case 'fusion.gated': {
      const ws = widths(ctx);
      const weights: WeightRule[] = [];
      ws.forEach((_, i) => weights.push(...dense(`proj.${i}`, 'gmu', `kernel_${i}`, `bias_${i}`)));
      weights.push(...dense('gate', 'gmu', 'gate_kernel', 'gate_bias'));
      return naryWithProbe(ctx, `GatedFusion(${args(ws, num(p, 'units'))})`, ['GatedFusion'], weights, 'gate');
    }
    case 'fusion.film': {
      const dc = widths(ctx, 'condition').reduce((a, b) => a + b, 0);
      const channels = last(shapeOf(ctx, 'features'));
      const weights = [...dense('gamma', 'film', 'gamma_kernel', 'gamma_bias'), ...dense('beta', 'film', 'beta_kernel', 'beta_bias')];
      return {
        module: `FiLM(${args(dc, channels)})`,
        classes: ['FiLM'],
        forward: [`${ident} = self.${ident}(${localOf(ctx, 'features')}, ${list(localsOf(ctx, 'condition'))})`],
        outputs: { out: ident },
        weights,
      };
    }
    case 'fusion.bilinear': {
      const [d1, d2] = widths(ctx) as [number, number];
      const weights = [w('u.weight', 'mfb', 'u_kernel', 'transpose'), w('v.weight', 'mfb', 'v_kernel', 'transpose')];
      return nary(ctx, `BilinearFusion(${args(d1, d2, num(p, 'factor'), num(p, 'units'))})`, ['BilinearFusion'], weights);
    }

    case 'head.classify':
    case 'head.regress':
    case 'head.multilabel': {
      const units = num(p, ctx.node.kind === 'head.classify' ? 'classes' : ctx.node.kind === 'head.regress' ? 'targets' : 'labels');
      const hidden = num(p, 'hidden');
      const weights = [...(hidden > 0 ? dense('hidden', 'hidden') : []), ...dense('logits', 'logits')];
      return unary(ctx, `DenseHead(${args(last(shapeOf(ctx)), units, hidden)})`, ['DenseHead'], weights);
    }

    case 'reg.dropout':
      return unary(ctx, `nn.Dropout(${args(num(p, 'rate'))})`, [], []);
    case 'reg.modalityDropout': {
      const ports = Object.keys(ctx.locals).filter((k) => (ctx.locals[k] ?? []).length > 0);
      const outputs: Record<string, string> = {};
      const outs = ports.map((port) => {
        const local = ctx.local(port.replace(/^in_/, 'out_'));
        outputs[port.replace(/^in_/, 'out_')] = local;
        return local;
      });
      const ins = ports.map((port) => localOf(ctx, port));
      const lhs = outs.length === 1 ? `${outs[0]},` : outs.join(', ');
      return { module: `ModalityDropout(${args(num(p, 'rate'))})`, classes: ['ModalityDropout'], forward: [`${lhs} = self.${ident}(${list(ins)})`], outputs, weights: [] };
    }
    default:
      throw new ExportError(`the PyTorch export does not know the node kind "${ctx.node.kind}"`);
  }
}

/** blockWeights('') gives keys starting with "." (the block is the module itself). */
function stripDot(r: WeightRule): WeightRule {
  return { ...r, key: r.key.replace(/^\./, '') };
}

/**
 * Plans the PyTorch export of `compiled`, which must have been compiled from `doc.graph`.
 * Throws ExportError when the two do not match.
 */
export function planPytorch(doc: ProjectDocument, compiled: CompiledModel): PytorchPlan {
  const graph = doc.graph;
  const idx = indexGraph(graph);
  const shapes = inferShapes(graph);
  const prefixes = safePrefixes([...idx.nodes.keys()]);
  const namer = new PythonNamer(LIBRARY_CLASS_NAMES);

  for (const id of compiled.order) {
    if (!idx.nodes.has(id)) throw new ExportError(`the compiled model has a node "${id}" the project does not have: compile the project's own graph before exporting.`);
  }

  // Identifiers: inputs first (forward's arguments), then the other nodes in build order.
  const idents = new Map<string, string>();
  const nodeOf = (id: string): GraphNode => {
    const n = idx.nodes.get(id);
    if (!n) throw new ExportError(`there is no node "${id}"`);
    return n;
  };
  const kindWord = (n: GraphNode): string => n.kind.split('.').pop() ?? 'node';
  const textOf = (n: GraphNode): string => (n.label !== undefined && n.label.trim() !== '' ? n.label : n.id);
  for (const input of compiled.inputs) {
    const n = nodeOf(input.nodeId);
    idents.set(n.id, namer.name(textOf(n), n.id, kindWord(n)));
  }
  for (const id of compiled.order) {
    if (idents.has(id)) continue;
    const n = nodeOf(id);
    idents.set(id, namer.name(textOf(n), n.id, kindWord(n)));
  }
  const identOf = (id: string): string => {
    const s = idents.get(id);
    if (s === undefined) throw new ExportError(`node "${id}" was not built`);
    return s;
  };

  const outputsOf = new Map<string, Readonly<Record<string, string>>>();
  const probeNodes = new Set(compiled.probes.map((p) => p.nodeId));
  const nodes: PlannedNode[] = [];
  const classes = new Set<string>();

  for (const id of compiled.order) {
    const node = nodeOf(id);
    const kind = getKind(node.kind);
    if (!kind) throw new ExportError(`node "${id}" has an unknown kind "${node.kind}"`);
    const ident = identOf(id);
    const portShapes: Record<string, TypedShape[]> = {};
    const portLocals: Record<string, string[]> = {};
    for (const port of kind.inputs) {
      portShapes[port.name] = [];
      portLocals[port.name] = [];
      const edges: GraphEdge[] = idx.linked.filter((e) => e.target === id && e.targetPort === port.name);
      for (const e of edges) {
        const shape = shapes.edges[e.id];
        const local = outputsOf.get(e.source)?.[e.sourcePort];
        if (!shape || local === undefined) throw new ExportError(`the edge ${e.id} into node "${id}" carries nothing`);
        portShapes[port.name]?.push(shape);
        portLocals[port.name]?.push(local);
      }
    }
    const planned = planKind({
      node,
      p: resolveParams(kind, node.params),
      ident,
      shapes: portShapes,
      locals: portLocals,
      probes: probeNodes.has(id),
      local: (suffix) => namer.name(`${ident}_${suffix}`),
    });
    outputsOf.set(id, planned.outputs);
    planned.classes.forEach((c) => classes.add(c));
    const prefix = prefixes.get(id) ?? safeLayerPrefix(id);
    nodes.push({
      nodeId: id,
      kind: node.kind,
      label: node.label ?? null,
      ident,
      module: planned.module,
      classes: planned.classes,
      forward: planned.forward,
      outputs: planned.outputs,
      probe: planned.probe ?? null,
      weights: planned.weights,
      layerPrefix: prefix,
    });
  }

  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const inputs: PlannedInput[] = compiled.inputs.map((i) => ({
    nodeId: i.nodeId,
    name: identOf(i.nodeId),
    label: nodeOf(i.nodeId).label ?? null,
    kind: i.kind,
    shape: [...i.shape],
    dtype: i.dtype,
  }));
  const heads: PlannedHead[] = compiled.outputs.map((h) => {
    const planned = byId.get(h.nodeId);
    const local = planned?.outputs['out'];
    if (local === undefined) throw new ExportError(`the output node "${h.nodeId}" was not planned`);
    return { nodeId: h.nodeId, name: local, label: nodeOf(h.nodeId).label ?? null, kind: h.kind, shape: [...h.shape], loss: h.loss, decision: h.decision };
  });
  const probes: PlannedProbe[] = compiled.probes.map((pr) => {
    const local = byId.get(pr.nodeId)?.probe;
    if (local === null || local === undefined) throw new ExportError(`the probe of node "${pr.nodeId}" was not planned`);
    return { nodeId: pr.nodeId, name: local, shape: [...pr.shape], meaning: pr.meaning, axes: pr.axes };
  });
  return { inputs, heads, probes, nodes, classes: [...classes] };
}

/** "<prefix>__<role>": the tfjs layer a rule reads from. */
export function tfjsLayerName(node: PlannedNode, role: string): string {
  return `${node.layerPrefix}${LAYER_SEPARATOR}${role}`;
}
