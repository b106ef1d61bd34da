// Checking a lesson's steps against what the learner actually did: the graph on the canvas and
// their finished runs. Each check passes, waits (nothing to judge yet: no such run, the graph is
// not there yet), or differs (a run exists but its result is not the expected one, with the
// likely reasons: fewer epochs, another learning rate or seed, other dataset options…).
import { fitGraphToDataset } from '../dataset.ts';
import type { DatasetDescriptor } from '../dataset.ts';
import { andList, describeNode } from '../diagnostics.ts';
import { inferShapes } from '../inferShapes.ts';
import { formatCount } from '../nodes/kit.ts';
import { getKind } from '../registry.ts';
import { validateGraph } from '../validate.ts';
import type { Graph, ParamValue, ProjectDocument } from '../types.ts';
import { lessonTraining } from './resolve.ts';
import type { Check, CompareCheck, Condition, DifferenceFactor, GraphCheck, Lesson, LessonStep, Metric, RunCheck, RunRef, RunRefField } from './schema.ts';

/** One finished run as a lesson sees it (the UI builds these from the run history). */
export interface LessonRun {
  readonly runId: string;
  /** How the run is named to the learner, e.g. "Late fusion (arena)". */
  readonly title: string;
  readonly finishedAt: number;
  readonly status: 'done' | 'stopped' | 'error';
  /** The document the run trained (graph, dataset choice, training settings). */
  readonly document: ProjectDocument;
  readonly datasetId: string;
  /** Fusion-arena runs: the strategy. */
  readonly strategy?: string;
  readonly valAccuracy: number | null;
  readonly testAccuracy: number | null;
  readonly paramCount: number;
  readonly secondsPerEpoch: number;
  /** Epochs actually trained (fewer than planned after early stopping). */
  readonly epochs: number;
  /** Validation accuracy with each modality removed. */
  readonly ablation: readonly { readonly modality: string; readonly accuracy: number }[];
  /** Mean attention weight per modality at the end of training (absent when not recorded). */
  readonly attention?: Readonly<Record<string, number>>;
}

export interface LessonContext {
  /** The document on the canvas. */
  readonly doc: ProjectDocument;
  /** Finished runs (any order). */
  readonly runs: readonly LessonRun[];
  /** The lesson's dataset as the catalogue describes it (binds inputs that have no binding yet). */
  readonly dataset?: DatasetDescriptor;
}

export type CheckStatus = 'pass' | 'differs' | 'waiting';

/** One condition's outcome: ok null when the run did not record the metric. */
export interface CheckDetail {
  readonly text: string;
  readonly ok: boolean | null;
}

/** A reason a result may differ: what was found in the learner's run, and the author's explanation. */
export interface DifferenceReason {
  readonly factor: DifferenceFactor | 'step';
  readonly found?: string;
  readonly text: string;
}

export interface CheckResult {
  readonly status: CheckStatus;
  /** One sentence: what was found, or what is still to do. */
  readonly message: string;
  readonly details: readonly CheckDetail[];
  /** The runs the check judged (newest matching ones). */
  readonly runs: readonly LessonRun[];
  /** How the check names each judged run, by runId ("late-fusion run"). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Why the result may differ (only when status is 'differs'). */
  readonly reasons: readonly DifferenceReason[];
  /** The graph does not fit the dataset yet (input shapes, classes): "Fit to data" fixes it. */
  readonly needsFit?: boolean;
}

export type StepStatus = CheckStatus | 'manual';

export interface StepResult {
  readonly status: StepStatus;
  readonly check: CheckResult | null;
}

// ---------------------------------------------------------------- formatting

/** 0.512 → "51%" (one decimal below 10%). */
export function formatPercent(x: number): string {
  const p = x * 100;
  return `${Math.abs(p) < 10 && p !== 0 ? p.toFixed(1) : Math.round(p)}%`;
}

const isAccuracy = (m: Metric): boolean => m === 'valAccuracy' || m === 'testAccuracy' || m === 'accuracyWithout' || m === 'worstWithout' || m === 'attention';

