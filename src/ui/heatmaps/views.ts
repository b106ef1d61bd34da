// What the Attention tab draws for the chosen probe, sample, head and query at the timeline's
// position: one function per view kind builds the main heatmap and the side picture from the
// heatmap store's state. Used by the live canvases and by the PNG export alike.
import { getKind } from '../../graph/index.ts';
import type { Graph } from '../../graph/index.ts';
import { niceMax } from './colors.ts';
import {
  classMeans,
  clsHeads,
  columnMeans,
  crossMap,
  gateModalities,
  gateShares,
  gateStrip,
  groupMass,
  headCount,
  maxOf,
  meanCrossMap,
  rowOf,
  sampleCount,
  sampleWeights,
  viewKindOf,
  type Band,
  type Matrix,
  type ViewKind,
} from './decode.ts';
import {
  drawBarsOverlay,
  drawHeatmap,
  drawImageOverlay,
  drawMessage,
  drawSpectrogramOverlay,
  drawWordsOverlay,
  type HeatmapGeometry,
  type Rect,
} from './draw.ts';
import { frameAt, shownTick, type HeatmapState, type ProbeSeries, type Tick } from './heatmapStore.ts';
import { modalityName, outputShape, sourceOf, tokenLabels, tokenLayout, type TokenLayout } from './naming.ts';

/** What the person picked in the Attention tab. */
export interface Selection {
  /** The probe's node (null: the first probe). */
  readonly nodeId: string | null;
  /** A head, or the mean over heads. */
  readonly head: number | 'mean';
  /** Index into the probe samples. */
  readonly sample: number;
  /** A query token (cross-attention), or null for the mean over queries. */
  readonly query: number | null;
}

export const DEFAULT_SELECTION: Selection = { nodeId: null, head: 'mean', sample: 0, query: null };

/** The parts of a view that the controls need (they change once per run, not per snapshot). */
export interface ViewOutline {
  readonly nodeId: string;
  readonly kind: ViewKind;
  /** "Audio reads image (Cross-attention)". */
  readonly title: string;
  readonly heads: number;
  readonly samples: readonly string[];
  /** Query token labels (cross-attention), else null. */
  readonly queries: readonly string[] | null;
}

export interface Drawn {
  readonly main: HeatmapGeometry | null;
}

const EMPTY_GRAPH: Graph = { nodes: [], edges: [] };

function graphOf(s: HeatmapState): Graph {
  return s.document?.graph ?? EMPTY_GRAPH;
}

function nodeTitle(graph: Graph, id: string): string {
  const n = graph.nodes.find((x) => x.id === id);
  const kind = n ? getKind(n.kind) : undefined;
  return n?.label ?? kind?.title ?? id;
}

/** The probe's node as people named it ("Audio reads image"), else its kind ("Cross-attention"). */
export function probeLabel(s: HeatmapState, series: ProbeSeries): string {
  return nodeTitle(graphOf(s), series.info.nodeId);
}

/** "Audio reads image (Cross-attention)". */
export function probeTitle(s: HeatmapState, series: ProbeSeries): string {
  const graph = graphOf(s);
  const kind = getKind(series.info.kind)?.title ?? series.info.kind;
  const label = nodeTitle(graph, series.info.nodeId);
  return label === kind ? kind : `${label} (${kind})`;
}

export function selectedSeries(s: HeatmapState, sel: Selection): ProbeSeries | undefined {
  return s.series.find((x) => x.info.nodeId === sel.nodeId) ?? s.series[0];
}

function sampleLabels(s: HeatmapState): string[] {
  const plan = s.plan;
  if (!plan) return [];
  return plan.samples.map((_, i) => `#${i + 1} ${plan.classes[plan.labels[i] ?? -1] ?? '?'}`);
}

/** The names of the sources of `port` of a node, in edge order (as the compiler reads them). */
function portSources(graph: Graph, id: string, port: string): string[] {
  return graph.edges.filter((e) => e.target === id && e.targetPort === port).map((e) => e.source);
}

interface KeyPart {
  readonly band: Band;
  readonly layout: TokenLayout;
}

