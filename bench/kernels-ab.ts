// The wasm training kernels of another commit against the working tree's, on the reference models'
// training steps (hand-written tfjs, Adam, batch 64), in Node (wasm single-threaded). The two take
// turns step by step, and each step is timed by this process's CPU time, which other jobs on the
// machine barely change (wall time moves ±50 % on a shared machine; CPU time a few %).
//
//   npx tsx bench/kernels-ab.ts [commit, default 5fd0522] [steps per side, default 40]
//
// The other commit's src/train/backends (and what it imports from there) is copied to a temporary
// folder inside the repository (so it resolves the same node_modules) and deleted afterwards.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as current from '../src/train/backends/wasm/index.ts';
import { loadWasmBackend, randomValues } from '../src/train/backends/wasm/testing.ts';
import { BATCH_SIZE, CLASSES, referenceModel, type ModelId } from './web/models.ts';
import { ROOT } from './node/server.ts';

const rev = process.argv[2] ?? '5fd0522';
const steps = Number(process.argv[3] ?? 40);
type Kernels = Pick<typeof current, 'registerWasmTrainingKernels' | 'unregisterWasmTrainingKernels'>;

/** The other commit's kernel folder, importable. */
async function kernelsAt(commit: string): Promise<{ kernels: Kernels; cleanup: () => void }> {
  const dir = join(ROOT, 'bench', `.kernels-${commit}`);
  const files = execFileSync('git', ['ls-tree', '-r', '--name-only', commit, 'src/train/backends/'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.ts'));
  for (const f of files) {
    const target = join(dir, f);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, execFileSync('git', ['show', `${commit}:${f}`], { cwd: ROOT }));
  }
  const kernels = (await import(join(dir, 'src/train/backends/wasm/index.ts'))) as Kernels;
  return { kernels, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function stepper(id: ModelId): { step: () => void; dispose: () => void } {
  const build = referenceModel(id).handwritten;
  if (!build) throw new Error(`${id} has no hand-written model`);
  const model = build();
  const xs = model.inputs.map((input, i) => {
    const shape = [BATCH_SIZE, ...(input.shape.slice(1) as number[])];
    return tf.tensor(randomValues(tf.util.sizeFromShape(shape), i + 1), shape);
  });
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(randomValues(BATCH_SIZE, 9), (v) => Math.floor(((v + 1) / 2) * CLASSES)), 'int32'), CLASSES));
  const optimizer = tf.train.adam(1e-3);
  const step = (): void => {
    const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar, true);
    loss?.dataSync();
    loss?.dispose();
  };
  return { step, dispose: () => (tf.dispose([...xs, labels]), optimizer.dispose(), model.dispose()) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

await loadWasmBackend();
const other = await kernelsAt(rev);
try {
  const sides: [string, Kernels][] = [
    [rev, other.kernels],
    ['working tree', current],
  ];
  let active: Kernels | null = null;
  const use = (k: Kernels): void => {
    if (active === k) return;
    active?.unregisterWasmTrainingKernels();
    k.registerWasmTrainingKernels();
    active = k;
  };
  for (const id of ['dense', 'cnn'] as const) {
    const ms: Record<string, number[]> = { [rev]: [], 'working tree': [] };
    const models = sides.map(([name, k]) => {
      use(k);
      return { name, k, ...stepper(id) };
    });
    for (let i = 0; i < steps + 3; i++) {
      for (const m of i % 2 ? models : [...models].reverse()) {
        use(m.k);
        const c0 = process.cpuUsage();
        m.step();
        const c = process.cpuUsage(c0);
        if (i >= 3) ms[m.name]?.push((c.user + c.system) / 1000);
      }
    }
    models.forEach((m) => m.dispose());
    const [a, b] = [median(ms[rev] ?? []), median(ms['working tree'] ?? [])];
    console.log(`${id}: ${rev} ${a.toFixed(1)} ms CPU per step (${Math.round((BATCH_SIZE * 1000) / a)} samples/s), working tree ${b.toFixed(1)} ms (${Math.round((BATCH_SIZE * 1000) / b)} samples/s): ${(a / b).toFixed(2)}× faster`);
  }
} finally {
  other.cleanup();
}
