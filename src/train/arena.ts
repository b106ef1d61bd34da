// The fusion arena: the same document with its fusion swapped for each strategy in turn, each
// trained on the same dataset, splits, seed and settings, and ranked on a leaderboard.
//
// How a graph is read: the arena finds the one output (a head, or a fusion.late), the modalities
// (input nodes) that reach it, and the node where they all first meet: the fusion node. Each edge
// into it must carry exactly one modality's branch (an input and its encoders); what follows it up
// to the output is the trunk (usually just the head). A variant keeps the branches and the trunk
// and rewires the middle:
//   early             raw inputs → fusion.early (flatten) → shared MLP → trunk
//   late              each branch → its own classifier → fusion.late (mean)
//   concat, attention, tensor, low-rank, gated, bilinear, elementwise, transformer, cross-attention
//                     branch features → the fusion node → trunk
// Branches without an encoder (an early-fusion source) get a default one (an MLP; an embedding for
// text). A strategy that cannot apply (late fusion of a regression head, bilinear over three
// modalities, early fusion of text tokens…) is skipped with the reason.
import {
  autoLayout,
  describeNode,
  getKind,
  indexGraph,
  inferShapes,
  topoOrder,
  validateGraph,
  defaultParams,
  newId,
  type Graph,
  type GraphEdge,
  type GraphNode,
  type GraphShapes,
  type ParamValue,
  type ProjectDocument,
  type TypedShape,
} from '../graph/index.ts';
import type { DatasetArrays } from '../data/types.ts';
import { splitIndices } from './loop/batches.ts';
import { RunControl } from './loop/control.ts';
import { trainDocument } from './loop/session.ts';
import type { FallbackOptions } from './loop/trainer.ts';
import type { BackendFallbackReport, BatchReport, EpochReport } from './loop/types.ts';
import { DEFAULT_ARENA_STRATEGIES, STRATEGY_TITLES, type ArenaRow, type FusionStrategy, type RunRecord } from './trainingProtocol.ts';

/** The node kind each strategy puts in place (early and late rewire more than one node). */
export const STRATEGY_KIND: Readonly<Record<FusionStrategy, string>> = {
  early: 'fusion.early',
  concat: 'fusion.concat',
  late: 'fusion.late',
  modalityAttention: 'fusion.modalityAttention',
  crossAttention: 'fusion.crossAttention',
  transformer: 'fusion.transformer',
  tensor: 'fusion.tensor',
  lowRank: 'fusion.lowRank',
  gated: 'fusion.gated',
  bilinear: 'fusion.bilinear',
  elementwise: 'fusion.elementwise',
};


/** Params of the fusion node each strategy adds (modest widths: the arena compares, it does not tune). */
const STRATEGY_PARAMS: Readonly<Partial<Record<FusionStrategy, Readonly<Record<string, ParamValue>>>>> = {
  early: { align: 'flatten' },
  late: { combine: 'mean' },
  modalityAttention: { units: 64 },
  crossAttention: { dModel: 64, heads: 4, ffDim: 128, dropout: 0 },
  transformer: { dModel: 64, heads: 4, layers: 1, ffDim: 128, dropout: 0 },
  tensor: { units: 32, activation: 'relu' },
  lowRank: { rank: 4, units: 32 },
  gated: { units: 32 },
  bilinear: { factor: 5, units: 32 },
  elementwise: { op: 'sum' },
};

const RAW = new Set(['image', 'audio', 'text', 'tabular', 'sequence']);
const EARLY_ACCEPTS = new Set(['image', 'audio', 'tabular', 'sequence']);
const VECTOR_ONLY = new Set<FusionStrategy>(['late', 'modalityAttention', 'tensor', 'lowRank', 'gated', 'bilinear']);

interface End {
  readonly nodeId: string;
  readonly port: string;
  readonly shape: TypedShape;
}

interface Branch {
  readonly input: GraphNode;
  /** Every node of the branch, the input included (the head of a late branch excluded). */
  readonly nodeIds: ReadonlySet<string>;
  /** What the branch gives the fusion (for a late source: what its classifier reads). */
  readonly end: End;
  /** For a late source: the branch's classifier. */
  readonly head: GraphNode | null;
}

/** A fusion graph as the arena reads it. */
export interface ArenaAnalysis {
  readonly fusion: GraphNode;
  /** The strategy of the document's own fusion node, when it is one the arena knows. */
  readonly current: FusionStrategy | null;
  readonly branches: readonly Branch[];
  /** Nodes after the fusion up to the output, in order (empty when the fusion is the output). */
  readonly trunk: readonly GraphNode[];
  /** The target port of the edge from the fusion into trunk[0]. */
  readonly trunkPort: string;
  /** The classifier/regressor whose params a new head copies. */
  readonly head: GraphNode;
}