/** The context token ranges of a probe (its groups), each with its modality name and token layout. */
function keyParts(s: HeatmapState, series: ProbeSeries, axisLength: number, cls: boolean): KeyPart[] {
  const graph = graphOf(s);
  const bindings = s.plan?.bindings ?? {};
  const ranges = series.info.groups?.ranges ?? [{ nodeId: null, start: 0, end: axisLength }];
  return ranges.map((r) => ({
    band: { label: r.nodeId === null ? (cls ? 'CLS' : 'tokens') : modalityName(graph, bindings, r.nodeId), start: r.start, end: r.end },
    layout: r.nodeId === null ? { kind: 'other', inputId: null, tokens: r.end - r.start } : tokenLayout(graph, r.nodeId, r.end - r.start),
  }));
}

function wordsOf(s: HeatmapState, layout: TokenLayout, sample: number): readonly string[] | undefined {
  if (layout.kind !== 'words') return undefined;
  const modality = s.plan?.bindings[layout.inputId];
  return modality ? s.plan?.inputs[sample]?.words?.[modality] : undefined;
}

function partLabels(s: HeatmapState, parts: readonly KeyPart[], sample: number): string[] {
  return parts.flatMap((p) => (p.band.label === 'CLS' && p.layout.tokens === 1 ? ['CLS'] : tokenLabels(p.layout, wordsOf(s, p.layout, sample))));
}

/** A transformer encoder's map: its tokens (CLS first, when it has one) attend to themselves. */
function isSelfAttention(series: ProbeSeries): boolean {
  return series.info.kind === 'encoder.transformer';
}

/** The query token labels of a cross map: for self-attention the key labels, CLS included. */
function queryLabels(s: HeatmapState, series: ProbeSeries, sample: number): string[] {
  if (isSelfAttention(series)) return partLabels(s, keyParts(s, series, series.info.shape[2] ?? 1, true), sample);
  const q = queryLayout(s, series);
  return tokenLabels(q, wordsOf(s, q, sample));
}

function queryLayout(s: HeatmapState, series: ProbeSeries): TokenLayout {
  const graph = graphOf(s);
  return tokenLayout(graph, sourceOf(graph, series.info.nodeId, 'query'), series.info.shape[1] ?? 1);
}

/** The controls' view of the chosen probe. */
export function outlineOf(s: HeatmapState, sel: Selection): ViewOutline | null {
  const series = selectedSeries(s, sel);
  if (!series) return null;
  const kind = viewKindOf(series.info);
  const sample = Math.min(sel.sample, Math.max(0, (s.plan?.samples.length ?? 1) - 1));
  const queries = kind === 'cross' ? queryLabels(s, series, sample) : null;
  return { nodeId: series.info.nodeId, kind, title: probeTitle(s, series), heads: headCount(series.info), samples: sampleLabels(s), queries };
}

/** The values shown at the timeline's position, with the tick they were taken at. */
export function shownFrame(s: HeatmapState, series: ProbeSeries): { readonly values: Float32Array; readonly tick: Tick } | null {
  const f = frameAt(series, shownTick(s));
  const tick = f ? s.ticks[f.tick] : undefined;
  return f && tick ? { values: f.values, tick } : null;
}

/** "epoch 3 · batch 12", "trained (epoch 8)". */
export function tickLabel(t: Tick | undefined, batches?: number): string {
  if (!t) return 'no snapshot yet';
  if (t.final) return `trained model (epoch ${t.epoch})`;
  return `epoch ${t.epoch} · batch ${t.batch}${batches ? `/${batches}` : ''}`;
}

function withMeanRow(m: Matrix): Matrix {
  const mean = columnMeans(m);
  const values = new Float32Array((m.rows + 1) * m.cols);
  values.set(m.values);
  values.set(mean.values, m.rows * m.cols);
  return { rows: m.rows + 1, cols: m.cols, values };
}

/** Classes that have probe samples, their class-mean rows, and a last "all samples" row. */
function classTable(s: HeatmapState, m: Matrix): { matrix: Matrix; labels: string[] } {
  const plan = s.plan;
  const classes = plan?.classes ?? [];
  const means = classMeans(m, plan?.labels ?? [], classes.length);
  const present = classes.map((_, c) => c).filter((c) => Number.isFinite(means.values[c * m.cols] as number));
  const values = new Float32Array(present.length * m.cols);
  present.forEach((c, i) => values.set(means.values.subarray(c * m.cols, (c + 1) * m.cols), i * m.cols));
  const table = withMeanRow({ rows: present.length, cols: m.cols, values });
  return { matrix: table, labels: [...present.map((c) => classes[c] ?? String(c)), 'all samples'] };
}

interface Ctx {
  readonly s: HeatmapState;
  readonly series: ProbeSeries;
  readonly values: Float32Array;
  readonly sel: Selection;
  readonly sample: number;
}

