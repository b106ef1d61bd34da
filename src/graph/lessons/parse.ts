// Reading a lesson file: JSON, the format and version, the schema (zod), then what the schema
// cannot see: every graph builds and validates without errors, steps name graphs that exist,
// checks name registered node kinds, conditions have bounds. With the dataset catalogue it also
// checks the dataset, its options and the modality names.
import type { DatasetDescriptor } from '../dataset.ts';
import { issuesFrom } from '../document.ts';
import { checkParam } from '../params.ts';
import { isNodeKindId } from '../registry.ts';
import type { ParseIssue } from '../types.ts';
import { validateGraph } from '../validate.ts';
import { LessonGraphError, buildLessonGraph } from './resolve.ts';
import { LESSON_FORMAT, LESSON_VERSION, MODALITY_METRICS, lessonSchema, stepActions } from './schema.ts';
import type { Check, Lesson, RunRef, RunRefField } from './schema.ts';

export type LessonParseResult = { readonly ok: true; readonly lesson: Lesson } | { readonly ok: false; readonly message: string; readonly issues: readonly ParseIssue[] };

function failure(issues: readonly ParseIssue[]): LessonParseResult {
  const first = issues[0]?.message ?? 'The lesson could not be read.';
  const more = issues.length - 1;
  return { ok: false, message: more > 0 ? `${first} (and ${more} more problem${more === 1 ? '' : 's'})` : first, issues };
}

function kindIssues(kinds: readonly string[] | undefined, path: string): ParseIssue[] {
  return (kinds ?? []).flatMap((k, i) => (isNodeKindId(k) ? [] : [{ path: `${path}[${i}]`, message: `${path}[${i}]: "${k}" is not a node kind (see docs/nodes.md for the ids)` }]));
}

function refIssues(field: RunRefField, path: string, modalities: ReadonlySet<string> | null, runs: ReadonlySet<string>): ParseIssue[] {
  if (typeof field === 'string') {
    return runs.has(field) ? [] : [{ path, message: `${path}: the lesson has no run "${field}" in "runs" (it has ${[...runs].join(', ') || 'none'})` }];
  }
  return refShapeIssues(field, path, modalities);
}

function refShapeIssues(ref: RunRef, path: string, modalities: ReadonlySet<string> | null): ParseIssue[] {
  const out = [...kindIssues(ref.has, `${path}.has`), ...kindIssues(ref.hasAny, `${path}.hasAny`), ...kindIssues(ref.lacks, `${path}.lacks`)];
  if (modalities) out.push(...modalityIssues(ref.modalities, `${path}.modalities`, modalities));
  return out;
}

function modalityIssues(names: readonly string[] | undefined, path: string, modalities: ReadonlySet<string>): ParseIssue[] {
  return (names ?? []).flatMap((m, i) =>
    modalities.has(m) ? [] : [{ path: `${path}[${i}]`, message: `${path}[${i}]: the dataset has no modality "${m}" (it has ${[...modalities].join(', ')})` }],
  );
}

function boundIssues(b: { min?: number; max?: number } | undefined, path: string): ParseIssue[] {
  if (b === undefined) return [];
  if (b.min === undefined && b.max === undefined) return [{ path, message: `${path}: give "min", "max" or both` }];
  if (b.min !== undefined && b.max !== undefined && b.min > b.max) return [{ path, message: `${path}: "min" (${b.min}) is above "max" (${b.max})` }];
  return [];
}

function checkIssues(check: Check, path: string, modalities: ReadonlySet<string> | null, runs: ReadonlySet<string>): ParseIssue[] {
  switch (check.type) {
    case 'graph': {
      const out = [...kindIssues(check.has, `${path}.has`), ...kindIssues(check.hasAny, `${path}.hasAny`), ...kindIssues(check.lacks, `${path}.lacks`)];
      if (check.params) {
        out.push(...kindIssues([check.params.kind], `${path}.params.kind`), ...boundIssues(check.params, `${path}.params`));
      }
      if (modalities) out.push(...modalityIssues(check.modalities, `${path}.modalities`, modalities));
      return out;
    }
    case 'run':
      return [
        ...refIssues(check.run, `${path}.run`, modalities, runs),
        ...check.expect.flatMap((c, i) => {
          const p = `${path}.expect[${i}]`;
          const out = boundIssues(c, p);
          if (MODALITY_METRICS.has(c.metric) && c.modality === undefined) out.push({ path: p, message: `${p}: the metric "${c.metric}" needs "modality"` });
          if (modalities && c.modality !== undefined) out.push(...modalityIssues([c.modality], `${p}.modality`, modalities));
          return out;
        }),
      ];
    case 'compare': {
      const out = [...refIssues(check.a, `${path}.a`, modalities, runs), ...refIssues(check.b, `${path}.b`, modalities, runs)];
      if (check.ratio === undefined && check.difference === undefined) out.push({ path, message: `${path}: give "ratio", "difference" or both` });
      out.push(...boundIssues(check.ratio, `${path}.ratio`), ...boundIssues(check.difference, `${path}.difference`));
      if (MODALITY_METRICS.has(check.metric) && check.modality === undefined) out.push({ path, message: `${path}: the metric "${check.metric}" needs "modality"` });
      return out;
    }
    case 'all':
      return check.checks.flatMap((c, i) => checkIssues(c, `${path}.checks[${i}]`, modalities, runs));
  }
}

