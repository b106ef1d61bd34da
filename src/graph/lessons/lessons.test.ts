import { describe, expect, it } from 'vitest';
import { newProject } from '../document.ts';
import { validateGraph } from '../validate.ts';
import type { ProjectDocument } from '../types.ts';
import {
  BUILTIN_LESSONS,
  BUILTIN_LESSON_FILES,
  attentionFromProbe,
  decodeLessonHash,
  encodeLessonHash,
  evaluateCheck,
  evaluateLesson,
  lessonProject,
  parseLesson,
  stepActions,
  type Check,
  type Lesson,
  type LessonRun,
} from './index.ts';

const synergy = BUILTIN_LESSONS.find((l) => l.id === 'synergy') as Lesson;

/** A finished run of one of the lesson's graphs, with the lesson's settings unless overridden. */
function run(lesson: Lesson, graph: string, over: Partial<LessonRun> = {}, training: Partial<ProjectDocument['training']> = {}): LessonRun {
  const doc = lessonProject(lesson, graph);
  return {
    runId: `${graph}-${over.finishedAt ?? 1}`,
    title: doc.name,
    finishedAt: 1,
    status: 'done',
    document: { ...doc, training: { ...doc.training, ...training } },
    datasetId: lesson.dataset.id,
    valAccuracy: 0.5,
    testAccuracy: null,
    paramCount: 1000,
    secondsPerEpoch: 1,
    epochs: doc.training.epochs,
    ablation: [],
    ...over,
  };
}

/** The lesson's JSON with a change, parsed. */
function edited(change: (raw: Record<string, unknown>) => void): ReturnType<typeof parseLesson> {
  const raw = structuredClone(BUILTIN_LESSON_FILES[1]?.json) as Record<string, unknown>;
  change(raw);
  return parseLesson(raw);
}

describe('built-in lessons', () => {
  it('has at least six lessons, each file valid, with unique ids', () => {
    expect(BUILTIN_LESSON_FILES.length).toBeGreaterThanOrEqual(6);
    for (const f of BUILTIN_LESSON_FILES) {
      const parsed = parseLesson(f.json);
      expect(parsed.ok ? [] : parsed.issues, f.file).toEqual([]);
    }
    expect(new Set(BUILTIN_LESSONS.map((l) => l.id)).size).toBe(BUILTIN_LESSONS.length);
  });

  it('builds every graph of every lesson without validation errors', () => {
    for (const lesson of BUILTIN_LESSONS) {
      for (const name of Object.keys(lesson.graphs)) {
        const doc = lessonProject(lesson, name);
        const errors = validateGraph(doc.graph).filter((d) => d.severity === 'error');
        expect(errors, `${lesson.id}: ${name}`).toEqual([]);
        expect(doc.dataset?.id).toBe(lesson.dataset.id);
        expect(doc.graph.nodes.length).toBeGreaterThan(1);
      }
    }
  });

  it('gives every lesson a reason in two sentences or so, and steps that can be checked', () => {
    for (const lesson of BUILTIN_LESSONS) {
      const sentences = lesson.explanation.split(/(?<=[.!?])\s+(?=[A-Z])/);
      expect(sentences.length, lesson.id).toBeGreaterThanOrEqual(2);
      expect(sentences.length, lesson.id).toBeLessThanOrEqual(3);
      expect(lesson.steps.filter((s) => s.check !== undefined).length, lesson.id).toBeGreaterThanOrEqual(2);
      expect(lesson.steps.flatMap(stepActions).some((a) => a.type === 'train'), lesson.id).toBe(true);
      expect(lesson.differs?.map((d) => d.when), lesson.id).toEqual(expect.arrayContaining(['epochs', 'learningRate', 'seed']));
    }
  });
});