function inputValues(c: Ctx, inputId: string | null): { values: Float32Array | Int32Array; shape: readonly number[] } | null {
  if (inputId === null) return null;
  const modality = c.s.plan?.bindings[inputId];
  const values = modality ? c.s.plan?.inputs[c.sample]?.values[modality] : undefined;
  const shape = outputShape(graphOf(c.s), inputId)?.shape;
  return values && shape ? { values, shape } : null;
}

/** Draws the tokens of `layout` over its sample's input, with `weights` per token (or none) and one token outlined. */
function drawTokensOver(
  ctx: CanvasRenderingContext2D,
  c: Ctx,
  r: Rect,
  title: string,
  layout: TokenLayout,
  weights: ArrayLike<number> | null,
  max: number,
  highlight: number | null,
): void {
  const input = inputValues(c, layout.inputId);
  if (layout.kind === 'patches' && input) {
    drawImageOverlay(ctx, r, title, input.values, input.shape, { weights, rows: layout.rows, cols: layout.cols, max, highlight });
  } else if (layout.kind === 'frames' && input && input.shape.length === 2) {
    drawSpectrogramOverlay(ctx, r, title, input.values, input.shape, { weights, tokens: layout.tokens, max, highlight, secondsPerStep: layout.secondsPerStep });
  } else if (layout.kind === 'words') {
    drawWordsOverlay(ctx, r, title, tokenLabels(layout, wordsOf(c.s, layout, c.sample)).slice(0, Math.max(1, (wordsOf(c.s, layout, c.sample) ?? []).length)), { weights, max, highlight });
  } else if (weights) {
    drawBarsOverlay(ctx, r, title, tokenLabels(layout), weights, max, highlight);
  } else {
    drawMessage(ctx, r, title);
  }
}

// ---------------------------------------------------------------- the four views

function weightsView(c: Ctx, main: Rect, side: Rect | null, ctx: CanvasRenderingContext2D): Drawn {
  const m = sampleWeights(c.series.info, c.values);
  const parts = keyParts(c.s, c.series, m.cols, false);
  const cols = parts.map((p) => p.band.label);
  const late = c.series.info.kind === 'fusion.late';
  const geometry = drawHeatmap(ctx, main, {
    matrix: m,
    rowLabels: sampleLabels(c.s),
    colLabels: cols,
    max: 1,
    title: late ? 'Branch weights w per sample (the same for every sample)' : 'Modality weights α per sample',
    rowTitle: 'sample',
    colTitle: 'modality (each row sums to 1)',
    highlightRow: c.sample,
    legendLabel: late ? 'w' : 'α',
  });
  if (side) {
    const t = classTable(c.s, m);
    drawHeatmap(ctx, side, { matrix: t.matrix, rowLabels: t.labels, colLabels: cols, max: 1, title: 'Mean per class', legend: false });
  }
  return { main: geometry };
}

/** A transformer encoder's self-attention: tokens × tokens, and the chosen query's row over its input. */
function selfView(c: Ctx, main: Rect, side: Rect | null, ctx: CanvasRenderingContext2D): Drawn {
  const m = crossMap(c.series.info, c.values, c.sample, c.sel.head);
  const parts = keyParts(c.s, c.series, m.cols, true);
  const labels = partLabels(c.s, parts, c.sample);
  const tokens = parts.find((p) => p.band.label !== 'CLS') ?? parts[parts.length - 1];
  const name = tokens?.band.label ?? 'tokens';
  const query = c.sel.query !== null && c.sel.query < m.rows ? c.sel.query : null;
  const headText = c.sel.head === 'mean' ? 'mean of heads' : `head ${c.sel.head + 1}`;
  const geometry = drawHeatmap(ctx, main, {
    matrix: m,
    rowLabels: labels,
    colLabels: labels,
    colBands: parts.length > 1 ? parts.map((p) => p.band) : [],
    max: niceMax(maxOf(m.values)),
    title: `${name}: self-attention of the last block · ${headText}`,
    rowTitle: 'query',
    colTitle: 'key (each row sums to 1)',
    highlightRow: query,
    values: false,
    legendLabel: 'A',
  });
  if (side && tokens) {
    const row = query !== null ? rowOf(m, query) : columnMeans(m).values;
    const { start, end } = tokens.band;
    const weights = row.subarray(start, end);
    const queryText = query !== null ? (labels[query] ?? '') : 'all (mean)';
    const cls = parts.find((p) => p.band.label === 'CLS');
    const clsText = cls ? ` · CLS gets ${Math.round(100 * (row[cls.band.start] ?? 0))}%` : '';
    const highlight = query !== null && query >= start && query < end ? query - start : null;
    drawTokensOver(ctx, c, side, `${name}: attention of ${queryText}${clsText}`, tokens.layout, weights, niceMax(maxOf(weights)), highlight);
  }
  return { main: geometry };
}