/** A metric's value as shown: accuracies and shares in percent, drops in points, counts grouped. */
export function formatMetric(metric: Metric, value: number): string {
  if (isAccuracy(metric)) return formatPercent(value);
  if (metric === 'drop' || metric === 'gap') {
    const points = Math.round(value * 100);
    return `${points < 0 ? '−' : ''}${Math.abs(points)} points`;
  }
  if (metric === 'paramCount') return formatCount(Math.round(value));
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} s`;
}

/** "validation accuracy", "accuracy without the image", "attention on the audio". */
export function metricName(metric: Metric, modality?: string): string {
  switch (metric) {
    case 'valAccuracy':
      return 'validation accuracy';
    case 'testAccuracy':
      return 'test accuracy';
    case 'gap':
      return 'validation − test accuracy';
    case 'paramCount':
      return 'parameters';
    case 'secondsPerEpoch':
      return 'seconds per epoch';
    case 'accuracyWithout':
      return `accuracy without the ${modality ?? '?'}`;
    case 'worstWithout':
      return 'accuracy with the worst missing modality';
    case 'drop':
      return `accuracy lost without the ${modality ?? '?'}`;
    case 'attention':
      return `attention on the ${modality ?? '?'}`;
  }
}

function boundsText(metric: Metric, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${formatMetric(metric, min)} and ${formatMetric(metric, max)}`;
  if (min !== undefined) return `at least ${formatMetric(metric, min)}`;
  return `at most ${formatMetric(metric, max ?? 0)}`;
}

function within(x: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || x >= min) && (max === undefined || x <= max);
}

function kindTitle(id: string): string {
  return getKind(id)?.title ?? id;
}

// ---------------------------------------------------------------- graph facts

/** The modality each input node of `graph` reads: its binding, else by kind (as the trainer binds). */
export function inputModalities(graph: Graph, bindings: Readonly<Record<string, string>> | undefined, dataset?: DatasetDescriptor): Record<string, string> {
  const out: Record<string, string> = {};
  const inputs = graph.nodes.filter((n) => n.kind.startsWith('input.'));
  const fit = dataset ? fitGraphToDataset(graph, dataset.modalities, dataset.classes.length, bindings ?? {}).bindings : {};
  for (const n of inputs) {
    const m = bindings?.[n.id] ?? fit[n.id];
    out[n.id] = m ?? n.kind.slice('input.'.length);
  }
  return out;
}

/** The sorted, distinct modality names a document's graph reads. */
export function documentModalities(doc: ProjectDocument, dataset?: DatasetDescriptor): string[] {
  return [...new Set(Object.values(inputModalities(doc.graph, doc.dataset?.bindings, dataset)))].sort();
}

// ---------------------------------------------------------------- runs

