// The lesson slice: whether the lessons panel is open, the lesson being followed (which step is in
// front), and the attention weights the worker reported for each run (runs keep no probe values,
// and a lesson may check where the attention went). Lesson content and the checks themselves are
// pure (src/graph/lessons); the evaluation is a memoised selector over the document and the runs.
import type { StateCreator } from 'zustand/vanilla';
import { evaluateLesson, lessonProject } from '../graph/lessons/index.ts';
import type { Lesson, LessonRun, StepResult } from '../graph/lessons/index.ts';
import type { DatasetDescriptor } from '../graph/dataset.ts';
import { STRATEGY_TITLES } from '../train/trainingProtocol.ts';
import type { RunRecord } from '../train/trainingProtocol.ts';
import type { AppState } from './types.ts';

/** Where a lesson came from: shipped with the app, a teacher's file, or a link. */
export type LessonSource = 'builtin' | 'file' | 'link';

export interface ActiveLesson {
  readonly lesson: Lesson;
  readonly source: LessonSource;
  /** The step in front (0-based). */
  readonly step: number;
  /** Steps whose check has passed at some point (they stay done when the graph moves on). */
  readonly passed: readonly number[];
}

/** Mean attention weight per modality at the start and at the end of a run. */
export interface RunAttention {
  readonly first: Readonly<Record<string, number>>;
  readonly last: Readonly<Record<string, number>>;
}

export interface LessonSlice {
  /** The lessons panel is shown (the list, or the active lesson). */
  readonly lessonsOpen: boolean;
  readonly activeLesson: ActiveLesson | null;
  /** Attention per modality by runId (filled while runs train; not kept across reloads). */
  readonly runAttention: Readonly<Record<string, RunAttention>>;

  openLessons(): void;
  closeLessons(): void;
  /** Follow a lesson: open the panel on its first step and load its start graph (undoable). */
  startLesson(lesson: Lesson, source: LessonSource): void;
  /** Load one of the active lesson's graphs (undoable); false when there is no such graph. */
  loadLessonGraph(name: string): boolean;
  setLessonStep(step: number): void;
  /** Remember steps whose check passed (the lesson's progress). */
  markLessonStepsPassed(steps: readonly number[]): void;
  /** Stop following the lesson (back to the list; the graph stays). */
  leaveLesson(): void;
  /** Record where a finished run's attention went (once per run, when it finishes). */
  recordRunAttention(runId: string, attention: RunAttention): void;
}

/** Most runs whose attention is kept (oldest forgotten first). */
const ATTENTION_LIMIT = 60;

function descriptorOf(s: AppState, lesson: Lesson): DatasetDescriptor | undefined {
  return s.catalogue?.find((d) => d.id === lesson.dataset.id);
}

export const createLessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set, get) => ({
  lessonsOpen: false,
  activeLesson: null,
  runAttention: {},

  openLessons() {
    if (!get().lessonsOpen) set({ lessonsOpen: true });
  },

  closeLessons() {
    if (get().lessonsOpen) set({ lessonsOpen: false });
  },

  startLesson(lesson, source) {
    set({ lessonsOpen: true, activeLesson: { lesson, source, step: 0, passed: [] } });
    get().loadLessonGraph(lesson.start ?? Object.keys(lesson.graphs)[0] ?? '');
  },

  loadLessonGraph(name) {
    const s = get();
    const lesson = s.activeLesson?.lesson;
    if (lesson === undefined || lesson.graphs[name] === undefined) return false;
    s.loadProject(lessonProject(lesson, name, descriptorOf(s, lesson)));
    return true;
  },

  setLessonStep(step) {
    const active = get().activeLesson;
    if (active === null) return;
    const clamped = Math.max(0, Math.min(active.lesson.steps.length - 1, step));
    if (clamped !== active.step) set({ activeLesson: { ...active, step: clamped } });
  },

  markLessonStepsPassed(steps) {
    const active = get().activeLesson;
    if (active === null) return;
    const add = steps.filter((i) => !active.passed.includes(i) && i >= 0 && i < active.lesson.steps.length);
    if (add.length > 0) set({ activeLesson: { ...active, passed: [...active.passed, ...add].sort((a, b) => a - b) } });
  },

  leaveLesson() {
    if (get().activeLesson !== null) set({ activeLesson: null });
  },

  recordRunAttention(runId, attention) {
    const kept = Object.entries(get().runAttention).filter(([id]) => id !== runId).slice(-(ATTENTION_LIMIT - 1));
    set({ runAttention: { ...Object.fromEntries(kept), [runId]: attention } });
  },
});

