// The lesson format: a guided exercise as data (one JSON file per lesson). A lesson names a dataset,
// the graphs it uses, and steps; each step says what to do, offers an action (load a graph, train,
// run the arena…) and checks the learner's own graph or runs. docs/lessons.md explains it for
// authors. Pure TypeScript + zod: no tfjs, nothing else of ours outside src/graph.
import { z } from 'zod';

export const LESSON_FORMAT = 'fusion-designer.lesson';
export const LESSON_VERSION = 1;

const text = z.string().trim().min(1);
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'use lower-case letters, digits and dashes, e.g. "synergy-xor"' })
  .max(60);
const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { error: 'use letters, digits, "-" and "_", starting with a letter, e.g. "late"' });
const paramValue = z.union([z.number(), z.string(), z.boolean()], { error: 'expected a number, a string or true/false' });

// ---------------------------------------------------------------- graphs

const lessonNode = z.strictObject({
  id: text.meta({ description: 'Unique among the graph\'s nodes, e.g. "img".' }),
  kind: text.meta({ description: 'A node kind id, e.g. "encoder.cnn2d" (see docs/nodes.md).' }),
  label: z.string().exactOptional(),
  params: z.record(z.string(), paramValue).exactOptional().meta({ description: 'Only the params that differ from the kind\'s defaults.' }),
  position: z.strictObject({ x: z.number(), y: z.number() }).exactOptional(),
});

const lessonEdge = z.union(
  [
    z.tuple([text, text]).meta({ description: '[source, target] from port "out" to port "in".' }),
    z.strictObject({ source: text, target: text, sourcePort: text.exactOptional(), targetPort: text.exactOptional() }),
  ],
  { error: 'an edge is ["source", "target"] or { "source", "target", "sourcePort", "targetPort" }' },
);

const graphMeta = {
  title: text.meta({ description: 'Shown on the button that loads it, e.g. "Late fusion".' }),
  description: z.string().exactOptional(),
};

export const lessonGraphSchema = z.union(
  [
    z.strictObject({ ...graphMeta, template: text.meta({ description: 'A built-in template: early, intermediate, late or attention.' }) }),
    z.strictObject({ ...graphMeta, nodes: z.array(lessonNode).min(1), edges: z.array(lessonEdge) }),
    z.strictObject({ ...graphMeta, project: z.unknown().meta({ description: 'A whole .fusion.json project (its graph is used).' }) }),
  ],
  { error: 'a graph needs a title and one of "template", "nodes" + "edges", or "project"' },
);

// ---------------------------------------------------------------- checks

export const METRICS = ['valAccuracy', 'testAccuracy', 'gap', 'paramCount', 'secondsPerEpoch', 'accuracyWithout', 'worstWithout', 'drop', 'attention'] as const;
export type Metric = (typeof METRICS)[number];
/** Metrics about one modality (they need "modality"). */
export const MODALITY_METRICS: ReadonlySet<Metric> = new Set<Metric>(['accuracyWithout', 'drop', 'attention']);

const bounds = {
  min: z.number().exactOptional().meta({ description: 'Passes when the value is at least this.' }),
  max: z.number().exactOptional().meta({ description: 'Passes when the value is at most this.' }),
};

export const conditionSchema = z.strictObject({
  metric: z.enum(METRICS),
  modality: z.string().exactOptional().meta({ description: 'For accuracyWithout, drop and attention: the modality name, e.g. "image".' }),
  ...bounds,
  optional: z.boolean().exactOptional().meta({ description: 'Skip (with a note) when the run did not record this metric.' }),
});

export const runRefSchema = z.strictObject({
  label: text.meta({ description: 'How messages name this run, e.g. "late-fusion run".' }),
  has: z.array(text).exactOptional().meta({ description: 'Node kinds the run\'s graph must all contain.' }),
  hasAny: z.array(text).exactOptional().meta({ description: 'Node kinds of which the run\'s graph must contain at least one.' }),
  lacks: z.array(text).exactOptional().meta({ description: 'Node kinds the run\'s graph must not contain.' }),
  modalities: z.array(text).exactOptional().meta({ description: 'Exactly the modalities the run read, e.g. ["image"].' }),
  strategy: text.exactOptional().meta({ description: 'Only fusion-arena runs of this strategy, e.g. "late".' }),
});

const range = z.strictObject(bounds);

/** A run in a check: the name of one of the lesson's "runs", or the description itself. */
const runRef = z.union([name, runRefSchema], { error: 'a run is the name of one of the lesson\'s "runs" or an object with a "label"' });

export interface GraphCheck {
  readonly type: 'graph';
  readonly has?: readonly string[];
  readonly hasAny?: readonly string[];
  readonly lacks?: readonly string[];
  readonly params?: { readonly kind: string; readonly min?: number; readonly max?: number };
  readonly modalities?: readonly string[];
}
export type RunRef = z.output<typeof runRefSchema>;
export type Condition = z.output<typeof conditionSchema>;
/** A run named in "runs", or described in place. */
export type RunRefField = string | RunRef;
export interface RunCheck {
  readonly type: 'run';
  readonly run: RunRefField;
  readonly expect: readonly Condition[];
}
export interface CompareCheck {
  readonly type: 'compare';
  readonly a: RunRefField;
  readonly b: RunRefField;
  readonly metric: Metric;
  readonly modality?: string;
  readonly ratio?: { readonly min?: number; readonly max?: number };
  readonly difference?: { readonly min?: number; readonly max?: number };
}
export interface AllCheck {
  readonly type: 'all';
  readonly checks: readonly Check[];
}
export type Check = GraphCheck | RunCheck | CompareCheck | AllCheck;

