// From a lesson's data to project documents: a graph source (template, compact nodes + edges, or a
// whole project) becomes a laid-out Graph, and a lesson graph becomes the project the editor
// loads, with the lesson's dataset, its bindings and its training settings.
import { applyParamChanges, fitGraphToDataset } from '../dataset.ts';
import type { DatasetDescriptor } from '../dataset.ts';
import { DEFAULT_TRAINING, newProject, parseProject } from '../document.ts';
import { autoLayout } from '../layout.ts';
import { defaultParams } from '../params.ts';
import { getKind } from '../registry.ts';
import { TEMPLATES } from '../templates.ts';
import type { DatasetChoice, Graph, GraphEdge, GraphNode, ProjectDocument, TrainingSettings } from '../types.ts';
import type { Lesson, LessonGraphSource } from './schema.ts';

/** A graph source that could not be built: where (e.g. "graphs.late.edges[2]") and what to do. */
export class LessonGraphError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'LessonGraphError';
  }
}

/** Builds the graph of one source; `path` names it in errors (e.g. "graphs.late"). Throws LessonGraphError. */
export function buildLessonGraph(source: LessonGraphSource, path: string): Graph {
  if ('template' in source) {
    const t = TEMPLATES.find((x) => x.id === source.template);
    if (t === undefined) {
      throw new LessonGraphError(`${path}.template`, `there is no template "${source.template}"; use one of ${TEMPLATES.map((x) => `"${x.id}"`).join(', ')}`);
    }
    return t.build().graph;
  }
  if ('project' in source) {
    const parsed = parseProject(source.project);
    if (!parsed.ok) throw new LessonGraphError(`${path}.project`, `the project could not be read: ${parsed.message}`);
    return parsed.document.graph;
  }
  const seen = new Set<string>();
  const nodes = source.nodes.map((n, i): GraphNode => {
    if (seen.has(n.id)) throw new LessonGraphError(`${path}.nodes[${i}].id`, `the node id "${n.id}" is used twice; give every node its own id`);
    seen.add(n.id);
    const kind = getKind(n.kind);
    if (kind !== undefined) {
      const unknown = Object.keys(n.params ?? {}).filter((p) => !kind.params.some((s) => s.name === p));
      if (unknown.length > 0) {
        const known = kind.params.map((s) => s.name).join(', ') || 'none';
        throw new LessonGraphError(`${path}.nodes[${i}].params`, `${n.kind} has no parameter ${unknown.map((p) => `"${p}"`).join(', ')} (its parameters: ${known})`);
      }
    }
    return {
      id: n.id,
      kind: n.kind,
      ...(n.label === undefined ? {} : { label: n.label }),
      position: n.position ?? { x: 0, y: 0 },
      params: { ...(kind ? defaultParams(kind) : {}), ...n.params },
    };
  });
  const edges = source.edges.map((e, i): GraphEdge => {
    const [s, t, sp, tp] = Array.isArray(e) ? [e[0], e[1], 'out', 'in'] : [e.source, e.target, e.sourcePort ?? 'out', e.targetPort ?? 'in'];
    for (const end of [s, t]) {
      if (!seen.has(end)) throw new LessonGraphError(`${path}.edges[${i}]`, `the edge names the node "${end}", which this graph does not have`);
    }
    return { id: `e${i + 1}`, source: s, sourcePort: sp, target: t, targetPort: tp };
  });
  const graph: Graph = { nodes, edges };
  return source.nodes.every((n) => n.position !== undefined) ? graph : autoLayout(graph);
}

/** The lesson's training settings (its overrides on the defaults). */
export function lessonTraining(lesson: Lesson): TrainingSettings {
  return { ...DEFAULT_TRAINING, ...lesson.training };
}

/** The lesson's dataset choice (id and options, without bindings). */
export function lessonDatasetChoice(lesson: Lesson): DatasetChoice {
  const options = lesson.dataset.options;
  return options === undefined || Object.keys(options).length === 0 ? { id: lesson.dataset.id } : { id: lesson.dataset.id, options };
}

/** The graph names in order: the start graph first is not implied; the lesson's own order. */
export function lessonGraphNames(lesson: Lesson): string[] {
  return Object.keys(lesson.graphs);
}

/** The graph the lesson opens with. */
export function startGraphName(lesson: Lesson): string {
  return lesson.start ?? lessonGraphNames(lesson)[0] ?? '';
}

/**
 * The project the editor loads for one of the lesson's graphs: the graph, the lesson's dataset
 * (with the input bindings and the input/head params that fit it, when its descriptor is known)
 * and the lesson's training settings. Throws LessonGraphError for an unknown name or a bad source.
 */
export function lessonProject(lesson: Lesson, graphName: string, dataset?: DatasetDescriptor): ProjectDocument {
  const source = lesson.graphs[graphName];
  if (source === undefined) throw new LessonGraphError('graphs', `the lesson has no graph "${graphName}"; it has ${lessonGraphNames(lesson).join(', ')}`);
  let graph = buildLessonGraph(source, `graphs.${graphName}`);
  let choice = lessonDatasetChoice(lesson);
  if (dataset !== undefined && dataset.id === choice.id) {
    const fit = fitGraphToDataset(graph, dataset.modalities, dataset.classes.length);
    graph = applyParamChanges(graph, fit.changes);
    if (Object.keys(fit.bindings).length > 0) choice = { ...choice, bindings: fit.bindings };
  }
  return { ...newProject(`${lesson.title}: ${source.title}`), graph, dataset: choice, training: lessonTraining(lesson) };
}