function kindsOf(graph: Graph): Set<string> {
  return new Set(graph.nodes.map((n) => n.kind));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Does `run` match the reference (graph kinds, modalities, strategy) on the lesson's dataset? */
export function runMatches(run: LessonRun, ref: RunRef, lesson: Lesson, dataset?: DatasetDescriptor): boolean {
  if (run.datasetId !== lesson.dataset.id) return false;
  if (ref.strategy !== undefined && run.strategy !== ref.strategy) return false;
  const kinds = kindsOf(run.document.graph);
  if (ref.has && !ref.has.every((k) => kinds.has(k))) return false;
  if (ref.hasAny && !ref.hasAny.some((k) => kinds.has(k))) return false;
  if (ref.lacks?.some((k) => kinds.has(k))) return false;
  if (ref.modalities && !sameSet(documentModalities(run.document, dataset), ref.modalities)) return false;
  return true;
}

/** A check's run: one of the lesson's named runs, or the description given in place. */
export function resolveRunRef(lesson: Lesson, ref: RunRefField): RunRef {
  if (typeof ref !== 'string') return ref;
  return lesson.runs?.[ref] ?? { label: ref };
}

function newestFirst(runs: readonly LessonRun[]): LessonRun[] {
  return [...runs].sort((a, b) => b.finishedAt - a.finishedAt);
}

/** The newest matching run that finished (status done), and the newest matching one of any status. */
function findRun(ctx: LessonContext, lesson: Lesson, field: RunRefField): { ref: RunRef; done: LessonRun | null; latest: LessonRun | null } {
  const ref = resolveRunRef(lesson, field);
  const matching = newestFirst(ctx.runs).filter((r) => runMatches(r, ref, lesson, ctx.dataset));
  return { ref, done: matching.find((r) => r.status === 'done') ?? null, latest: matching[0] ?? null };
}

/** A run's value of a metric, or null when the run did not record it. */
export function metricValue(run: LessonRun, metric: Metric, modality?: string): number | null {
  switch (metric) {
    case 'valAccuracy':
      return run.valAccuracy;
    case 'testAccuracy':
      return run.testAccuracy;
    case 'gap':
      return run.valAccuracy === null || run.testAccuracy === null ? null : run.valAccuracy - run.testAccuracy;
    case 'paramCount':
      return run.paramCount;
    case 'secondsPerEpoch':
      return run.secondsPerEpoch;
    case 'accuracyWithout':
      return run.ablation.find((a) => a.modality === modality)?.accuracy ?? null;
    case 'worstWithout':
      return run.ablation.length === 0 ? null : Math.min(...run.ablation.map((a) => a.accuracy));
    case 'drop': {
      const a = run.ablation.find((x) => x.modality === modality);
      return a === undefined || run.valAccuracy === null ? null : run.valAccuracy - a.accuracy;
    }
    case 'attention':
      return run.attention?.[modality ?? ''] ?? null;
  }
}

const NOT_RECORDED: Partial<Record<Metric, string>> = {
  testAccuracy: 'this run was not evaluated on the test split: start it with the lesson’s Train button, which does',
  gap: 'this run was not evaluated on the test split: start it with the lesson’s Train button, which does',
  worstWithout: 'this run has no modality ablation',
  attention: 'this run recorded no attention weights',
  accuracyWithout: 'this run has no ablation for that modality',
  drop: 'this run has no ablation for that modality',
};

// ---------------------------------------------------------------- reasons a result may differ

function optionsText(options: Readonly<Record<string, ParamValue>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(options ?? {}).map(([k, v]) => [k, String(v)]));
}

/** What in `run` departs from the lesson's settings, by factor, in the learner's terms. */
export function settingDifferences(run: LessonRun, lesson: Lesson): { factor: DifferenceFactor; found: string }[] {
  const want = lessonTraining(lesson);
  const got = run.document.training;
  const out: { factor: DifferenceFactor; found: string }[] = [];
  if (got.epochs < want.epochs) out.push({ factor: 'epochs', found: `trained for ${got.epochs} epoch${got.epochs === 1 ? '' : 's'}; the lesson uses ${want.epochs}` });
  if (run.epochs < got.epochs) out.push({ factor: 'earlyStopping', found: `was ended by early stopping after ${run.epochs} of ${got.epochs} epochs` });
  if (got.learningRate !== want.learningRate) out.push({ factor: 'learningRate', found: `used a learning rate of ${got.learningRate}; the lesson uses ${want.learningRate}` });
  if (got.batchSize !== want.batchSize) out.push({ factor: 'batchSize', found: `used batches of ${got.batchSize}; the lesson uses ${want.batchSize}` });
  if (got.optimizer !== want.optimizer) out.push({ factor: 'learningRate', found: `used ${got.optimizer}; the lesson uses ${want.optimizer}` });
  if (got.seed !== want.seed) out.push({ factor: 'seed', found: `used seed ${got.seed}; the lesson uses ${want.seed}` });
  const mine = optionsText(run.document.dataset?.options);
  const theirs = optionsText(lesson.dataset.options);
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort();
  const changed = keys.filter((k) => mine[k] !== theirs[k]).map((k) => `${k} ${mine[k] ?? 'default'} (lesson: ${theirs[k] ?? 'default'})`);
  if (changed.length > 0) out.push({ factor: 'dataset', found: `used other dataset options: ${changed.join(', ')}` });
  return out;
}

