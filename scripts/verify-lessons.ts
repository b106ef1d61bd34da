// Follows lessons as a learner would, without a browser: loads each step's graph, trains where a
// step says Train (or runs the arena), and prints what every check finds. For authors: does my
// lesson's expected observation come out with its own settings?
//
//   npx tsx scripts/verify-lessons.ts                       # every built-in lesson
//   npx tsx scripts/verify-lessons.ts synergy cost          # built-in lessons by id
//   npx tsx scripts/verify-lessons.ts my.lesson.json        # a lesson file
//   options: --backend wasm|cpu (default wasm), --seed N (overrides the lesson's seed)
//
// Exit code 0 when every checked step passes, 1 when one differs or waits, 2 on bad usage.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { ProjectDocument } from '../src/graph/index.ts';
import {
  BUILTIN_LESSONS,
  attentionFromProbe,
  evaluateCheck,
  lessonProject,
  parseLesson,
  startGraphName,
  stepActions,
  type Lesson,
  type LessonRun,
} from '../src/graph/lessons/index.ts';
import type { DatasetDescriptor } from '../src/graph/dataset.ts';
import type { AssetSource } from '../src/data/assets.ts';
import { builtinDataset } from '../src/data/builtins.ts';
import { datasetsCatalogue } from '../src/data/catalogue.ts';
import type { DatasetArrays } from '../src/data/types.ts';
import { lessonRunOf, type RunAttention } from '../src/store/lessonSlice.ts';
import { runArena } from '../src/train/arena.ts';
import { prepareBackend } from '../src/train/backends/select.ts';
import { trainDocument } from '../src/train/loop/session.ts';
import type { FusionStrategy, RunRecord } from '../src/train/trainingProtocol.ts';

const ROOT = new URL('../', import.meta.url);

function diskAssets(dataset: string): AssetSource {
  const dir = new URL(`public/datasets/${dataset}/`, ROOT);
  return { where: fileURLToPath(dir), read: async (name) => new Uint8Array(readFileSync(new URL(name, dir))) };
}

async function loadData(doc: ProjectDocument): Promise<DatasetArrays> {
  const id = doc.dataset?.id ?? '';
  const d = builtinDataset(id);
  if (d === undefined) throw new Error(`no built-in dataset "${id}"`);
  return (await d.load(doc.dataset?.options, { assets: diskAssets })).data;
}

const mark = { pass: '✓', differs: '✗', waiting: '…', manual: '·' } as const;

interface Outcome {
  readonly lesson: string;
  readonly steps: { title: string; status: keyof typeof mark }[];
  readonly runs: { title: string; val: number | null; test: number | null; params: number; secondsPerEpoch: number; attention?: Record<string, number> }[];
}