describe('parseLesson', () => {
  it('says where a lesson file is wrong and what to do', () => {
    const bad = (r: ReturnType<typeof parseLesson>) => (r.ok ? [] : r.issues.map((i) => i.message));
    expect(bad(parseLesson('{ nope'))[0]).toMatch(/^The lesson file is not valid JSON/);
    expect(bad(parseLesson({ format: 'fusion-designer.project' }))[0]).toMatch(/not a Fusion Designer lesson/);
    expect(bad(edited((r) => (r['version'] = 9)))[0]).toMatch(/newer version of Fusion Designer \(lesson format 9/);
    expect(bad(edited((r) => delete r['goal']))).toContain('goal: this field is missing (expected a string)');
    expect(bad(edited((r) => (r['start'] = 'nope')))).toContain('start: the lesson has no graph "nope"');
    expect(
      bad(
        edited((r) => {
          const g = (r['graphs'] as Record<string, { nodes: { kind: string }[] }>)['late'];
          if (g?.nodes[2]) g.nodes[2].kind = 'encoder.cnn3d';
        }),
      ).some((m) => m.startsWith('graphs.late: FD') && m.includes('encoder.cnn3d')),
    ).toBe(true);
    expect(
      bad(
        edited((r) => {
          const g = (r['graphs'] as Record<string, { nodes: { params?: Record<string, unknown> }[] }>)['late'];
          if (g?.nodes[3]) g.nodes[3].params = { hiden: 3 };
        }),
      ),
    ).toEqual([expect.stringMatching(/^graphs\.late\.nodes\[3\]\.params: encoder\.mlp has no parameter "hiden" \(its parameters: layers, units/)]);
    const steps = () => (BUILTIN_LESSON_FILES[1]?.json as { steps: unknown[] }).steps;
    expect(
      bad(
        edited((r) => {
          r['steps'] = [...steps(), { title: 't', instruction: 'i', success: 's', action: { type: 'load', graph: 'nope' }, check: { type: 'run', run: 'nobody', expect: [{ metric: 'attention' }] } }];
        }),
      ),
    ).toEqual([
      'steps[5].action: the lesson has no graph "nope" (it has late, tensor)',
      'steps[5].check.run: the lesson has no run "nobody" in "runs" (it has late, interaction)',
      'steps[5].check.expect[0]: give "min", "max" or both',
      'steps[5].check.expect[0]: the metric "attention" needs "modality"',
    ]);
  });

  it('with the dataset catalogue, checks the dataset, its options and modality names', () => {
    const catalogue = [
      {
        id: 'synthetic.synergy',
        title: 'Synergy',
        source: 'synthetic' as const,
        summary: '',
        description: '',
        credits: [],
        classes: ['match', 'mismatch'],
        modalities: [
          { name: 'image', kind: 'image' as const, shape: [24, 24, 3], inputParams: { height: 24, width: 24, channels: 3 } },
          { name: 'audio', kind: 'audio' as const, shape: [21, 33], inputParams: {} },
        ],
        size: 4000,
        splits: { train: 1, validation: 1, test: 1 },
        options: [{ name: 'samples', label: 'Samples', kind: 'int' as const, default: 4000, min: 200, max: 20000 }],
      },
    ];
    expect(parseLesson(BUILTIN_LESSON_FILES[1]?.json, catalogue).ok).toBe(true);
    const raw = structuredClone(BUILTIN_LESSON_FILES[1]?.json) as Lesson;
    const r = parseLesson({ ...raw, dataset: { id: 'synthetic.synergy', options: { samples: 50, noise: 1 } }, runs: { ...raw.runs, img: { label: 'x', modalities: ['pixels'] } } }, catalogue);
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
      'dataset.options.samples: Samples must be a whole number between 200 and 20000; got 50.',
      'dataset.options.noise: “Synergy” has no option "noise" (it has samples)',
      'runs.img.modalities[0]: the dataset has no modality "pixels" (it has image, audio)',
    ]);
    expect(parseLesson({ ...raw, dataset: { id: 'nope' } }, catalogue).ok).toBe(false);
  });
});