function crossView(c: Ctx, main: Rect, side: Rect | null, ctx: CanvasRenderingContext2D): Drawn {
  if (isSelfAttention(c.series)) return selfView(c, main, side, ctx);
  const info = c.series.info;
  const m = crossMap(info, c.values, c.sample, c.sel.head);
  const parts = keyParts(c.s, c.series, m.cols, false);
  const q = queryLayout(c.s, c.series);
  const graph = graphOf(c.s);
  const bindings = c.s.plan?.bindings ?? {};
  const qName = modalityName(graph, bindings, sourceOf(graph, info.nodeId, 'query') ?? null);
  const kName = parts.map((p) => p.band.label).join(' + ');
  const query = c.sel.query !== null && c.sel.query < m.rows ? c.sel.query : null;
  const max = niceMax(maxOf(m.values));
  const headText = c.sel.head === 'mean' ? 'mean of heads' : `head ${c.sel.head + 1}`;
  const geometry = drawHeatmap(ctx, main, {
    matrix: m,
    rowLabels: tokenLabels(q, wordsOf(c.s, q, c.sample)),
    colLabels: partLabels(c.s, parts, c.sample),
    colBands: parts.length > 1 ? parts.map((p) => p.band) : [],
    max,
    title: `${qName} (queries) reads ${kName} (keys) · ${headText}`,
    rowTitle: 'query',
    colTitle: `key: ${kName} (each row sums to 1)`,
    highlightRow: query,
    values: false,
    legendLabel: 'A',
  });
  if (side) {
    const weights = query !== null ? rowOf(m, query) : columnMeans(m).values;
    const wMax = niceMax(maxOf(weights));
    const queryText = query !== null ? (tokenLabels(q, wordsOf(c.s, q, c.sample))[query] ?? '') : 'all (mean)';
    const sameInput = parts.length === 1 && parts[0]?.layout.inputId === q.inputId;
    const keyPart = parts.length === 1 ? parts[0] : undefined;
    if (sameInput || (q.kind === 'other' && q.tokens === 1)) {
      // Self-attention, or one query token: one picture.
      if (keyPart) drawTokensOver(ctx, c, side, `${kName}: attention of ${queryText}`, keyPart.layout, weights, wMax, sameInput ? query : null);
      else drawBarsOverlay(ctx, side, `attention of ${queryText}`, partLabels(c.s, parts, c.sample), weights, wMax, null);
    } else {
      const left: Rect = { x: side.x, y: side.y, w: side.w * 0.42, h: side.h };
      const right: Rect = { x: side.x + side.w * 0.46, y: side.y, w: side.w * 0.54, h: side.h };
      drawTokensOver(ctx, c, left, `query: ${queryText}`, q, null, 1, query);
      if (keyPart) drawTokensOver(ctx, c, right, `reads ${keyPart.band.label}`, keyPart.layout, weights, wMax, null);
      else drawBarsOverlay(ctx, right, `reads ${kName}`, partLabels(c.s, parts, c.sample), weights, wMax, null);
    }
  }
  return { main: geometry };
}

function clsView(c: Ctx, main: Rect, side: Rect | null, ctx: CanvasRenderingContext2D): Drawn {
  const info = c.series.info;
  const m = clsHeads(info, c.values, c.sample);
  const heads = headCount(info);
  const parts = keyParts(c.s, c.series, m.cols, true);
  const geometry = drawHeatmap(ctx, main, {
    matrix: m,
    rowLabels: [...Array.from({ length: heads }, (_, h) => `head ${h + 1}`), 'mean'],
    colLabels: partLabels(c.s, parts, c.sample),
    colBands: parts.map((p) => p.band),
    max: niceMax(maxOf(m.values)),
    title: `CLS attention over every token, grouped by modality · ${sampleLabels(c.s)[c.sample] ?? ''}`,
    rowTitle: 'head',
    colTitle: 'token (each row sums to 1)',
    highlightRow: c.sel.head === 'mean' ? heads : c.sel.head,
    values: false,
    legendLabel: 'A',
  });
  if (side) {
    const mass = groupMass(info, c.values, parts.map((p) => p.band));
    drawHeatmap(ctx, side, {
      matrix: withMeanRow(mass),
      rowLabels: [...sampleLabels(c.s), 'all samples'],
      colLabels: parts.map((p) => p.band.label),
      max: 1,
      title: 'Share of CLS attention per modality (mean of heads)',
      highlightRow: c.sample,
      legend: false,
    });
  }
  return { main: geometry };
}