export type AnalysisResult = { readonly ok: true; readonly analysis: ArenaAnalysis } | { readonly ok: false; readonly reason: string };

function predictionPort(kind: string): string | undefined {
  return getKind(kind)?.outputs.find((p) => p.type === 'prediction')?.name;
}

/** Reads the branches, fusion node and trunk of a graph (see the file comment). */
export function analyseFusion(graph: Graph, shapes: GraphShapes = inferShapes(graph)): AnalysisResult {
  const errors = validateGraph(graph, shapes).filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, reason: `The graph has problems to fix first: ${errors[0]?.message ?? ''}` };
  const idx = indexGraph(graph);
  const edges = idx.linked;
  const node = (id: string): GraphNode => idx.nodes.get(id) as GraphNode;
  const sinks = [...idx.nodes.values()].filter((n) => {
    const port = predictionPort(n.kind);
    return port !== undefined && !edges.some((e) => e.source === n.id && e.sourcePort === port);
  });
  if (sinks.length !== 1) return { ok: false, reason: `The arena compares models with one output; this graph has ${sinks.length}.` };
  const sink = sinks[0] as GraphNode;

  // Nodes that lead to the output, and the input nodes each one depends on.
  const relevant = new Set<string>([sink.id]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of edges) {
      if (relevant.has(e.target) && !relevant.has(e.source)) {
        relevant.add(e.source);
        changed = true;
      }
    }
  }
  const inEdges = edges.filter((e) => relevant.has(e.source) && relevant.has(e.target));
  const order = topoOrder([...idx.nodes.keys()].filter((id) => relevant.has(id)), inEdges).order;
  const inputsOf = new Map<string, Set<string>>();
  for (const id of order) {
    const set = new Set<string>(node(id).kind.startsWith('input.') ? [id] : []);
    for (const e of inEdges) if (e.target === id) for (const i of inputsOf.get(e.source) ?? []) set.add(i);
    inputsOf.set(id, set);
  }
  const inputs = order.filter((id) => node(id).kind.startsWith('input.')).map(node);
  if (inputs.length < 2) return { ok: false, reason: `The arena compares ways of fusing modalities, and this graph has ${inputs.length} input${inputs.length === 1 ? '' : 's'}. Add a second modality.` };
  const fusionId = order.find((id) => inputsOf.get(id)?.size === inputs.length) as string;
  const fusion = node(fusionId);
  if (!fusion.kind.startsWith('fusion.')) {
    return { ok: false, reason: `The modalities first meet at ${describeNode(fusion)}, which is not a fusion node, so there is no fusion to swap.` };
  }

  // One branch per edge into the fusion, each carrying exactly one modality.
  const into = inEdges.filter((e) => e.target === fusion.id);
  const seen = new Set<string>();
  const branches: Branch[] = [];
  for (const e of into) {
    const from = inputsOf.get(e.source) ?? new Set<string>();
    const only = [...from][0];
    if (from.size !== 1 || only === undefined || seen.has(only)) {
      return { ok: false, reason: `${describeNode(fusion)} fuses in several stages (an edge into it carries ${from.size} modalities); the arena swaps one fusion node where every modality meets once.` };
    }
    seen.add(only);
    let endEdge: GraphEdge = e;
    let head: GraphNode | null = null;
    if (fusion.kind === 'fusion.late') {
      head = node(e.source);
      const headIn = inEdges.find((x) => x.target === head?.id);
      if (!head.kind.startsWith('head.') || !headIn) return { ok: false, reason: `${describeNode(fusion)} combines ${describeNode(head)}, which is not a classifier of one branch.` };
      endEdge = headIn;
    }
    const nodeIds = new Set<string>([endEdge.source]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const x of inEdges) {
        if (nodeIds.has(x.target) && !nodeIds.has(x.source)) {
          nodeIds.add(x.source);
          changed = true;
        }
      }
    }
    const shape = shapes.edges[endEdge.id];
    if (!shape) return { ok: false, reason: `The edge ${endEdge.id} carries no shape.` };
    branches.push({ input: node(only), nodeIds, end: { nodeId: endEdge.source, port: endEdge.sourcePort, shape }, head });
  }
  branches.sort((a, b) => inputs.indexOf(a.input) - inputs.indexOf(b.input));

  // The trunk: a chain from the fusion to the output.
  const trunk: GraphNode[] = [];
  let trunkPort = 'in';
  let at = fusion.id;
  while (at !== sink.id) {
    const out = inEdges.filter((e) => e.source === at);
    const next = out[0];
    if (out.length !== 1 || !next || inEdges.filter((e) => e.target === next.target).length !== 1) {
      return { ok: false, reason: `After ${describeNode(node(at))} the graph branches again; the arena needs a single path from the fusion to the output.` };
    }
    if (at === fusion.id) trunkPort = next.targetPort;
    trunk.push(node(next.target));
    at = next.target;
  }
  const head = fusion.kind === 'fusion.late' ? (branches[0]?.head as GraphNode) : sink;
  const current = (Object.keys(STRATEGY_KIND) as FusionStrategy[]).find((s) => STRATEGY_KIND[s] === fusion.kind) ?? null;
  return { ok: true, analysis: { fusion, current, branches, trunk, trunkPort, head } };
}