describe('checks', () => {
  const ctx = (doc: ProjectDocument, runs: LessonRun[] = []) => ({ doc, runs });
  const late = lessonProject(synergy, 'late');
  const tensor = lessonProject(synergy, 'tensor');

  it('graph checks say what is still to do', () => {
    const swap: Check = { type: 'graph', hasAny: ['fusion.tensor', 'fusion.concat'], lacks: ['fusion.late'] };
    expect(evaluateCheck(swap, synergy, ctx(tensor)).status).toBe('pass');
    const r = evaluateCheck(swap, synergy, ctx(late));
    expect(r.status).toBe('waiting');
    expect(r.message).toBe('To do: add one of Tensor fusion, Concatenate; remove Late fusion.');
    expect(evaluateCheck(swap, synergy, ctx({ ...tensor, dataset: { id: 'avdigits' } })).message).toBe('To do: choose the dataset “synthetic.synergy”.');
    const broken = { ...tensor, graph: { ...tensor.graph, edges: tensor.graph.edges.filter((e) => e.target !== 'head') } };
    expect(evaluateCheck(swap, synergy, ctx(broken)).message).toMatch(/fix the (\d+ )?errors? in Problems/);
    const size: Check = { type: 'graph', params: { kind: 'fusion.tensor', min: 100_000 } };
    expect(evaluateCheck(size, synergy, ctx(tensor)).message).toBe('To do: bring Tensor fusion to at least 100,000 parameters (now 4,640).');
  });

  it('run checks wait for a finished run, then confirm it or say how it differs and why', () => {
    const check: Check = { type: 'run', run: 'late', expect: [{ metric: 'valAccuracy', max: 0.65 }] };
    const step = synergy.steps[1] ?? null;
    expect(evaluateCheck(check, synergy, ctx(late)).message).toBe('No finished late-fusion run yet.');
    expect(evaluateCheck(check, synergy, ctx(late, [run(synergy, 'late', { status: 'stopped' })])).message).toBe('Your last late-fusion run was stopped before it finished: train it again.');
    // A run of another dataset, or of the other graph, does not count.
    expect(evaluateCheck(check, synergy, ctx(late, [run(synergy, 'late', { datasetId: 'avdigits' }), run(synergy, 'tensor')])).status).toBe('waiting');

    const pass = evaluateCheck(check, synergy, ctx(late, [run(synergy, 'late', { valAccuracy: 0.51 })]), step);
    expect(pass.status).toBe('pass');
    expect(pass.details).toEqual([{ text: 'validation accuracy 51% (expected at most 65%)', ok: true }]);

    const differs = evaluateCheck(check, synergy, ctx(late, [run(synergy, 'late', { valAccuracy: 0.93 }, { epochs: 3, seed: 7 })]), step);
    expect(differs.status).toBe('differs');
    expect(differs.message).toBe('Your late-fusion run differs from the lesson: validation accuracy 93% (expected at most 65%).');
    expect(differs.reasons.map((r) => r.factor)).toEqual(['step', 'epochs', 'seed']);
    expect(differs.reasons[1]?.found).toBe('Your late-fusion run trained for 3 epochs; the lesson uses 8.');
    expect(differs.reasons[2]?.found).toBe('Your late-fusion run used seed 7; the lesson uses 42.');
    expect(differs.reasons[1]?.text).toMatch(/^With fewer epochs/);

    // The newest matching run is the one judged.
    const newer = evaluateCheck(check, synergy, ctx(late, [run(synergy, 'late', { valAccuracy: 0.93, finishedAt: 1 }), run(synergy, 'late', { valAccuracy: 0.5, finishedAt: 2 })]));
    expect(newer.status).toBe('pass');
  });

  it('with the lesson’s own settings, blames the seed; other dataset options and early stopping are named', () => {
    const check: Check = { type: 'run', run: 'interaction', expect: [{ metric: 'valAccuracy', min: 0.85 }] };
    const same = evaluateCheck(check, synergy, ctx(tensor, [run(synergy, 'tensor', { valAccuracy: 0.5 })]));
    expect(same.reasons.map((r) => r.factor)).toEqual(['seed']);
    const other = run(synergy, 'tensor', { valAccuracy: 0.5, epochs: 3 }, { earlyStoppingPatience: 2 });
    const withOptions = { ...other, document: { ...other.document, dataset: { id: 'synthetic.synergy', options: { samples: 400, noise: 0.9 } } } };
    const r = evaluateCheck(check, synergy, ctx(tensor, [withOptions]));
    expect(r.reasons.map((x) => x.factor)).toEqual(['earlyStopping', 'dataset']);
    expect(r.reasons[0]?.found).toBe('Your interaction-model run was ended by early stopping after 3 of 8 epochs.');
    expect(r.reasons[1]?.found).toBe('Your interaction-model run used other dataset options: noise 0.9 (lesson: default), samples 400 (lesson: 2000).');
  });

  it('metrics a run did not record leave the check waiting, unless optional', () => {
    const base = run(synergy, 'tensor', { valAccuracy: 0.99, ablation: [{ modality: 'image', accuracy: 0.5 }, { modality: 'audio', accuracy: 0.52 }] });
    const test: Check = { type: 'run', run: 'interaction', expect: [{ metric: 'testAccuracy', min: 0.8 }] };
    expect(evaluateCheck(test, synergy, ctx(tensor, [base])).message).toMatch(/has no test accuracy: this run was not evaluated on the test split/);
    const att: Check = {
      type: 'run',
      run: 'interaction',
      expect: [
        { metric: 'attention', modality: 'audio', min: 0.7, optional: true },
        { metric: 'drop', modality: 'image', min: 0.4 },
        { metric: 'worstWithout', max: 0.6 },
      ],
    };
    const r = evaluateCheck(att, synergy, ctx(tensor, [base]));
    expect(r.status).toBe('pass');
    expect(r.details.map((d) => d.ok)).toEqual([null, true, true]);
    expect(r.details[1]?.text).toBe('accuracy lost without the image 49 points (expected at least 40 points)');
    const attended = evaluateCheck(att, synergy, ctx(tensor, [{ ...base, attention: { audio: 0.4, image: 0.6 } }]));
    expect(attended.status).toBe('differs');
  });

  it('compare checks relate two runs by ratio or difference', () => {
    const ratio: Check = { type: 'compare', a: 'interaction', b: 'late', metric: 'paramCount', ratio: { min: 2 } };
    const runs = [run(synergy, 'late', { paramCount: 1000 }), run(synergy, 'tensor', { paramCount: 3000, valAccuracy: 0.97 })];
    expect(evaluateCheck(ratio, synergy, ctx(tensor, runs.slice(0, 1))).message).toBe('No finished interaction-model run yet.');
    const r = evaluateCheck(ratio, synergy, ctx(tensor, runs));
    expect(r.status).toBe('pass');
    expect(r.details[0]?.text).toBe('interaction-model run: 3.0× the parameters of late-fusion run (3,000 vs 1,000; expected at least 2×)');
    const diff: Check = { type: 'compare', a: 'interaction', b: 'late', metric: 'valAccuracy', difference: { min: 0.6 } };
    const d = evaluateCheck(diff, synergy, ctx(tensor, runs));
    expect(d.status).toBe('differs');
    expect(d.details[0]?.text).toBe('validation accuracy, interaction-model run − late-fusion run: +47 points (97% vs 50%; expected at least 60 points)');
  });

  it('follows lesson 2 from start to finish', () => {
    const statuses = (doc: ProjectDocument, runs: LessonRun[]) => evaluateLesson(synergy, { doc, runs }).map((s) => s.status);
    expect(statuses(late, [])).toEqual(['pass', 'waiting', 'waiting', 'waiting', 'waiting']);
    const lateRun = run(synergy, 'late', { valAccuracy: 0.48, finishedAt: 1 });
    expect(statuses(late, [lateRun])).toEqual(['pass', 'pass', 'waiting', 'waiting', 'waiting']);
    expect(statuses(tensor, [lateRun])).toEqual(['waiting', 'pass', 'pass', 'waiting', 'waiting']);
    const tensorRun = run(synergy, 'tensor', { valAccuracy: 0.99, finishedAt: 2 });
    expect(statuses(tensor, [lateRun, tensorRun])).toEqual(['waiting', 'pass', 'pass', 'pass', 'pass']);
    expect(statuses(tensor, [lateRun, { ...tensorRun, valAccuracy: 0.52 }])).toEqual(['waiting', 'pass', 'pass', 'differs', 'differs']);
  });
});