// ---------------------------------------------------------------- runs as lessons see them

/** A finished run for the lesson checks (with its attention weights when they were recorded). */
export function lessonRunOf(r: RunRecord, attention?: RunAttention): LessonRun {
  return {
    runId: r.runId,
    title: r.strategy !== undefined ? `${STRATEGY_TITLES[r.strategy]} (arena)` : r.document.name || 'Untitled project',
    finishedAt: r.finishedAt,
    status: r.status,
    document: r.document,
    datasetId: r.datasetId,
    ...(r.strategy !== undefined ? { strategy: r.strategy } : {}),
    valAccuracy: r.metrics.validation?.accuracy ?? null,
    testAccuracy: r.metrics.test?.accuracy ?? null,
    paramCount: r.metrics.paramCount,
    secondsPerEpoch: r.metrics.secondsPerEpoch,
    epochs: r.metrics.epochs,
    ablation: r.ablation.map((a) => ({ modality: a.modality, accuracy: a.accuracy })),
    ...(attention !== undefined ? { attention: attention.last } : {}),
  };
}

// ---------------------------------------------------------------- selectors (module scope)

export const selectLessonsOpen = (s: AppState): boolean => s.lessonsOpen;
export const selectActiveLesson = (s: AppState): ActiveLesson | null => s.activeLesson;
export const selectRunAttention = (s: AppState): Readonly<Record<string, RunAttention>> => s.runAttention;

let runsCache: { history: readonly RunRecord[]; attention: AppState['runAttention']; out: readonly LessonRun[] } | null = null;
/** The run history as lesson runs (memoised on the history and the attention records). */
export const selectLessonRuns = (s: AppState): readonly LessonRun[] => {
  if (runsCache?.history === s.runHistory && runsCache.attention === s.runAttention) return runsCache.out;
  const out = s.runHistory.map((r) => lessonRunOf(r, s.runAttention[r.runId]));
  runsCache = { history: s.runHistory, attention: s.runAttention, out };
  return out;
};

let evalCache: { lesson: Lesson; doc: AppState['doc']; runs: readonly LessonRun[]; dataset: DatasetDescriptor | undefined; out: readonly StepResult[] } | null = null;
/** Every step of the active lesson checked against the document and the runs (empty without a lesson). */
export const selectLessonResults = (s: AppState): readonly StepResult[] => {
  const lesson = s.activeLesson?.lesson;
  if (lesson === undefined) return EMPTY;
  const runs = selectLessonRuns(s);
  const dataset = descriptorOf(s, lesson);
  const c = evalCache;
  if (c?.lesson === lesson && c.doc === s.doc && c.runs === runs && c.dataset === dataset) return c.out;
  const out = evaluateLesson(lesson, { doc: s.doc, runs, ...(dataset ? { dataset } : {}) });
  evalCache = { lesson, doc: s.doc, runs, dataset, out };
  return out;
};
const EMPTY: readonly StepResult[] = [];

/** A step as the panel shows it: its check now, and whether it counts as done. */
export interface LessonStepState extends StepResult {
  /** Passed earlier and still counted done, though the check no longer holds (the graph moved on). */
  readonly earlier: boolean;
}

let stepsCache: { results: readonly StepResult[]; passed: readonly number[]; out: readonly LessonStepState[] } | null = null;
/**
 * The steps as shown: a step that passed once stays done when its check now waits (the graph has
 * moved on to the next step); a run that now differs from the lesson still shows as different.
 */
export const selectLessonSteps = (s: AppState): readonly LessonStepState[] => {
  const results = selectLessonResults(s);
  const passed = s.activeLesson?.passed ?? [];
  if (stepsCache?.results === results && stepsCache.passed === passed) return stepsCache.out;
  const out = results.map((r, i): LessonStepState => {
    const earlier = r.status === 'waiting' && passed.includes(i);
    return { ...r, status: earlier ? 'pass' : r.status, earlier };
  });
  stepsCache = { results, passed, out };
  return out;
};

/** Steps whose check passes now but that are not yet remembered as passed. */
export const selectNewlyPassed = (s: AppState): readonly number[] => {
  const passed = s.activeLesson?.passed ?? [];
  return selectLessonResults(s).flatMap((r, i) => (r.status === 'pass' && !passed.includes(i) ? [i] : []));
};