/** Builds a variant graph: copies of original nodes keep their ids; new ones get fresh ids. */
class VariantBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  private readonly taken: Set<string>;
  private edgeIds = new Set<string>();

  constructor(private readonly source: Graph) {
    this.taken = new Set(source.nodes.map((n) => n.id));
  }

  keep(ids: ReadonlySet<string>): void {
    for (const n of this.source.nodes) if (ids.has(n.id) && !this.nodes.some((m) => m.id === n.id)) this.nodes.push(n);
    for (const e of this.source.edges) if (ids.has(e.source) && ids.has(e.target)) this.edge(e.source, e.target, e.targetPort, e.sourcePort);
  }

  add(kind: string, params: Readonly<Record<string, ParamValue>>, label: string): string {
    const id = newId('a', this.taken);
    this.taken.add(id);
    const k = getKind(kind);
    this.nodes.push({ id, kind, label, position: { x: 0, y: 0 }, params: { ...(k ? defaultParams(k) : {}), ...params } });
    return id;
  }

  edge(source: string, target: string, targetPort = 'in', sourcePort = 'out'): void {
    const id = newId('e', this.edgeIds);
    this.edgeIds.add(id);
    this.edges.push({ id, source, sourcePort, target, targetPort });
  }

  graph(): Graph {
    return autoLayout({ nodes: this.nodes, edges: this.edges });
  }
}

function width(shape: TypedShape): number {
  return shape.shape[shape.shape.length - 1] ?? 0;
}

export type Variant = { readonly strategy: FusionStrategy; readonly ok: true; readonly document: ProjectDocument } | { readonly strategy: FusionStrategy; readonly ok: false; readonly reason: string };

