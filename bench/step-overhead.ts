// Where the designer's training step spends time that a hand-written step does not: the app's
// trainStep (src/train/loop/step.ts) and its parts switched off one at a time, against the
// hand-written step, in Node (wasm single-threaded, like the browser's wasm on a 2-core machine,
// or cpu). Every variant runs one step in turn, so the machine's load hits them alike; medians.
//
//   npx tsx bench/step-overhead.ts [wasm|cpu] [dense|cnn] [steps per variant, default 200]
import * as tf from '@tensorflow/tfjs';
import { compileGraph, headLoss, withSeed } from '../src/compile/index.ts';
import { registerWasmTrainingKernels } from '../src/train/backends/wasm/index.ts';
import { loadWasmBackend } from '../src/train/backends/wasm/testing.ts';
import { disposeBatch, makeBatch, type Batch } from '../src/train/loop/batches.ts';
import { bindDataset } from '../src/train/loop/binding.ts';
import { countCorrect, trainStep } from '../src/train/loop/step.ts';
import { BATCH_SIZE, CLASSES, referenceModel, SAMPLES, syntheticData, type ModelId } from './web/models.ts';

const backend = process.argv[2] ?? 'wasm';
const modelId = (process.argv[3] ?? 'dense') as ModelId;
const steps = Number(process.argv[4] ?? 200);
if (backend === 'wasm') {
  await loadWasmBackend();
  registerWasmTrainingKernels();
}
await tf.setBackend(backend);

const data = syntheticData();
const ref = referenceModel(modelId);
const build = ref.handwritten;
if (!build) throw new Error(`${modelId} has no hand-written twin`);
const doc = ref.document;
const compiled = compileGraph(doc.graph, { seed: 42, probes: true });
const binding = bindDataset(doc.graph, compiled, data.info, { pixels: 'pixels', sound: 'sound', image: 'image' });
const head = binding.targets[0];
if (!head) throw new Error('no head');
const primary = head;
/** A fresh hand-written model with the compiled model's weights (one per variant: every variant then
 * switches weights between its steps alike, and none gets warm caches from its neighbour). */
function handCopy(): tf.LayersModel {
  const m = (build as () => tf.LayersModel)();
  tf.tidy(() => m.setWeights(compiled.model.getWeights().map((w) => w.clone())));
  return m;
}
const hand = handCopy();

const batches = SAMPLES / BATCH_SIZE;
const rows = (i: number): Int32Array => Int32Array.from({ length: BATCH_SIZE }, (_, j) => (i % batches) * BATCH_SIZE + j);
const oneHot = new Float32Array(SAMPLES * CLASSES);
data.labels.forEach((label, j) => {
  oneHot[j * CLASSES + label] = 1;
});
const shapes = hand.inputs.map((t) => t.shape.slice(1) as number[]);
const names = binding.inputs.map((b) => b.modality);

/** The hand-written way to make a batch: views of the arrays (no row copy), labels only when asked. */
function plainBatch(i: number): Batch {
  const start = (i % batches) * BATCH_SIZE;
  const xs = names.map((name, k) => {
    const shape = shapes[k] as number[];
    const width = shape.reduce((a, d) => a * d, 1);
    return tf.tensor((data.inputs[name] as Float32Array).subarray(start * width, (start + BATCH_SIZE) * width), [BATCH_SIZE, ...shape]);
  });
  const ys = [tf.tensor2d(oneHot.subarray(start * CLASSES, (start + BATCH_SIZE) * CLASSES), [BATCH_SIZE, CLASSES])];
  return { xs, ys, labels: data.labels.subarray(start, start + BATCH_SIZE), size: BATCH_SIZE };
}

interface Parts {
  /** The app's makeBatch (row copies) instead of views. */
  readonly makeBatch: boolean;
  /** The head's output kept and read with the loss, the correct-count taken in JavaScript. */
  readonly count: boolean;
  /** withSeed around the step. */
  readonly seed: boolean;
  /** compile's headLoss (a tidy around the loss) instead of tf.losses.softmaxCrossEntropy. */
  readonly headLoss: boolean;
}