/** The reasons to show when `runs` gave another result than the step expects. */
export function differenceReasons(lesson: Lesson, step: LessonStep | null, runs: readonly LessonRun[], labels: Readonly<Record<string, string>> = {}): DifferenceReason[] {
  const out: DifferenceReason[] = (step?.hints ?? []).map((text) => ({ factor: 'step' as const, text }));
  const texts = new Map<DifferenceFactor, string[]>();
  for (const d of lesson.differs ?? []) texts.set(d.when, [...(texts.get(d.when) ?? []), d.text]);
  const found = new Map<DifferenceFactor, string[]>();
  for (const run of runs) {
    for (const d of settingDifferences(run, lesson)) found.set(d.factor, [...(found.get(d.factor) ?? []), `Your ${labels[run.runId] ?? 'run'} ${d.found}.`]);
  }
  // With the lesson's own settings, chance is what remains: the seed (and the backend's arithmetic).
  if (found.size === 0 && texts.has('seed')) found.set('seed', []);
  for (const [factor, lines] of found) {
    const own = texts.get(factor) ?? [];
    if (lines.length === 0 && own.length === 0) continue;
    out.push({ factor, ...(lines.length > 0 ? { found: lines.join(' ') } : {}), text: own.join(' ') });
  }
  for (const text of texts.get('always') ?? []) out.push({ factor: 'always', text });
  return out;
}

// ---------------------------------------------------------------- checks

function waiting(message: string, details: CheckDetail[] = [], runs: LessonRun[] = []): CheckResult {
  return { status: 'waiting', message, details, runs, reasons: [] };
}

function checkGraph(check: GraphCheck, lesson: Lesson, ctx: LessonContext): CheckResult {
  const { doc } = ctx;
  const details: CheckDetail[] = [];
  const todo: string[] = [];
  const kinds = kindsOf(doc.graph);
  if (doc.dataset?.id !== lesson.dataset.id) {
    const title = ctx.dataset?.title ?? lesson.dataset.id;
    todo.push(`choose the dataset “${title}”`);
    details.push({ text: `Dataset: ${title}`, ok: false });
  }
  const missing = (check.has ?? []).filter((k) => !kinds.has(k));
  for (const k of check.has ?? []) details.push({ text: `Has ${kindTitle(k)}`, ok: kinds.has(k) });
  if (missing.length > 0) todo.push(`add ${andList(missing.map(kindTitle))}`);
  if (check.hasAny) {
    const ok = check.hasAny.some((k) => kinds.has(k));
    const titles = check.hasAny.map(kindTitle);
    const some = titles.length <= 3 ? `one of ${titles.join(', ')}` : `${titles.slice(0, 3).join(', ')} or another of the ${titles.length} listed below`;
    details.push({ text: `Has one of ${titles.join(', ')}`, ok });
    if (!ok) todo.push(`add ${some}`);
  }
  const extra = (check.lacks ?? []).filter((k) => kinds.has(k));
  for (const k of check.lacks ?? []) details.push({ text: `No ${kindTitle(k)}`, ok: !kinds.has(k) });
  if (extra.length > 0) todo.push(`remove ${andList(extra.map(kindTitle))}`);
  if (check.modalities) {
    const have = documentModalities(doc, ctx.dataset);
    const ok = sameSet(have, check.modalities);
    details.push({ text: `Reads ${andList([...check.modalities])}`, ok });
    if (!ok) todo.push(`make the graph read ${andList([...check.modalities])} (it reads ${andList(have) || 'nothing'})`);
  }
  let needsFit = false;
  if (ctx.dataset !== undefined && doc.dataset?.id === ctx.dataset.id) {
    const fit = fitGraphToDataset(doc.graph, ctx.dataset.modalities, ctx.dataset.classes.length, doc.dataset.bindings ?? {});
    const nodes = new Map(doc.graph.nodes.map((n) => [n.id, n]));
    const changes = fit.changes.map((c) => {
      const n = nodes.get(c.nodeId);
      return `${n ? describeNode(n) : c.nodeId}: ${c.param} ${String(c.from)} → ${String(c.to)}`;
    });
    if (changes.length > 0) {
      needsFit = true;
      todo.push('fit the graph to the data (press “Fit to data”)');
      details.push({ text: `Fits the data (to change: ${changes.join('; ')})`, ok: false });
    }
  }
  const shapes = inferShapes(doc.graph);
  if (check.params) {
    const { kind, min, max } = check.params;
    const nodes = doc.graph.nodes.filter((n) => n.kind === kind);
    const count = nodes.reduce((a, n) => a + (shapes.paramCounts[n.id] ?? 0), 0);
    const ok = nodes.length > 0 && within(count, min, max);
    details.push({ text: `${kindTitle(kind)}: ${formatCount(count)} parameters (${boundsText('paramCount', min, max)})`, ok });
    if (!ok) todo.push(nodes.length === 0 ? `add ${kindTitle(kind)}` : `bring ${kindTitle(kind)} to ${boundsText('paramCount', min, max)} parameters (now ${formatCount(count)})`);
  }
  const errors = validateGraph(doc.graph, shapes).filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    todo.push(`fix the ${errors === 1 ? 'error' : `${errors} errors`} in Problems`);
    details.push({ text: 'No errors in Problems', ok: false });
  }
  if (todo.length === 0) return { status: 'pass', message: 'The graph is ready.', details, runs: [], reasons: [] };
  return { ...waiting(`To do: ${todo.join('; ')}.`, details), ...(needsFit ? { needsFit } : {}) };
}

