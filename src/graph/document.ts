// The project document: zod schema, parse (+ migrate), serialize, JSON Schema.
import { z } from 'zod';
import { canonicalPreprocessing, datasetBindingsSchema, datasetPreprocessingSchema } from './dataset.ts';
import { showValue } from './params.ts';
import {
  PROJECT_FORMAT,
  PROJECT_VERSION,
  type DatasetChoice,
  type Graph,
  type ParamValue,
  type ParseIssue,
  type ParseResult,
  type ProjectDocument,
  type TrainingSettings,
} from './types.ts';

/** The newest document version this build reads and writes. */
export const CURRENT_VERSION = PROJECT_VERSION;

/** `$id` of the published JSON Schema (public/schema/project-v1.schema.json). */
export const PROJECT_SCHEMA_ID = 'urn:fusion-designer:schema:project:v1';

export const DEFAULT_TRAINING: TrainingSettings = {
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 64,
  epochs: 10,
  seed: 42,
  validationSplit: 0.2,
  earlyStoppingPatience: 0,
};

/** Ranges the document accepts for training settings (inclusive; learningRate must be > 0). */
export const TRAINING_LIMITS = {
  learningRate: { min: 0, max: 1 },
  batchSize: { min: 1, max: 4096 },
  epochs: { min: 1, max: 1000 },
  seed: { min: 0, max: 2147483647 },
  validationSplit: { min: 0, max: 0.5 },
  earlyStoppingPatience: { min: 0, max: 1000 },
} as const;

// ---------------------------------------------------------------- schema

const L = TRAINING_LIMITS;
const id = z.string().min(1);
const paramValue = z.union([z.number(), z.string(), z.boolean()], { error: 'expected a number, a string or true/false' });

const nodeSchema = z
  .strictObject({
    id: id.meta({ description: 'Unique among nodes, e.g. "n3".' }),
    kind: id.meta({ description: 'Node kind id, e.g. "encoder.mlp". Unknown kinds parse but fail validation (FD001).' }),
    label: z.string().exactOptional().meta({ description: 'Optional user label shown instead of the kind title.' }),
    position: z.strictObject({ x: z.number(), y: z.number() }).meta({ description: 'Canvas position in pixels.' }),
    params: z.record(z.string(), paramValue).meta({ description: 'Parameter values by name; checked against the kind by validation (FD002).' }),
  })
  .meta({ description: 'A node of the model graph.' });

const edgeSchema = z
  .strictObject({
    id: id.meta({ description: 'Unique among edges, e.g. "e4".' }),
    source: id.meta({ description: 'Id of the node the edge leaves.' }),
    sourcePort: id.meta({ description: 'Output port name on the source node, e.g. "out".' }),
    target: id.meta({ description: 'Id of the node the edge enters.' }),
    targetPort: id.meta({ description: 'Input port name on the target node, e.g. "in".' }),
  })
  .meta({ description: 'A connection from one output port to one input port.' });

const graphSchema = z
  .strictObject({ nodes: z.array(nodeSchema), edges: z.array(edgeSchema) })
  .superRefine((g, ctx) => {
    for (const [list, field] of [
      [g.nodes, 'nodes'],
      [g.edges, 'edges'],
    ] as const) {
      const first = new Map<string, number>();
      list.forEach((item, i) => {
        const j = first.get(item.id);
        if (j === undefined) first.set(item.id, i);
        else
          ctx.addIssue({
            code: 'custom',
            path: [field, i, 'id'],
            message: `the id "${item.id}" is already used by graph.${field}[${j}]; every ${field === 'nodes' ? 'node' : 'edge'} needs its own id`,
          });
      });
    }
  });

const datasetSchema = z
  .strictObject({
    id: id.meta({ description: 'Dataset id, e.g. "avdigits" or "synthetic.synergy".' }),
    options: z.record(z.string(), paramValue).exactOptional().meta({ description: 'Dataset options, e.g. noise, missingRate, seed, samples.' }),
    preprocessing: datasetPreprocessingSchema.exactOptional(),
    bindings: datasetBindingsSchema.exactOptional(),
  })
  .nullable()
  .meta({ description: 'The dataset to train on, or null when none is chosen.' });

const trainingSchema = z.strictObject({
  optimizer: z.enum(['adam', 'sgd', 'rmsprop']),
  learningRate: z.number().gt(L.learningRate.min).max(L.learningRate.max),
  batchSize: z.int().min(L.batchSize.min).max(L.batchSize.max),
  epochs: z.int().min(L.epochs.min).max(L.epochs.max),
  seed: z.int().min(L.seed.min).max(L.seed.max),
  validationSplit: z.number().min(L.validationSplit.min).max(L.validationSplit.max),
  earlyStoppingPatience: z
    .int()
    .min(L.earlyStoppingPatience.min)
    .max(L.earlyStoppingPatience.max)
    .meta({ description: 'Epochs without validation improvement before stopping; 0 turns early stopping off.' }),
});