type Step = (i: number) => Promise<void>;

/** A copy of trainStep whose parts can be switched off. */
function replica(model: tf.LayersModel, optimizer: tf.Optimizer, parts: Parts): Step {
  return async (i) => {
    const batch = parts.makeBatch ? makeBatch(data, binding, rows(i)) : plainBatch(i);
    const holder: { head: tf.Tensor | null } = { head: null };
    const body = (): tf.Scalar | null =>
      optimizer.minimize(() => {
        const y = model.apply(batch.xs, { training: true }) as tf.Tensor;
        if (parts.count) holder.head = tf.keep(y);
        return parts.headLoss ? headLoss(compiled.outputs, [y], batch.ys) : (tf.losses.softmaxCrossEntropy(batch.ys[0] as tf.Tensor, y) as tf.Scalar);
      }, true);
    const cost = parts.seed ? withSeed(1000 + i, body) : body();
    if (!cost) throw new Error('no loss');
    disposeBatch(batch);
    if (holder.head) {
      const [, out] = await Promise.all([cost.data(), holder.head.data()]);
      countCorrect(out, batch.labels, primary, CLASSES);
      holder.head.dispose();
    } else await cost.data();
    cost.dispose();
  };
}

function appStep(model: tf.LayersModel, optimizer: tf.Optimizer): Step {
  return async (i) => {
    const batch = makeBatch(data, binding, rows(i));
    const stats = trainStep({ ...compiled, model }, optimizer, batch, primary, CLASSES, 1000 + i);
    disposeBatch(batch);
    await stats.read();
    stats.dispose();
  };
}

const none: Parts = { makeBatch: false, count: false, seed: false, headLoss: false };
const all: Parts = { makeBatch: true, count: true, seed: true, headLoss: true };
const adam = (): tf.Optimizer => tf.train.adam(doc.training.learningRate);
const compiledCopy = compileGraph(doc.graph, { seed: 42, probes: true }).model;
const variants: readonly { readonly name: string; readonly step: Step }[] = [
  { name: 'hand-written model, hand-written step', step: replica(hand, adam(), none) },
  { name: 'compiled model, hand-written step', step: replica(compiled.model, adam(), none) },
  { name: "compiled model, the app's trainStep", step: appStep(compiledCopy, adam()) },
  { name: 'hand-written model, trainStep replica', step: replica(handCopy(), adam(), all) },
  { name: '  … without the correct-count', step: replica(handCopy(), adam(), { ...all, count: false }) },
  { name: '  … without withSeed', step: replica(handCopy(), adam(), { ...all, seed: false }) },
  { name: '  … without makeBatch (views)', step: replica(handCopy(), adam(), { ...all, makeBatch: false }) },
  { name: '  … with tf.losses instead of headLoss', step: replica(handCopy(), adam(), { ...all, headLoss: false }) },
];

const times = variants.map(() => [] as number[]);
for (let i = 0; i < 5; i++) for (const v of variants) await v.step(i);
for (let i = 0; i < steps; i++) {
  for (const [k, v] of variants.entries()) {
    const t = performance.now();
    await v.step(i);
    times[k]?.push(performance.now() - t);
  }
}
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const base = times[0] ?? [];
console.log(`${backend}, ${modelId}: median step time over ${steps} steps each, and the median of the per-round ratios to the hand-written step (the variants take turns, so each round's ratio compares steps taken within milliseconds of each other)`);
for (const [k, v] of variants.entries()) {
  const own = times[k] ?? [];
  const r = median(own.map((t, i) => t / (base[i] ?? NaN)));
  console.log(`${v.name.padEnd(44)} ${median(own).toFixed(3)} ms  ${r >= 1 ? '+' : '−'}${Math.abs((r - 1) * 100).toFixed(1)} %`);
}