function conditionDetail(run: LessonRun, c: Condition): CheckDetail {
  const name = metricName(c.metric, c.modality);
  const value = metricValue(run, c.metric, c.modality);
  const want = boundsText(c.metric, c.min, c.max);
  if (value === null) return { text: `${name}: not recorded (${NOT_RECORDED[c.metric] ?? 'unknown'})`, ok: null };
  return { text: `${name} ${formatMetric(c.metric, value)} (expected ${want})`, ok: within(value, c.min, c.max) };
}

function checkRun(check: RunCheck, lesson: Lesson, step: LessonStep | null, ctx: LessonContext): CheckResult {
  const { ref, done, latest } = findRun(ctx, lesson, check.run);
  const label = ref.label;
  if (done === null) {
    if (latest !== null) return waiting(`Your last ${label} ${latest.status === 'error' ? 'failed' : 'was stopped'} before it finished: train it again.`);
    return waiting(`No finished ${label} yet.`);
  }
  const details = check.expect.map((c) => conditionDetail(done, c));
  const unrecorded = check.expect.filter((c, i) => details[i]?.ok === null && c.optional !== true);
  if (unrecorded.length > 0) {
    const c = unrecorded[0] as Condition;
    return waiting(`Your ${label} has no ${metricName(c.metric, c.modality)}: ${NOT_RECORDED[c.metric] ?? 'it was not recorded'}.`, details, [done]);
  }
  const failed = details.filter((d) => d.ok === false);
  if (failed.length === 0) return { status: 'pass', message: `Your ${label} (${done.title}) shows it.`, details, runs: [done], reasons: [] };
  return {
    status: 'differs',
    message: `Your ${label} differs from the lesson: ${failed.map((d) => d.text).join('; ')}.`,
    details,
    runs: [done],
    labels: { [done.runId]: label },
    reasons: differenceReasons(lesson, step, [done], { [done.runId]: label }),
  };
}

