// Timings of the wasm training kernels against the shipped wasm kernels and the cpu backend, and
// training throughput of a small CNN. Node, single-threaded wasm (tfjs disables threads in Node);
// times are this process's CPU time (medians), which other jobs on a shared machine barely change:
//   npx tsx src/train/backends/wasm/timing.ts [--cpu]
// --cpu adds the cpu backend (minutes: its convolution gradients take seconds each; its
// UnsortedSegmentSum loops over every segment and is skipped — 347 s for the case below).
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels, WASM_FASTER_KERNELS, WASM_FIXED_KERNELS, WASM_MISSING_KERNELS } from './index.ts';
import { randomValues, loadWasmBackend } from './testing.ts';

const nodeProcess = (globalThis as { process?: { argv?: string[]; cpuUsage?: () => { user: number; system: number } } }).process;
const withCpu = nodeProcess?.argv?.includes('--cpu') ?? false;

/** CPU time of this process in ms (wall time where there is no process.cpuUsage). */
function cpuNow(): number {
  const usage = nodeProcess?.cpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : performance.now();
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
}

interface KernelCase {
  label: string;
  name: string;
  inputs: Record<string, { shape: number[]; int?: number }>;
  attrs: Record<string, unknown>;
  skipCpu?: boolean;
}

const CASES: KernelCase[] = [
  {
    label: 'Conv2DBackpropFilter x 64×28×28×1, 3×3 → 16',
    name: 'Conv2DBackpropFilter',
    inputs: { x: { shape: [64, 28, 28, 1] }, dy: { shape: [64, 28, 28, 16] } },
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 16] },
  },
  {
    label: 'Conv2DBackpropFilter x 64×28×28×16, 3×3 → 16',
    name: 'Conv2DBackpropFilter',
    inputs: { x: { shape: [64, 28, 28, 16] }, dy: { shape: [64, 28, 28, 16] } },
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 16, 16] },
  },
  {
    label: 'Conv2DBackpropFilter x 64×14×14×16, 3×3 → 32',
    name: 'Conv2DBackpropFilter',
    inputs: { x: { shape: [64, 14, 14, 16] }, dy: { shape: [64, 14, 14, 32] } },
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 16, 32] },
  },
  {
    label: 'Sum (conv bias gradient) 64×28×28×16 over B, H, W',
    name: 'Sum',
    inputs: { x: { shape: [64, 28, 28, 16] } },
    attrs: { axis: [0, 1, 2], keepDims: false },
  },
  {
    label: 'Add (conv bias) 64×28×28×16 + 16',
    name: 'Add',
    inputs: { a: { shape: [64, 28, 28, 16] }, b: { shape: [16] } },
    attrs: {},
  },
  {
    label: 'Conv2DBackpropInput dx 64×28×28×16, 3×3 ← 16',
    name: 'Conv2DBackpropInput',
    inputs: { dy: { shape: [64, 28, 28, 16] }, filter: { shape: [3, 3, 16, 16] } },
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: [64, 28, 28, 16] },
  },
  {
    label: 'Conv2DBackpropInput dx 64×14×14×16, 3×3 ← 32',
    name: 'Conv2DBackpropInput',
    inputs: { dy: { shape: [64, 14, 14, 32] }, filter: { shape: [3, 3, 16, 32] } },
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: [64, 14, 14, 16] },
  },
  {
    label: 'MaxPoolGrad 64×28×28×16, 2×2 / 2',
    name: 'MaxPoolGrad',
    inputs: { dy: { shape: [64, 14, 14, 16] }, input: { shape: [64, 28, 28, 16] }, output: { shape: [64, 14, 14, 16] } },
    attrs: { filterSize: 2, strides: 2, pad: 'valid' },
  },
  {
    label: 'BatchMatMul dense dx = dy·Wᵀ, 64×256 · (784×256)ᵀ',
    name: 'BatchMatMul',
    inputs: { a: { shape: [64, 256] }, b: { shape: [784, 256] } },
    attrs: { transposeA: false, transposeB: true },
  },
  {
    label: 'BatchMatMul dense dW = xᵀ·dy, (64×784)ᵀ · 64×256',
    name: 'BatchMatMul',
    inputs: { a: { shape: [64, 784] }, b: { shape: [64, 256] } },
    attrs: { transposeA: true, transposeB: false },
  },
  {
    label: 'UnsortedSegmentSum 64×50 tokens × 64 → vocab 10000',
    name: 'UnsortedSegmentSum',
    inputs: { x: { shape: [3200, 64] }, segmentIds: { shape: [3200], int: 10000 } },
    attrs: { numSegments: 10000 },
    skipCpu: true,
  },
];