describe('attention from probes', () => {
  it('averages a modality-attention probe over samples, by modality in edge order', () => {
    const lesson = BUILTIN_LESSONS.find((l) => l.id === 'attention-noise') as Lesson;
    const doc = lessonProject(lesson, 'attention');
    const bound = { ...doc, dataset: { id: lesson.dataset.id, bindings: { snd: 'audio', sen: 'sensors' } } };
    // Two samples × two modalities (sound first: its edge comes first).
    expect(attentionFromProbe(bound, 'att', [0.9, 0.1, 0.7, 0.3], [2, 2])).toEqual({ audio: expect.closeTo(0.8, 6), sensors: expect.closeTo(0.2, 6) });
    expect(attentionFromProbe(bound, 'head', [1, 0], [1, 2])).toBeNull();
    expect(attentionFromProbe(bound, 'att', [1, 0], [2, 2])).toBeNull();
  });
});

describe('lesson links', () => {
  it('names a built-in lesson by id and carries a teacher’s lesson whole', () => {
    expect(encodeLessonHash(synergy, true)).toBe('#lesson=synergy');
    expect(decodeLessonHash('#lesson=synergy', BUILTIN_LESSONS)).toEqual({ ok: true, lesson: synergy });
    const own: Lesson = { ...synergy, id: 'my-xor', title: 'My XOR' };
    const hash = encodeLessonHash(own, false);
    expect(hash).toMatch(/^#lesson=[A-Za-z0-9+\-$]+$/);
    expect(decodeLessonHash(hash, BUILTIN_LESSONS)).toEqual({ ok: true, lesson: own });
    const damaged = decodeLessonHash(hash.slice(0, 40), BUILTIN_LESSONS);
    expect(damaged.ok ? '' : damaged.message).toMatch(/^This lesson link is damaged or names no known lesson/);
    expect(decodeLessonHash('#project=abc', BUILTIN_LESSONS).ok).toBe(false);
  });

  it('explains a link with a broken %-escape (cut off when copied) instead of throwing', () => {
    for (const hash of ['#lesson=synergy%', '#lesson=%E0%A4%A']) {
      const r = decodeLessonHash(hash, BUILTIN_LESSONS);
      expect(r.ok ? '' : r.message).toMatch(/^This lesson link is damaged or names no known lesson/);
    }
  });

  it('refuses a lesson too big for a link', () => {
    const huge: Lesson = { ...synergy, explanation: Array.from({ length: 40_000 }, (_, i) => `w${(i * 7919) % 100_003}`).join(' ') };
    expect(() => encodeLessonHash(huge, false)).toThrow(/too big for a link/);
  });
});

describe('lessonProject', () => {
  it('makes the project the editor loads: graph, dataset and the lesson’s training settings', () => {
    const doc = lessonProject(synergy, 'tensor');
    expect(doc.name).toBe('Synergy: what late fusion cannot learn: Tensor fusion');
    expect(doc.training).toEqual({ ...newProject().training, epochs: 8, batchSize: 32, learningRate: 0.003, seed: 42 });
    expect(doc.dataset).toEqual({ id: 'synthetic.synergy', options: { samples: 2000 } });
    expect(() => lessonProject(synergy, 'nope')).toThrow('the lesson has no graph "nope"; it has late, tensor');
  });
});

describe('lesson files', () => {
  it('every .lesson.json in the library is a built-in lesson, in file-name order', () => {
    const files = Object.keys(import.meta.glob('./library/*.lesson.json')).map((p) => p.replace('./library/', '')).sort();
    expect(BUILTIN_LESSON_FILES.map((f) => f.file)).toEqual(files);
  });
});
