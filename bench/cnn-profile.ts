// Where one training step of the CNN reference model spends its time, kernel by kernel (tf.profile
// over several steps), in Node: wasm (single-threaded, with our training kernels) or cpu (with our
// Conv2DBackpropFilter, or with tfjs's own: cpu-shipped).
// Kernel times are this process's CPU time (Node, single-threaded), which other jobs on a shared
// machine barely change; step times are wall time.
//   npx tsx bench/cnn-profile.ts [wasm|cpu|cpu-shipped] [steps, default 10]
import * as tf from '@tensorflow/tfjs';
import { registerCpuTrainingKernels } from '../src/train/backends/cpu/index.ts';
import { registerWasmTrainingKernels } from '../src/train/backends/wasm/index.ts';
import { loadWasmBackend, randomValues } from '../src/train/backends/wasm/testing.ts';
import { BATCH_SIZE, CLASSES, referenceModel } from './web/models.ts';

const steps = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10);
const backend = process.argv.find((a) => /^(wasm|cpu|cpu-shipped)$/.test(a)) ?? 'wasm';
if (backend === 'wasm') {
  await loadWasmBackend();
  registerWasmTrainingKernels();
} else if (backend === 'cpu') registerCpuTrainingKernels();
await tf.setBackend(backend === 'wasm' ? 'wasm' : 'cpu');
// tf.profile asks the backend to time each kernel: with CPU time instead of wall time.
tf.backend().time = (f: () => void): Promise<tf.TimingInfo> => {
  const [c0, t0] = [process.cpuUsage(), performance.now()];
  f();
  const c = process.cpuUsage(c0);
  return Promise.resolve({ kernelMs: (c.user + c.system) / 1000, wallMs: performance.now() - t0 });
};

const build = referenceModel('cnn').handwritten;
if (!build) throw new Error('no hand-written cnn');
const model = build();
const img = tf.tensor(randomValues(BATCH_SIZE * 784, 1), [BATCH_SIZE, 28, 28, 1]);
const tab = tf.tensor(randomValues(BATCH_SIZE * 64, 2), [BATCH_SIZE, 64]);
const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(randomValues(BATCH_SIZE, 3), (v) => Math.floor((v + 1) * 5)), 'int32'), CLASSES));
const optimizer = tf.train.adam(1e-3);
const step = (): void => {
  const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.apply([img, tab], { training: true }) as tf.Tensor) as tf.Scalar, true);
  loss?.dataSync();
  loss?.dispose();
};
for (let i = 0; i < Math.min(3, steps); i++) step();
const [c0, t0] = [process.cpuUsage(), performance.now()];
for (let i = 0; i < steps; i++) step();
const ms = (performance.now() - t0) / steps;
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000 / steps;
const info = await tf.profile(() => {
  for (let i = 0; i < steps; i++) step();
});
const by = new Map<string, { n: number; ms: number; shapes: Map<string, number> }>();
for (const k of info.kernels) {
  const e = by.get(k.name) ?? { n: 0, ms: 0, shapes: new Map<string, number>() };
  e.n += 1;
  e.ms += Number(k.kernelTimeMs);
  const key = k.inputShapes.map((s) => `[${(s ?? []).join(',')}]`).join(' ');
  e.shapes.set(key, (e.shapes.get(key) ?? 0) + Number(k.kernelTimeMs));
  by.set(k.name, e);
}
const total = [...by.values()].reduce((a, e) => a + e.ms, 0) / steps;
console.log(`${backend}: step ${ms.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU (${((BATCH_SIZE * 1000) / cpuMs).toFixed(0)} samples/s by CPU time); kernel CPU time ${total.toFixed(1)} ms/step`);
for (const [name, e] of [...by.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
  if (e.ms / steps < 0.05) continue;
  console.log(`${name.padEnd(24)} ${(e.n / steps).toFixed(0).padStart(4)}× ${(e.ms / steps).toFixed(2).padStart(7)} ms`);
  for (const [shape, t] of [...e.shapes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3)) if (t / steps >= 0.1) console.log(`    ${(t / steps).toFixed(2).padStart(6)} ms  ${shape}`);
}
