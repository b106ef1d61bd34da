// What the lesson panel's buttons do: a step's actions (load a graph, train, run the arena, set a
// dataset option, open a dock tab), starting lessons from the built-ins, a file or a link, and
// making a lesson's link. Plain functions over the store and the run actions.
import { BUILTIN_LESSONS, decodeLessonHash, encodeLessonHash, isLessonHash, parseLesson } from '../../graph/lessons/index.ts';
import type { Lesson, LessonAction, LessonParseResult } from '../../graph/lessons/index.ts';
import { appStore, selectRunActive } from '../../store/index.ts';
import type { DockTab, LessonSource } from '../../store/index.ts';
import { FUSION_STRATEGIES } from '../../train/trainingProtocol.ts';
import type { FusionStrategy } from '../../train/trainingProtocol.ts';
import { actions } from '../hooks/useAppStore.ts';
import { startArena, startTrainingWith } from '../train/runActions.ts';

const isStrategy = (s: string): s is FusionStrategy => (FUSION_STRATEGIES as readonly string[]).includes(s);

/** Arena strategies a lesson names that this version does not have. */
export function unknownStrategies(lesson: Lesson): string[] {
  return lesson.steps.flatMap((step) => (Array.isArray(step.action) ? step.action : [step.action]).flatMap((a: LessonAction) => (a.type === 'arena' ? a.strategies.filter((s) => !isStrategy(s)) : [])));
}

/** parseLesson with the catalogue (when the worker has sent it) and the arena's strategies. */
export function readLesson(input: unknown): LessonParseResult {
  const parsed = parseLesson(input, actions().catalogue ?? undefined);
  if (!parsed.ok) return parsed;
  const unknown = unknownStrategies(parsed.lesson);
  if (unknown.length === 0) return parsed;
  const message = `The lesson runs the arena with ${unknown.map((s) => `"${s}"`).join(', ')}, which this version does not have (it has ${FUSION_STRATEGIES.join(', ')}).`;
  return { ok: false, message, issues: [{ path: 'steps', message }] };
}

/** How long a lesson waits for the worker's dataset catalogue before loading its graph anyway. */
const CATALOGUE_WAIT_MS = 10_000;

/** Resolves once the worker has sent the dataset catalogue (or after CATALOGUE_WAIT_MS). */
function catalogueReady(): Promise<void> {
  if (actions().catalogue !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, CATALOGUE_WAIT_MS);
    const unsubscribe = appStore.subscribe((s) => {
      if (s.catalogue !== null) done();
    });
  });
}

/**
 * Follow a lesson: its first step, its start graph on the canvas (Undo brings the project back).
 * Waits for the dataset catalogue, so the graph's inputs and heads are fitted to the lesson's data.
 */
export async function beginLesson(lesson: Lesson, source: LessonSource): Promise<void> {
  actions().openLessons();
  await catalogueReady();
  const s = actions();
  s.startLesson(lesson, source);
  s.pushToast('info', `Lesson “${lesson.title}” loaded its model. Undo brings back your previous project.`);
}

const TAB_TITLES = { problems: 'Problems', training: 'Training', attention: 'Attention', arena: 'the Fusion arena', runs: 'Runs' } as const;

/** The label of an action's button. */
export function actionLabel(action: LessonAction, lesson: Lesson): string {
  switch (action.type) {
    case 'load':
      return `Load “${lesson.graphs[action.graph]?.title ?? action.graph}”`;
    case 'train':
      return 'Train';
    case 'arena':
      return 'Run the arena';
    case 'edit':
      return action.solution === undefined ? 'Edit the graph' : 'Do it for me';
    case 'dataset':
      return `Set ${Object.entries(action.options)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ')}`;
    case 'observe':
      return action.tab === undefined ? 'Look' : `Show ${TAB_TITLES[action.tab]}`;
  }
}

/** Whether an action has a button (editing by hand without a solution has none). */
export function hasButton(action: LessonAction): boolean {
  return !(action.type === 'edit' && action.solution === undefined) && !(action.type === 'observe' && action.tab === undefined);
}

/** Performs one of a step's actions. */
export function performAction(action: LessonAction): void {
  const s = actions();
  switch (action.type) {
    case 'load':
      s.loadLessonGraph(action.graph);
      return;
    case 'edit':
      if (action.solution !== undefined) s.loadLessonGraph(action.solution);
      return;
    case 'train':
      startTrainingWith(action.evaluateTest === true ? { evaluateTest: true } : {});
      return;
    case 'arena':
      startArena(action.strategies.filter(isStrategy));
      return;
    case 'dataset':
      for (const [name, value] of Object.entries(action.options)) s.setDatasetOption(name, value);
      return;
    case 'observe':
      if (action.tab !== undefined) s.setDockTab(action.tab as DockTab);
      return;
  }
}

/** Why an action's button is disabled now, or null. */
export function actionBlocker(action: LessonAction): string | null {
  if ((action.type === 'train' || action.type === 'arena') && selectRunActive(actions())) return 'A run is in progress: wait for it to finish.';
  return null;
}

// ---------------------------------------------------------------- files and links

/** Opens a .lesson.json file; a broken one is explained in the banner. */
export async function openLessonFile(file: File): Promise<boolean> {
  const s = actions();
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    s.showBanner({ kind: 'error', title: `Could not read ${file.name}`, message: error instanceof Error ? error.message : String(error) });
    return false;
  }
  const parsed = readLesson(text);
  if (!parsed.ok) {
    s.showBanner({
      kind: 'error',
      title: `Could not open the lesson ${file.name}`,
      message: `${parsed.message} See docs/lessons.md for the format.`,
      details: parsed.issues.slice(0, 8).map((i) => i.message),
    });
    return false;
  }
  s.dismissBanner();
  await beginLesson(parsed.lesson, 'file');
  return true;
}

/** The link that opens this lesson (a built-in by id, any other whole). Throws when too big. */
export function lessonUrl(lesson: Lesson, source: LessonSource): string {
  const builtin = source === 'builtin' && BUILTIN_LESSONS.some((l) => l.id === lesson.id);
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}${encodeLessonHash(lesson, builtin)}`;
}

function clearHash(): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}

/** Opens the lesson in the address bar's "#lesson=…", if any (at start-up and on hashchange). */
export function openLessonFromHash(hash: string): void {
  if (!isLessonHash(hash)) return;
  clearHash();
  const decoded = decodeLessonHash(hash, BUILTIN_LESSONS, actions().catalogue ?? undefined);
  if (!decoded.ok) {
    actions().showBanner({ kind: 'error', title: 'Could not open the lesson link', message: decoded.message, details: decoded.issues.slice(0, 8).map((i) => i.message) });
    actions().openLessons();
    return;
  }
  void beginLesson(decoded.lesson, BUILTIN_LESSONS.includes(decoded.lesson) ? 'builtin' : 'link');
}