/** The document with its fusion replaced by `strategy` (the document itself for its own strategy). */
export function makeVariant(document: ProjectDocument, strategy: FusionStrategy, analysed?: AnalysisResult): Variant {
  const result = analysed ?? analyseFusion(document.graph);
  if (!result.ok) return { strategy, ok: false, reason: result.reason };
  const a = result.analysis;
  if (a.current === strategy) return { strategy, ok: true, document };
  const skip = (reason: string): Variant => ({ strategy, ok: false, reason });
  const title = STRATEGY_TITLES[strategy];
  const b = new VariantBuilder(document.graph);

  /** The trunk after `fused` (or a copy of the head when the source had none). */
  const attachTrunk = (fused: string): void => {
    const first = a.trunk[0];
    if (first) {
      b.keep(new Set(a.trunk.map((n) => n.id)));
      b.edge(fused, first.id, a.trunkPort);
    } else {
      const headId = b.add(a.head.kind, a.head.params, a.head.label ?? 'Prediction');
      b.edge(fused, headId);
    }
  };

  /** Branch outputs, with a default encoder where a branch has none (an early-fusion source). */
  const encodedEnds = (): End[] =>
    a.branches.map((br) => {
      b.keep(br.nodeIds);
      if (!RAW.has(br.end.shape.type)) return br.end;
      const text = br.end.shape.type === 'text';
      const units = 64;
      const enc = text
        ? b.add('encoder.embedding', { dim: 32, pooling: 'mean' }, `${br.input.label ?? br.input.id} encoder`)
        : b.add('encoder.mlp', { layers: 1, units }, `${br.input.label ?? br.input.id} encoder`);
      b.edge(br.end.nodeId, enc, 'in', br.end.port);
      return { nodeId: enc, port: 'out', shape: { type: 'vector', shape: [text ? 32 : units] } };
    });

  /** Projects ends narrower than the widest to its width (for kinds that need equal widths). */
  const equalWidths = (ends: End[]): End[] => {
    const w = Math.max(...ends.map((e) => width(e.shape)));
    return ends.map((e) => {
      if (width(e.shape) === w) return e;
      const p = b.add('encoder.project', { units: w, activation: 'linear' }, `Project to ${w}`);
      b.edge(e.nodeId, p, 'in', e.port);
      return { nodeId: p, port: 'out', shape: { ...e.shape, shape: [...e.shape.shape.slice(0, -1), w] } };
    });
  };

  if (strategy === 'early') {
    const bad = a.branches.find((br) => !EARLY_ACCEPTS.has(br.input.kind.replace('input.', '')));
    if (bad) return skip(`Early fusion joins raw inputs, but ${describeNode(bad.input)} gives token ids, which need an embedding before they can be joined.`);
    for (const br of a.branches) b.keep(new Set([br.input.id]));
    const early = b.add('fusion.early', STRATEGY_PARAMS.early ?? {}, 'Join raw inputs');
    for (const br of a.branches) b.edge(br.input.id, early);
    if (a.current === 'early') {
      attachTrunk(early);
    } else {
      // One shared network over the joined inputs, then the trunk (usually the head).
      const shared = b.add('encoder.mlp', { layers: 2, units: 64 }, 'Shared MLP');
      b.edge(early, shared);
      attachTrunk(shared);
    }
  } else {
    let ends = encodedEnds();
    const tokens = ends.filter((e) => e.shape.type !== 'vector');
    if (VECTOR_ONLY.has(strategy) && tokens.length > 0) {
      const br = a.branches[ends.indexOf(tokens[0] as End)];
      return skip(`${title} takes one feature vector per modality, but ${br ? describeNode(br.input) : 'a branch'}'s branch ends in ${tokens[0]?.shape.type}. Pool it into a vector first.`);
    }
    if (strategy === 'late') {
      if (a.head.kind !== 'head.classify') return skip(`Late fusion combines class probabilities, but the output here is ${describeNode(a.head)}.`);
      const late = b.add('fusion.late', STRATEGY_PARAMS.late ?? {}, 'Combine votes');
      ends.forEach((end, i) => {
        const br = a.branches[i];
        const h = b.add('head.classify', { classes: a.head.params['classes'] ?? 2, hidden: a.head.params['hidden'] ?? 0 }, `${br?.input.label ?? br?.input.id ?? i + 1} vote`);
        b.edge(end.nodeId, h, 'in', end.port);
        b.edge(h, late);
      });
    } else {
      if (strategy === 'bilinear' && ends.length !== 2) return skip(`Bilinear pooling fuses exactly two modalities; this graph has ${ends.length}.`);
      if ((strategy === 'concat' || strategy === 'elementwise') && tokens.length > 0 && tokens.length < ends.length) {
        return skip(`${title} cannot mix vectors and tokens; here some branches give each.`);
      }
      if (strategy === 'crossAttention' && ends[0]?.shape.type !== 'vector') {
        return skip(`Cross-attention with ${describeNode(a.branches[0]?.input as GraphNode)} as the query gives tokens, and the head needs a vector.`);
      }
      if (strategy === 'elementwise') ends = equalWidths(ends);
      if (strategy === 'crossAttention') ends = [ends[0] as End, ...equalWidths(ends.slice(1))];
      const fused = b.add(STRATEGY_KIND[strategy], STRATEGY_PARAMS[strategy] ?? {}, title);
      ends.forEach((end, i) => b.edge(end.nodeId, fused, strategy === 'crossAttention' ? (i === 0 ? 'query' : 'context') : 'in', end.port));
      attachTrunk(fused);
    }
  }
  const graph = b.graph();
  const errors = validateGraph(graph).filter((d) => d.severity === 'error');
  if (errors.length > 0) return skip(`${title} could not be wired into this graph: ${errors[0]?.message ?? ''}`);
  return { strategy, ok: true, document: { ...document, name: `${document.name} · ${title}`, graph } };
}

/** Every requested strategy's variant (or why it is skipped), in the order asked. */
export function arenaVariants(document: ProjectDocument, strategies: readonly FusionStrategy[] = DEFAULT_ARENA_STRATEGIES): Variant[] {
  const analysed = analyseFusion(document.graph);
  return strategies.map((s) => makeVariant(document, s, analysed));
}