function timeKernel(c: KernelCase, reps: number): number {
  const tensors: Record<string, tf.Tensor> = {};
  Object.entries(c.inputs).forEach(([key, spec], i) => {
    const values = randomValues(tf.util.sizeFromShape(spec.shape), 1 + i);
    const range = spec.int;
    tensors[key] = range ? tf.tensor(Int32Array.from(values, (v) => Math.floor(((v + 1) / 2) * range)), spec.shape, 'int32') : tf.tensor(values, spec.shape);
  });
  const run = (): number => {
    const t0 = cpuNow();
    const out = tf.engine().runKernel(c.name, tensors, c.attrs as tf.NamedAttrMap) as tf.Tensor;
    out.dataSync();
    const ms = cpuNow() - t0;
    out.dispose();
    return ms;
  };
  run();
  const ms = median(Array.from({ length: reps }, run));
  tf.dispose(Object.values(tensors));
  return ms;
}

function cnnSamplesPerSecond(steps: number): number {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 10 }),
    ],
  });
  const x = tf.tensor(randomValues(64 * 28 * 28, 3), [64, 28, 28, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(randomValues(64, 4), (v) => Math.floor((v + 1) * 5)), 'int32'), 10));
  const optimizer = tf.train.adam(1e-3);
  const step = (): void => {
    const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true);
    loss?.dataSync();
    loss?.dispose();
  };
  step();
  const ms = median(
    Array.from({ length: steps }, () => {
      const t0 = cpuNow();
      step();
      return cpuNow() - t0;
    }),
  );
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return (64 * 1000) / ms;
}

await loadWasmBackend();
const ours = new Set([...WASM_MISSING_KERNELS, ...WASM_FIXED_KERNELS, ...WASM_FASTER_KERNELS].map((k) => k.kernelName));
const shippedNames = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
registerWasmTrainingKernels();
console.log('kernel | ours on wasm (ms) | shipped wasm (ms) | cpu (ms)');
for (const c of CASES) {
  await tf.setBackend('wasm');
  const mine = timeKernel(c, 5);
  let shipped = '—';
  if (ours.has(c.name) && shippedNames.has(c.name)) {
    unregisterWasmTrainingKernels();
    shipped = timeKernel(c, 5).toFixed(1);
    registerWasmTrainingKernels();
  }
  let cpu = '—';
  if (withCpu && !c.skipCpu) {
    await tf.setBackend('cpu');
    cpu = timeKernel(c, 1).toFixed(0);
  }
  console.log(`${c.label} | ${mine.toFixed(1)} | ${shipped} | ${cpu}`);
}

await tf.setBackend('wasm');
const fast = cnnSamplesPerSecond(10);
registerWasmTrainingKernels({ faster: false });
unregisterWasmTrainingKernels();
registerWasmTrainingKernels({ faster: false });
const missingOnly = cnnSamplesPerSecond(10);
registerWasmTrainingKernels();
console.log(`CNN 28×28×1 → conv16 → pool → conv32 → pool → GAP → dense10, batch 64, Adam (samples/s):`);
console.log(`  wasm, all our kernels: ${fast.toFixed(0)}`);
console.log(`  wasm, only the missing kernels + fixed MaxPoolGrad: ${missingOnly.toFixed(0)}`);
if (withCpu) {
  await tf.setBackend('cpu');
  console.log(`  cpu: ${cnnSamplesPerSecond(1).toFixed(0)}`);
}