const graphCheck = z.strictObject({
  type: z.literal('graph'),
  has: z.array(text).exactOptional(),
  hasAny: z.array(text).exactOptional(),
  lacks: z.array(text).exactOptional(),
  params: z.strictObject({ kind: text, ...bounds }).exactOptional().meta({ description: 'Parameters of the nodes of one kind, summed.' }),
  modalities: z.array(text).exactOptional(),
});
const runCheck = z.strictObject({ type: z.literal('run'), run: runRef, expect: z.array(conditionSchema).min(1) });
const compareCheck = z.strictObject({
  type: z.literal('compare'),
  a: runRef,
  b: runRef,
  metric: z.enum(METRICS),
  modality: z.string().exactOptional(),
  ratio: range.exactOptional().meta({ description: 'Bounds on a ÷ b.' }),
  difference: range.exactOptional().meta({ description: 'Bounds on a − b.' }),
});

export const checkSchema: z.ZodType<Check> = z.lazy(() =>
  z.discriminatedUnion('type', [graphCheck, runCheck, compareCheck, z.strictObject({ type: z.literal('all'), checks: z.array(checkSchema).min(1) })]),
);

// ---------------------------------------------------------------- steps

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('load'), graph: name.meta({ description: 'A key of "graphs".' }) }),
  z.strictObject({ type: z.literal('train'), evaluateTest: z.boolean().exactOptional().meta({ description: 'Also evaluate on the test split.' }) }),
  z.strictObject({ type: z.literal('arena'), strategies: z.array(text).min(1) }),
  z.strictObject({ type: z.literal('edit'), solution: name.exactOptional().meta({ description: 'A key of "graphs" that "Do it for me" loads.' }) }),
  z.strictObject({ type: z.literal('dataset'), options: z.record(z.string(), paramValue) }),
  z.strictObject({ type: z.literal('observe'), tab: z.enum(['problems', 'training', 'attention', 'arena', 'runs']).exactOptional().meta({ description: 'A tab of the bottom dock to show.' }) }),
]);
export type LessonAction = z.output<typeof actionSchema>;

export const stepSchema = z.strictObject({
  title: text,
  instruction: text.meta({ description: 'What to do and what to look at.' }),
  action: z.union([actionSchema, z.array(actionSchema).min(1)]).meta({ description: 'What the learner does: one action, or several in order (e.g. load, then train).' }),
  check: checkSchema.exactOptional().meta({ description: 'Without a check, the learner moves on with Next.' }),
  success: text.meta({ description: 'Shown when the check passes: the confirmation.' }),
  hints: z.array(text).exactOptional().meta({ description: 'Shown when the result differs, before the lesson-wide reasons.' }),
});

export const DIFFERENCE_FACTORS = ['epochs', 'learningRate', 'batchSize', 'seed', 'dataset', 'earlyStopping', 'always'] as const;
export type DifferenceFactor = (typeof DIFFERENCE_FACTORS)[number];

const trainingOverrides = z.strictObject({
  optimizer: z.enum(['adam', 'sgd', 'rmsprop']).exactOptional(),
  learningRate: z.number().gt(0).max(1).exactOptional(),
  batchSize: z.int().min(1).max(4096).exactOptional(),
  epochs: z.int().min(1).max(1000).exactOptional(),
  seed: z.int().min(0).max(2147483647).exactOptional(),
  validationSplit: z.number().min(0).max(0.9).exactOptional(),
  earlyStoppingPatience: z.int().min(0).max(1000).exactOptional(),
});

export const lessonSchema = z.strictObject({
  format: z.literal(LESSON_FORMAT),
  version: z.literal(LESSON_VERSION),
  id: slug,
  title: text,
  summary: text.meta({ description: 'One line for the lesson list.' }),
  goal: text.meta({ description: 'What the learner will see for themselves.' }),
  minutes: z.int().min(1).max(240).exactOptional(),
  dataset: z.strictObject({ id: text, options: z.record(z.string(), paramValue).exactOptional() }),
  training: trainingOverrides.exactOptional(),
  graphs: z.record(name, lessonGraphSchema).refine((g) => Object.keys(g).length > 0, { error: 'a lesson needs at least one graph' }),
  runs: z.record(name, runRefSchema).exactOptional().meta({ description: 'Runs the checks name, e.g. "late": { "label": "late-fusion run", "has": ["fusion.late"] }.' }),
  start: name.exactOptional().meta({ description: 'The graph loaded when the lesson opens (default: the first).' }),
  steps: z.array(stepSchema).min(1),
  observation: text.meta({ description: 'The expected observation, in a sentence or two.' }),
  explanation: text.meta({ description: 'Why it happens.' }),
  differs: z
    .array(z.strictObject({ when: z.enum(DIFFERENCE_FACTORS), text }))
    .exactOptional()
    .meta({ description: 'Why a learner\'s result may differ, by cause.' }),
  references: z.array(text).exactOptional(),
});

export type Lesson = z.output<typeof lessonSchema>;
export type LessonStep = Lesson['steps'][number];
export type LessonGraphSource = z.output<typeof lessonGraphSchema>;

/** A step's actions as a list. */
export function stepActions(step: LessonStep): readonly LessonAction[] {
  return Array.isArray(step.action) ? step.action : [step.action as LessonAction];
}