/**
 * What is wrong with a lesson beyond its schema: graphs that do not build or validate, unknown
 * graph names, node kinds, modalities, dataset options, and conditions without bounds. With
 * `datasets` (the catalogue) the dataset must exist too. Empty when the lesson is sound.
 */
export function lessonProblems(lesson: Lesson, datasets?: readonly DatasetDescriptor[]): ParseIssue[] {
  const out: ParseIssue[] = [];
  const graphs = new Set(Object.keys(lesson.graphs));
  for (const [name, source] of Object.entries(lesson.graphs)) {
    try {
      const graph = buildLessonGraph(source, `graphs.${name}`);
      for (const d of validateGraph(graph)) {
        if (d.severity === 'error') out.push({ path: `graphs.${name}`, message: `graphs.${name}: ${d.number} ${d.message}` });
      }
    } catch (err) {
      if (!(err instanceof LessonGraphError)) throw err;
      out.push({ path: err.path, message: `${err.path}: ${err.message}` });
    }
  }
  if (lesson.start !== undefined && !graphs.has(lesson.start)) out.push({ path: 'start', message: `start: the lesson has no graph "${lesson.start}"` });

  let modalities: ReadonlySet<string> | null = null;
  if (datasets !== undefined) {
    const d = datasets.find((x) => x.id === lesson.dataset.id);
    if (d === undefined) {
      out.push({ path: 'dataset.id', message: `dataset.id: there is no dataset "${lesson.dataset.id}" (there are ${datasets.map((x) => x.id).join(', ')})` });
    } else {
      modalities = new Set(d.modalities.map((m) => m.name));
      for (const [key, value] of Object.entries(lesson.dataset.options ?? {})) {
        const spec = d.options.find((o) => o.name === key);
        const problem = spec === undefined ? `“${d.title}” has no option "${key}" (it has ${d.options.map((o) => o.name).join(', ')})` : checkParam(spec, value);
        if (problem !== null) out.push({ path: `dataset.options.${key}`, message: `dataset.options.${key}: ${problem}` });
      }
    }
  }

  const runs = new Set(Object.keys(lesson.runs ?? {}));
  for (const [key, ref] of Object.entries(lesson.runs ?? {})) out.push(...refShapeIssues(ref, `runs.${key}`, modalities));
  lesson.steps.forEach((step, i) => {
    const p = `steps[${i}]`;
    for (const a of stepActions(step)) {
      const named = a.type === 'load' ? a.graph : a.type === 'edit' ? a.solution : undefined;
      if (named !== undefined && !graphs.has(named)) out.push({ path: `${p}.action`, message: `${p}.action: the lesson has no graph "${named}" (it has ${[...graphs].join(', ')})` });
    }
    if (step.check) out.push(...checkIssues(step.check, `${p}.check`, modalities, runs));
  });
  return out;
}

/** Reads a lesson from JSON text or a parsed value; `datasets` (the catalogue) also checks the dataset. */
export function parseLesson(input: unknown, datasets?: readonly DatasetDescriptor[]): LessonParseResult {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return failure([{ path: '', message: `The lesson file is not valid JSON: ${why}` }]);
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as Record<string, unknown>)['format'] !== LESSON_FORMAT) {
    return failure([{ path: 'format', message: `This is not a Fusion Designer lesson: a lesson file starts with "format": "${LESSON_FORMAT}" (see docs/lessons.md).` }]);
  }
  const version = (raw as Record<string, unknown>)['version'];
  if (typeof version === 'number' && version > LESSON_VERSION) {
    return failure([{ path: 'version', message: `This lesson was written for a newer version of Fusion Designer (lesson format ${version}; this one reads ${LESSON_VERSION}). Update the app to open it.` }]);
  }
  const parsed = lessonSchema.safeParse(raw);
  if (!parsed.success) return failure(issuesFrom(parsed.error, raw));
  const problems = lessonProblems(parsed.data, datasets);
  if (problems.length > 0) return failure(problems);
  return { ok: true, lesson: parsed.data };
}
