// The lesson slice: following a lesson loads its graphs (fitted to the dataset when the catalogue is
// known), steps move within range, and the steps are checked against the run history as runs finish.
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_LESSONS, lessonProject } from '../graph/lessons/index.ts';
import type { Lesson } from '../graph/lessons/index.ts';
import type { DatasetDescriptor } from '../graph/dataset.ts';
import type { RunRecord } from '../train/trainingProtocol.ts';
import { createAppStore } from './createAppStore.ts';
import type { AppStore } from './createAppStore.ts';
import { lessonRunOf, selectLessonResults, selectLessonRuns, selectLessonSteps, selectNewlyPassed } from './lessonSlice.ts';

const synergy = BUILTIN_LESSONS.find((l) => l.id === 'synergy') as Lesson;
const SYNERGY: DatasetDescriptor = {
  id: 'synthetic.synergy',
  title: 'Synergy: colour XOR chirp',
  source: 'synthetic',
  summary: '',
  description: '',
  credits: [],
  classes: ['match', 'mismatch'],
  modalities: [
    { name: 'image', kind: 'image', shape: [24, 24, 3], inputParams: { height: 24, width: 24, channels: 3 } },
    { name: 'audio', kind: 'audio', shape: [21, 33], inputParams: { sampleRate: 4000, clipSamples: 1024, frameLength: 64, frameStep: 48 } },
  ],
  size: 4000,
  splits: { train: 2800, validation: 600, test: 600 },
  options: [],
};

let store: AppStore;
const s = () => store.getState();

function record(graph: string, accuracy: number, finishedAt: number, strategy?: RunRecord['strategy']): RunRecord {
  const document = lessonProject(synergy, graph, SYNERGY);
  return {
    runId: `${graph}-${finishedAt}`,
    ...(strategy ? { strategy } : {}),
    document,
    datasetId: 'synthetic.synergy',
    settings: document.training,
    status: 'done',
    metrics: { validation: { samples: 300, loss: 0.5, accuracy }, test: null, paramCount: 12_000, epochs: 8, secondsPerEpoch: 0.4, backend: 'wasm' },
    ablation: [{ modality: 'image', accuracy: 0.5, contribution: accuracy - 0.5 }],
    history: [],
    earlyStop: null,
    startedAt: finishedAt - 4000,
    finishedAt,
  };
}

beforeEach(() => {
  store = createAppStore();
});

describe('lesson slice', () => {
  it('starts a lesson: opens the panel on step 1 and loads its start graph, fitted and bound to the data', () => {
    s().setCatalogue([SYNERGY]);
    s().startLesson(synergy, 'builtin');
    expect(s().lessonsOpen).toBe(true);
    expect(s().activeLesson).toMatchObject({ step: 0, source: 'builtin' });
    expect(s().doc.name).toBe('Synergy: what late fusion cannot learn: Late fusion');
    expect(s().doc.dataset).toEqual({ id: 'synthetic.synergy', options: { samples: 2000 }, bindings: { img: 'image', snd: 'audio' } });
    expect(s().doc.graph.nodes.find((n) => n.id === 'img')?.params).toEqual({ height: 24, width: 24, channels: 3 });
    // Undo brings back the project from before.
    s().undo();
    expect(s().doc.name).toBe('Untitled project');
  });

  it('loads the lesson’s other graphs, refuses unknown ones, and keeps the step in range', () => {
    s().startLesson(synergy, 'file');
    expect(s().loadLessonGraph('tensor')).toBe(true);
    expect(s().doc.graph.nodes.some((n) => n.kind === 'fusion.tensor')).toBe(true);
    expect(s().loadLessonGraph('nope')).toBe(false);
    s().setLessonStep(3);
    expect(s().activeLesson?.step).toBe(3);
    s().setLessonStep(99);
    expect(s().activeLesson?.step).toBe(synergy.steps.length - 1);
    s().setLessonStep(-2);
    expect(s().activeLesson?.step).toBe(0);
    s().leaveLesson();
    expect(s().activeLesson).toBeNull();
    expect(s().loadLessonGraph('tensor')).toBe(false);
    s().closeLessons();
    expect(s().lessonsOpen).toBe(false);
  });

  it('checks the steps against the run history as runs finish', () => {
    s().setCatalogue([SYNERGY]);
    s().startLesson(synergy, 'builtin');
    const statuses = () => selectLessonResults(s()).map((r) => r.status);
    expect(statuses()).toEqual(['pass', 'waiting', 'waiting', 'waiting', 'waiting']);
    expect(selectLessonResults(s())).toBe(selectLessonResults(s()));
    s().addRunRecords([record('late', 0.49, 1000)]);
    expect(statuses()).toEqual(['pass', 'pass', 'waiting', 'waiting', 'waiting']);
    s().loadLessonGraph('tensor');
    s().addRunRecords([record('tensor', 0.98, 2000)]);
    expect(statuses()).toEqual(['waiting', 'pass', 'pass', 'pass', 'pass']);
    const last = selectLessonResults(s())[4]?.check;
    expect(last?.runs.map((r) => r.runId)).toEqual(['late-1000', 'tensor-2000']);
  });

  it('keeps the attention a run recorded, and lesson runs carry it', () => {
    s().addRunRecords([record('tensor', 0.98, 2000, 'tensor')]);
    expect(selectLessonRuns(s())[0]?.attention).toBeUndefined();
    s().recordRunAttention('tensor-2000', { first: { image: 0.5, audio: 0.5 }, last: { image: 0.1, audio: 0.9 } });
    const run = selectLessonRuns(s())[0];
    expect(run?.attention).toEqual({ image: 0.1, audio: 0.9 });
    expect(run?.title).toBe('Tensor fusion (arena)');
    expect(run?.strategy).toBe('tensor');
    expect(lessonRunOf(record('late', 0.5, 1)).title).toBe('Synergy: what late fusion cannot learn: Late fusion');
  });

  it('keeps a step done once it passed, when the graph moves on; a run that now differs still shows', () => {
    s().setCatalogue([SYNERGY]);
    s().startLesson(synergy, 'builtin');
    expect(selectNewlyPassed(s())).toEqual([0]);
    s().markLessonStepsPassed(selectNewlyPassed(s()));
    expect(selectNewlyPassed(s())).toEqual([]);
    s().loadLessonGraph('tensor');
    // Step 1 checks for late fusion on the canvas: it waits now, but counts as done.
    expect(selectLessonResults(s())[0]?.status).toBe('waiting');
    expect(selectLessonSteps(s())[0]).toMatchObject({ status: 'pass', earlier: true });
    s().addRunRecords([record('late', 0.49, 1000)]);
    s().markLessonStepsPassed(selectNewlyPassed(s()));
    // Step 3 (the swap) holds too: the tensor model is on the canvas.
    expect(s().activeLesson?.passed).toEqual([0, 1, 2]);
    s().addRunRecords([record('late', 0.97, 2000)]);
    expect(selectLessonSteps(s())[1]).toMatchObject({ status: 'differs', earlier: false });
    s().markLessonStepsPassed([7, -1]);
    expect(s().activeLesson?.passed).toEqual([0, 1, 2]);
  });
});