function gateView(c: Ctx, main: Rect, side: Rect | null, ctx: CanvasRenderingContext2D): Drawn {
  const info = c.series.info;
  const graph = graphOf(c.s);
  const bindings = c.s.plan?.bindings ?? {};
  const names = portSources(graph, info.nodeId, 'in').map((id) => modalityName(graph, bindings, id));
  const m = gateStrip(info, c.values, 0);
  const first = names[0] ?? 'modality 1';
  const geometry = drawHeatmap(ctx, main, {
    matrix: m,
    rowLabels: sampleLabels(c.s),
    colLabels: Array.from({ length: m.cols }, (_, j) => `f${j + 1}`),
    max: 1,
    title: gateModalities(info) === 2 ? `Gate g per feature: the share of ${first} (1 − g goes to ${names[1] ?? 'the other'})` : `Gate per feature: the share of ${first}`,
    rowTitle: 'sample',
    colTitle: 'feature of the fused vector',
    highlightRow: c.sample,
    values: false,
    legendLabel: 'g',
  });
  if (side) {
    const shares = gateShares(info, c.values);
    const t = classTable(c.s, shares);
    const cols = Array.from({ length: shares.cols }, (_, k) => names[k] ?? `modality ${k + 1}`);
    drawHeatmap(ctx, side, { matrix: t.matrix, rowLabels: t.labels, colLabels: cols, max: 1, title: 'Mean share per class (over features)', legend: false });
  }
  return { main: geometry };
}

const VIEWS: Readonly<Record<ViewKind, (c: Ctx, main: Rect, side: Rect | null, ctx: CanvasRenderingContext2D) => Drawn>> = {
  weights: weightsView,
  cross: crossView,
  cls: clsView,
  gate: gateView,
};

/**
 * Draws the chosen probe at the timeline's position: the main heatmap into `main`, the class means
 * or the overlay into `side` (when given). Returns the main heatmap's geometry for clicks.
 */
export function drawView(ctx: CanvasRenderingContext2D, s: HeatmapState, sel: Selection, main: Rect, side: Rect | null): Drawn {
  const series = selectedSeries(s, sel);
  const all: Rect = side ? { x: main.x, y: main.y, w: side.x + side.w - main.x, h: Math.max(main.h, side.h) } : main;
  if (!series) {
    drawMessage(ctx, all, s.runId === null ? 'Train a model with an attention or gated fusion node to see where its attention goes.' : 'This run has no attention or gate to show.');
    return { main: null };
  }
  const shown = shownFrame(s, series);
  if (!shown) {
    drawMessage(ctx, all, 'Waiting for the first snapshot…');
    return { main: null };
  }
  const n = sampleCount(series.info, shown.values);
  const sample = Math.max(0, Math.min(n - 1, sel.sample));
  return VIEWS[viewKindOf(series.info)]({ s, series, values: shown.values, sel, sample }, main, side, ctx);
}

/**
 * The small map on a node of the canvas: the newest snapshot averaged over the probe samples (and
 * heads): queries × keys, samples × modalities, samples × tokens or samples × features.
 */
export function thumbnailMatrix(series: ProbeSeries, values: Float32Array): { matrix: Matrix; max: number } {
  const info = series.info;
  switch (viewKindOf(info)) {
    case 'weights':
      return { matrix: sampleWeights(info, values), max: 1 };
    case 'gate':
      return { matrix: gateStrip(info, values, 0), max: 1 };
    case 'cross': {
      const m = meanCrossMap(info, values);
      return { matrix: m, max: niceMax(maxOf(m.values)) };
    }
    case 'cls': {
      const n = sampleCount(info, values);
      const t = info.shape[1] ?? 1;
      const out = new Float32Array(n * t);
      for (let s = 0; s < n; s++) out.set(rowOf(clsHeads(info, values, s), headCount(info)), s * t);
      return { matrix: { rows: n, cols: t, values: out }, max: niceMax(maxOf(out)) };
    }
  }
}