function checkCompare(check: CompareCheck, lesson: Lesson, step: LessonStep | null, ctx: LessonContext): CheckResult {
  const ra = findRun(ctx, lesson, check.a);
  const rb = findRun(ctx, lesson, check.b);
  const [a, b, la, lb] = [ra.done, rb.done, ra.ref.label, rb.ref.label];
  const missing = [a === null ? la : null, b === null ? lb : null].filter((x): x is string => x !== null);
  if (a === null || b === null) return waiting(`No finished ${andList(missing)} yet.`);
  const va = metricValue(a, check.metric, check.modality);
  const vb = metricValue(b, check.metric, check.modality);
  const name = metricName(check.metric, check.modality);
  if (va === null || vb === null) return waiting(`The ${name} of ${va === null ? la : lb} was not recorded.`, [], [a, b]);
  const details: CheckDetail[] = [];
  if (check.ratio) {
    const r = vb === 0 ? Infinity : va / vb;
    const shown = Number.isFinite(r) ? `${r < 10 ? r.toFixed(1) : Math.round(r)}×` : '∞×';
    const want = [check.ratio.min !== undefined ? `at least ${check.ratio.min}×` : null, check.ratio.max !== undefined ? `at most ${check.ratio.max}×` : null].filter(Boolean).join(' and ');
    details.push({ text: `${la}: ${shown} the ${name} of ${lb} (${formatMetric(check.metric, va)} vs ${formatMetric(check.metric, vb)}; expected ${want})`, ok: within(r, check.ratio.min, check.ratio.max) });
  }
  if (check.difference) {
    const d = va - vb;
    const sign = d >= 0 ? '+' : '−';
    const abs = Math.abs(d);
    const shown = check.metric === 'paramCount' ? formatCount(Math.round(abs)) : isAccuracy(check.metric) || check.metric === 'drop' ? `${Math.round(abs * 100)} points` : formatMetric(check.metric, abs);
    const want = boundsText(check.metric === 'paramCount' || check.metric === 'secondsPerEpoch' ? check.metric : 'drop', check.difference.min, check.difference.max);
    details.push({ text: `${name}, ${la} − ${lb}: ${sign}${shown} (${formatMetric(check.metric, va)} vs ${formatMetric(check.metric, vb)}; expected ${want})`, ok: within(d, check.difference.min, check.difference.max) });
  }
  const failed = details.filter((x) => x.ok === false);
  if (failed.length === 0) return { status: 'pass', message: `Your ${la} and ${lb} show it.`, details, runs: [a, b], reasons: [] };
  const labels = { [b.runId]: lb, [a.runId]: la };
  return { status: 'differs', message: `Your runs differ from the lesson: ${failed.map((x) => x.text).join('; ')}.`, details, runs: [a, b], labels, reasons: differenceReasons(lesson, step, [a, b], labels) };
}

function uniqueRuns(runs: readonly LessonRun[]): LessonRun[] {
  const seen = new Set<string>();
  return runs.filter((r) => (seen.has(r.runId) ? false : (seen.add(r.runId), true)));
}

/** Evaluates one check; `step` supplies its hints when the result differs. */
export function evaluateCheck(check: Check, lesson: Lesson, ctx: LessonContext, step: LessonStep | null = null): CheckResult {
  switch (check.type) {
    case 'graph':
      return checkGraph(check, lesson, ctx);
    case 'run':
      return checkRun(check, lesson, step, ctx);
    case 'compare':
      return checkCompare(check, lesson, step, ctx);
    case 'all': {
      const parts = check.checks.map((c) => evaluateCheck(c, lesson, ctx, null));
      const runs = uniqueRuns(parts.flatMap((p) => p.runs));
      const details = parts.flatMap((p) => p.details);
      const differs = parts.find((p) => p.status === 'differs');
      const wait = parts.find((p) => p.status === 'waiting');
      const labels = Object.assign({}, ...parts.map((p) => p.labels ?? {})) as Record<string, string>;
      if (differs) return { ...differs, details, runs, labels, reasons: differenceReasons(lesson, step, runs, labels) };
      if (wait) return { ...wait, details, runs, reasons: [], ...(parts.some((p) => p.needsFit === true) ? { needsFit: true } : {}) };
      return { status: 'pass', message: parts.length === 1 ? (parts[0]?.message ?? '') : 'Everything the step expects is there.', details, runs, reasons: [] };
    }
  }
}

/** Every metric the lesson's checks read (the comparison view shows the columns it needs). */
export function lessonMetrics(lesson: Lesson): Set<Metric> {
  const out = new Set<Metric>();
  const walk = (c: Check): void => {
    if (c.type === 'run') for (const x of c.expect) out.add(x.metric);
    else if (c.type === 'compare') out.add(c.metric);
    else if (c.type === 'all') c.checks.forEach(walk);
  };
  for (const step of lesson.steps) if (step.check) walk(step.check);
  return out;
}

/** Evaluates every step of the lesson (steps without a check are 'manual'). */
export function evaluateLesson(lesson: Lesson, ctx: LessonContext): StepResult[] {
  return lesson.steps.map((step) => (step.check === undefined ? { status: 'manual', check: null } : (() => {
    const check = evaluateCheck(step.check, lesson, ctx, step);
    return { status: check.status, check };
  })()));
}