/** The zod schema of a current-version project document. */
export const projectSchema = z.strictObject({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  name: z.string().meta({ description: 'Project name shown in the title bar.' }),
  graph: graphSchema,
  dataset: datasetSchema,
  training: trainingSchema,
});

// Compile-time check that the schema's output fits the hand-written ProjectDocument type.
// (Optional fields come out as `T | undefined` in zod's type; exactOptional() never produces undefined at run time.)
type _SchemaFits = z.output<typeof projectSchema> extends ProjectDocument ? true : never;
const _schemaFits: _SchemaFits = true;
void _schemaFits;

/** The JSON Schema of the project format (draft 2020-12), as written to public/schema/project-v1.schema.json. */
export function projectJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(projectSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: PROJECT_SCHEMA_ID,
    title: 'Fusion Designer project (version 1)',
    description: 'A multimodal fusion model graph, its dataset choice and its training settings. See docs/project-format.md.',
    ...rest,
  };
}

// ---------------------------------------------------------------- migrations

/** Upgrades a raw document from version n to n + 1. Works on untyped JSON from older versions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Migration = (doc: any) => any;

/** Version n → migration to n + 1. Empty while only version 1 exists. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export class MigrationError extends Error {
  readonly from: number;
  constructor(from: number, message: string) {
    super(message);
    this.name = 'MigrationError';
    this.from = from;
  }
}

/**
 * Applies migrations[v], migrations[v + 1], … to a raw document at version v until it reaches
 * `target`, setting `version` after each step. Does not modify `raw`. Throws MigrationError when a
 * step is missing or fails.
 */