async function follow(lesson: Lesson, catalogue: readonly DatasetDescriptor[], seed: number | null): Promise<Outcome> {
  const descriptor = catalogue.find((d) => d.id === lesson.dataset.id);
  const withSeed = (doc: ProjectDocument): ProjectDocument => (seed === null ? doc : { ...doc, training: { ...doc.training, seed } });
  let doc = withSeed(lessonProject(lesson, startGraphName(lesson), descriptor));
  let data = await loadData(doc);
  const records: RunRecord[] = [];
  const attention: Record<string, RunAttention> = {};
  const runs = (): LessonRun[] => records.map((r) => lessonRunOf(r, attention[r.runId]));
  const outcome: Outcome = { lesson: lesson.id, steps: [], runs: [] };
  console.log(`\n# ${lesson.title} (${lesson.id}) on ${lesson.dataset.id}`);

  for (const [i, step] of lesson.steps.entries()) {
    for (const a of stepActions(step)) {
      if (a.type === 'load') doc = withSeed(lessonProject(lesson, a.graph, descriptor));
      if (a.type === 'edit' && a.solution !== undefined) doc = withSeed(lessonProject(lesson, a.solution, descriptor));
      if (a.type === 'dataset') {
        const choice = doc.dataset ?? { id: lesson.dataset.id };
        doc = { ...doc, dataset: { ...choice, options: { ...choice.options, ...a.options } } };
        data = await loadData(doc);
      }
      if (a.type === 'train') {
        const runId = `${lesson.id}-${i + 1}-${records.length + 1}`;
        const t0 = performance.now();
        const result = await trainDocument({
          runId,
          document: doc,
          data,
          evaluateTest: a.evaluateTest ?? false,
          probes: {
            perSecond: 4,
            onSnapshot: (_epoch, _batch, values) => {
              for (const v of values) {
                const w = attentionFromProbe(doc, v.nodeId, v.values, v.shape, descriptor);
                if (w !== null) attention[runId] = { first: attention[runId]?.first ?? w, last: w };
              }
            },
          },
        });
        if (result.record === null) throw new Error(`step ${i + 1} (${step.title}): the run failed: ${result.problem?.message ?? 'unknown'}`);
        records.push({ ...result.record, finishedAt: Date.now() });
        console.log(`  trained ${doc.name} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      if (a.type === 'arena') {
        const t0 = performance.now();
        const result = await runArena({ document: doc, data, arenaId: `${lesson.id}-arena-${i + 1}`, strategies: a.strategies as FusionStrategy[] });
        records.push(...result.records.map((r) => ({ ...r, finishedAt: Date.now() })));
        console.log(`  arena ${a.strategies.join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
    if (step.check === undefined) {
      outcome.steps.push({ title: step.title, status: 'manual' });
      console.log(`  ${mark.manual} ${i + 1}. ${step.title}`);
      continue;
    }
    const r = evaluateCheck(step.check, lesson, { doc, runs: runs(), ...(descriptor ? { dataset: descriptor } : {}) }, step);
    outcome.steps.push({ title: step.title, status: r.status });
    console.log(`  ${mark[r.status]} ${i + 1}. ${step.title}: ${r.message}`);
    for (const d of r.details) console.log(`      ${d.ok === null ? '?' : d.ok ? '✓' : '✗'} ${d.text}`);
  }
  for (const run of runs()) {
    outcome.runs.push({
      title: run.title,
      val: run.valAccuracy,
      test: run.testAccuracy,
      params: run.paramCount,
      secondsPerEpoch: run.secondsPerEpoch,
      ...(run.attention ? { attention: { ...run.attention } } : {}),
    });
    const first = attention[run.runId]?.first ?? {};
    const att = run.attention ? ` attention ${Object.entries(run.attention).map(([m, w]) => `${m} ${(first[m] ?? NaN).toFixed(2)} → ${w.toFixed(2)}`).join(', ')}` : '';
    const abl = run.ablation.map((x) => `without ${x.modality} ${x.accuracy.toFixed(3)}`).join(', ');
    console.log(`  run ${run.title}: val ${run.valAccuracy?.toFixed(3)} test ${run.testAccuracy?.toFixed(3) ?? '–'} params ${run.paramCount} ${run.secondsPerEpoch.toFixed(2)} s/epoch; ${abl}${att}`);
  }
  return outcome;
}

async function main(argv: readonly string[]): Promise<number> {
  let backend = 'wasm';
  let seed: number | null = null;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--backend') backend = argv[++i] ?? '';
    else if (arg === '--seed') seed = Number(argv[++i]);
    else names.push(arg);
  }
  if (backend !== 'wasm' && backend !== 'cpu') {
    console.error(`verify-lessons: --backend must be wasm or cpu (got "${backend}").`);
    return 2;
  }
  if (seed !== null && !Number.isInteger(seed)) {
    console.error('verify-lessons: --seed takes a whole number.');
    return 2;
  }
  const catalogue = datasetsCatalogue();
  const lessons: Lesson[] = [];
  for (const name of names.length > 0 ? names : BUILTIN_LESSONS.map((l) => l.id)) {
    const builtin = BUILTIN_LESSONS.find((l) => l.id === name);
    if (builtin !== undefined) {
      lessons.push(builtin);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(name, 'utf8');
    } catch {
      console.error(`verify-lessons: "${name}" is neither a built-in lesson (${BUILTIN_LESSONS.map((l) => l.id).join(', ')}) nor a readable file.`);
      return 2;
    }
    const parsed = parseLesson(text, catalogue);
    if (!parsed.ok) {
      console.error(`verify-lessons: ${name}:\n${parsed.issues.map((x) => `  ${x.message}`).join('\n')}`);
      return 1;
    }
    lessons.push(parsed.lesson);
  }

  if (backend === 'wasm') await prepareBackend('wasm', { wasmPaths: new URL('node_modules/@tensorflow/tfjs-backend-wasm/dist/', ROOT).href });
  await tf.setBackend(backend);
  await tf.ready();
  console.log(`backend ${tf.getBackend()}${seed === null ? '' : `, seed ${seed}`}`);

  const outcomes: Outcome[] = [];
  for (const lesson of lessons) outcomes.push(await follow(lesson, catalogue, seed));
  const bad = outcomes.flatMap((o) => o.steps.filter((s) => s.status === 'differs' || s.status === 'waiting').map((s) => `${o.lesson}: ${s.title}`));
  console.log(`\n${bad.length === 0 ? 'Every checked step passed.' : `Steps that did not pass:\n  ${bad.join('\n  ')}`}`);
  return bad.length === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