/** Ranks done rows by validation accuracy (ties share a rank); other rows keep their place after. */
export function rankRows(rows: readonly ArenaRow[]): ArenaRow[] {
  const done = rows.filter((r): r is Extract<ArenaRow, { status: 'done' }> => r.status === 'done');
  const score = (r: Extract<ArenaRow, { status: 'done' }>): number => r.valAccuracy ?? -1;
  const sorted = [...done].sort((x, y) => score(y) - score(x));
  const ranked = sorted.map((r) => ({ ...r, rank: 1 + sorted.filter((o) => score(o) > score(r)).length }));
  return [...ranked, ...rows.filter((r) => r.status !== 'done')];
}

export interface ArenaOptions {
  readonly arenaId: string;
  readonly document: ProjectDocument;
  readonly data: DatasetArrays;
  readonly strategies?: readonly FusionStrategy[];
  /** Stop ends the variant in progress and skips the rest; pause pauses the variant in progress. */
  readonly control?: RunControl;
  /** Evaluate each variant on the test split too (default true). */
  readonly evaluateTest?: boolean;
  readonly fallback?: FallbackOptions;
  readonly variantRunId?: (strategy: FusionStrategy, index: number) => string;
  readonly onVariant?: (v: { readonly strategy: FusionStrategy; readonly variantRunId: string; readonly index: number; readonly total: number; readonly document: ProjectDocument }) => void;
  readonly onBatch?: (variantRunId: string, report: BatchReport) => void;
  readonly onEpoch?: (variantRunId: string, report: EpochReport) => void;
  readonly onFallback?: (variantRunId: string, report: BackendFallbackReport) => void;
  readonly onRow?: (row: ArenaRow) => void;
}

export interface ArenaResult {
  readonly status: 'done' | 'stopped';
  /** Ranked (see rankRows). */
  readonly rows: readonly ArenaRow[];
  /** One per variant that trained, for the run history. */
  readonly records: readonly RunRecord[];
}

/**
 * Trains each strategy's variant in turn on the same splits and seed (the document's training
 * settings), evaluates validation and test accuracy and modality ablation, and reports a row per
 * strategy as it finishes. Models are disposed after each variant.
 */
export async function runArena(options: ArenaOptions): Promise<ArenaResult> {
  const { document, data, arenaId } = options;
  const control = options.control ?? new RunControl();
  const variants = arenaVariants(document, options.strategies ?? DEFAULT_ARENA_STRATEGIES);
  const splits = splitIndices(data, document.training.validationSplit, document.training.seed);
  const rows: ArenaRow[] = [];
  const records: RunRecord[] = [];
  const emit = (row: ArenaRow): void => {
    rows.push(row);
    const ranked = rankRows(rows).find((r) => r.strategy === row.strategy && r.status === row.status);
    options.onRow?.(ranked ?? row);
  };
  for (const [index, v] of variants.entries()) {
    if (control.stopped) break;
    if (!v.ok) {
      emit({ status: 'skipped', strategy: v.strategy, reason: v.reason });
      continue;
    }
    const variantRunId = options.variantRunId?.(v.strategy, index) ?? `${arenaId}/${v.strategy}`;
    options.onVariant?.({ strategy: v.strategy, variantRunId, index, total: variants.length, document: v.document });
    const run = await trainDocument({
      runId: variantRunId,
      document: v.document,
      data,
      control,
      splits,
      evaluateTest: options.evaluateTest ?? true,
      probes: null,
      arena: { arenaId, strategy: v.strategy },
      ...(options.fallback ? { fallback: options.fallback } : {}),
      ...(options.onBatch ? { onBatch: (r: BatchReport) => options.onBatch?.(variantRunId, r) } : {}),
      ...(options.onEpoch ? { onEpoch: (r: EpochReport) => options.onEpoch?.(variantRunId, r) } : {}),
      ...(options.onFallback ? { onFallback: (r: BackendFallbackReport) => options.onFallback?.(variantRunId, r) } : {}),
    });
    if (run.status === 'stopped') break;
    if (run.record && run.status === 'done') records.push(run.record);
    if (run.status !== 'done' || !run.record) {
      emit({ status: 'failed', strategy: v.strategy, reason: run.problem?.message ?? 'The run failed.' });
      continue;
    }
    emit({
      status: 'done',
      strategy: v.strategy,
      runId: variantRunId,
      valAccuracy: run.validation?.accuracy ?? null,
      testAccuracy: run.test?.accuracy ?? null,
      ablation: run.ablation,
      params: run.record.metrics.paramCount,
      secondsPerEpoch: run.record.metrics.secondsPerEpoch,
      rank: 0,
    });
  }
  return { status: control.stopped ? 'stopped' : 'done', rows: rankRows(rows), records };
}