export function migrate(
  raw: Readonly<Record<string, unknown>>,
  migrations: Readonly<Record<number, Migration>>,
  target: number,
): Record<string, unknown> {
  const start = raw['version'];
  if (typeof start !== 'number' || !Number.isInteger(start)) throw new MigrationError(NaN, 'The document has no whole-number version.');
  let doc: Record<string, unknown> = structuredClone(raw) as Record<string, unknown>;
  for (let v = start; v < target; v++) {
    const step = migrations[v];
    if (!step) throw new MigrationError(v, `The project could not be upgraded: there is no migration from version ${v} to ${v + 1}.`);
    let next: unknown;
    try {
      next = step(doc);
    } catch (err) {
      throw new MigrationError(v, `The project could not be upgraded from version ${v} to ${v + 1}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      throw new MigrationError(v, `The project could not be upgraded from version ${v} to ${v + 1}: the migration returned no document.`);
    }
    doc = { ...(next as Record<string, unknown>), version: v + 1 };
  }
  return doc;
}

// ---------------------------------------------------------------- parse

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** ["graph", "nodes", 2, "position", "x"] → "graph.nodes[2].position.x" */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else {
      const key = String(seg);
      s += /^[A-Za-z_$][\w$]*$/.test(key) ? (s ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
    }
  }
  return s;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  null: 'null',
};

/** A zod error as readable issues: the field's path, what was expected and what was found. */
export function issuesFrom(error: z.ZodError, raw: unknown): ParseIssue[] {
  const out: ParseIssue[] = [];
  for (const iss of error.issues) {
    const path = formatPath(iss.path);
    const where = path || '(top level)';
    const value = valueAt(raw, iss.path);
    switch (iss.code) {
      case 'invalid_type': {
        const expected = EXPECTED[iss.expected] ?? iss.expected;
        out.push({
          path,
          message: value === undefined ? `${where}: this field is missing (expected ${expected})` : `${where}: expected ${expected}, got ${showValue(value)}`,
        });
        break;
      }
      case 'too_small':
      case 'too_big': {
        const small = iss.code === 'too_small';
        const bound = String(small ? iss.minimum : iss.maximum);
        if (iss.origin === 'string') {
          out.push({ path, message: small && bound === '1' ? `${where}: must not be empty` : `${where}: must be at ${small ? 'least' : 'most'} ${bound} characters long` });
        } else if (iss.origin === 'array') {
          out.push({ path, message: `${where}: must have at ${small ? 'least' : 'most'} ${bound} items` });
        } else {
          const rel = small ? (iss.inclusive ? 'at least' : 'greater than') : iss.inclusive ? 'at most' : 'less than';
          out.push({ path, message: `${where}: must be ${rel} ${bound}, got ${showValue(value)}` });
        }
        break;
      }
      case 'invalid_value':
        out.push({
          path,
          message: `${where}: expected ${iss.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${showValue(value)}`,
        });
        break;
      case 'unrecognized_keys':
        for (const key of iss.keys) {
          const p = formatPath([...iss.path, key]);
          out.push({ path: p, message: `${p}: unknown field; remove it or check its spelling` });
        }
        break;
      case 'invalid_union':
        out.push({ path, message: `${where}: ${iss.message}, got ${showValue(value)}` });
        break;
      default:
        out.push({ path, message: `${where}: ${iss.message}` });
    }
  }
  return out;
}

function failure(issues: readonly ParseIssue[]): ParseResult {
  const first = issues[0]?.message ?? 'The project could not be read.';
  const more = issues.length - 1;
  return { ok: false, message: more > 0 ? `${first} (and ${more} more problem${more === 1 ? '' : 's'})` : first, issues };
}

function fail1(path: string, message: string): ParseResult {
  return failure([{ path, message }]);
}

export interface ParseOptions {
  /** Migrations to apply (default MIGRATIONS). Tests inject fakes here. */
  readonly migrations?: Readonly<Record<number, Migration>>;
}

/**
 * Reads a project from a JSON string or an already-parsed value: checks format and version,
 * migrates older versions to CURRENT_VERSION, then validates the structure. Unknown node kinds
 * and graph problems are not parse errors (validateGraph reports them); duplicate ids are.
 */
export function parseProject(input: unknown): ParseResult {
  return parseProjectWith(input, {});
}

/** parseProject with injectable migrations. */
export function parseProjectWith(input: unknown, options: ParseOptions): ParseResult {
  const migrations = options.migrations ?? MIGRATIONS;
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return fail1('', `The file is not valid JSON: ${why}`);
    }
  }
  if (!isPlainObject(raw)) {
    return fail1('', `This is not a Fusion Designer project: it holds ${showValue(raw)} instead of an object.`);
  }
  const format = raw['format'];
  if (format !== PROJECT_FORMAT) {
    return fail1(
      'format',
      format === undefined
        ? `This is not a Fusion Designer project: it has no "format" field (a project has "format": "${PROJECT_FORMAT}").`
        : `This is not a Fusion Designer project: its "format" is ${showValue(format)} (a project has "format": "${PROJECT_FORMAT}").`,
    );
  }
  const version = raw['version'];
  if (version === undefined) {
    return fail1('version', `The project has no "version" field, so Fusion Designer can't tell how to read it. Add "version": ${CURRENT_VERSION} if it was made for this version.`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || (version < 1 && !(version in migrations))) {
    return fail1('version', `The project's "version" must be a whole number such as ${CURRENT_VERSION}; got ${showValue(version)}.`);
  }
  if (version > CURRENT_VERSION) {
    return fail1(
      'version',
      `This project was made by a newer version of Fusion Designer (version ${version}); this one reads up to version ${CURRENT_VERSION}. Update Fusion Designer to open it.`,
    );
  }
  let doc: Record<string, unknown>;
  try {
    doc = migrate(raw, migrations, CURRENT_VERSION);
  } catch (err) {
    return fail1('version', err instanceof Error ? err.message : String(err));
  }
  const parsed = projectSchema.safeParse(doc);
  if (!parsed.success) return failure(issuesFrom(parsed.error, doc));
  const document = parsed.data as ProjectDocument;
  return version < CURRENT_VERSION ? { ok: true, document, migratedFrom: version } : { ok: true, document };
}

// ---------------------------------------------------------------- serialize

function sortedRecord(r: Readonly<Record<string, ParamValue>>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k] as ParamValue;
  return out;
}

function sortedBy<T, U>(r: Readonly<Record<string, T>>, f: (v: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const k of Object.keys(r).sort()) out[k] = f(r[k] as T);
  return out;
}

function canonicalDataset(d: DatasetChoice | null): unknown {
  if (d === null) return null;
  return {
    id: d.id,
    ...(d.options === undefined ? {} : { options: sortedRecord(d.options) }),
    ...(d.preprocessing === undefined ? {} : { preprocessing: sortedBy(d.preprocessing, canonicalPreprocessing) }),
    ...(d.bindings === undefined ? {} : { bindings: sortedBy(d.bindings, (v) => v) }),
  };
}

function canonicalGraph(g: Graph): unknown {
  return {
    nodes: g.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      ...(n.label === undefined ? {} : { label: n.label }),
      position: { x: n.position.x, y: n.position.y },
      params: sortedRecord(n.params),
    })),
    edges: g.edges.map((e) => ({ id: e.id, source: e.source, sourcePort: e.sourcePort, target: e.target, targetPort: e.targetPort })),
  };
}

/** The document with a fixed key order and nothing but its own fields (params sorted by name). */
export function canonicalProject(doc: ProjectDocument): unknown {
  const t = doc.training;
  return {
    format: doc.format,
    version: doc.version,
    name: doc.name,
    graph: canonicalGraph(doc.graph),
    dataset: canonicalDataset(doc.dataset),
    training: {
      optimizer: t.optimizer,
      learningRate: t.learningRate,
      batchSize: t.batchSize,
      epochs: t.epochs,
      seed: t.seed,
      validationSplit: t.validationSplit,
      earlyStoppingPatience: t.earlyStoppingPatience,
    },
  };
}

/** Stable, pretty (2-space) JSON ending in a newline: the same document always gives the same text. */
export function serializeProject(doc: ProjectDocument): string {
  return `${JSON.stringify(canonicalProject(doc), null, 2)}\n`;
}

/** An empty project: no nodes, no dataset, default training settings. */
export function newProject(name = 'Untitled project'): ProjectDocument {
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name,
    graph: { nodes: [], edges: [] },
    dataset: null,
    training: { ...DEFAULT_TRAINING },
  };
}
