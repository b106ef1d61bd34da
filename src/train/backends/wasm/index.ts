// Training kernels for the tfjs 4.22 wasm backend: the ones it lacks, a correct MaxPoolGrad, and
// faster versions of gradient kernels it ships only as scalar loops. All are built on the
// backend's own kernels (XNNPACK convolution and matrix product, Transpose, ScatterNd, ...).
// See README.md here.
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';
// Registers the shipped wasm kernels first, so ours replace them rather than being overwritten.
import '@tensorflow/tfjs-backend-wasm';
import { batchMatMulConfig } from './BatchMatMul.ts';
import { addConfig, multiplyConfig, realDivConfig, subConfig } from './Binary.ts';
import { conv2DBackpropFilterConfig } from './Conv2DBackpropFilter.ts';
import { conv2DBackpropInputConfig } from './Conv2DBackpropInput.ts';
import { castConfig, identityConfig } from './Identity.ts';
import { maxPoolGradConfig } from './MaxPoolGrad.ts';
import { meanConfig, sumConfig } from './Reduce.ts';
import { unsortedSegmentSumConfig } from './UnsortedSegmentSum.ts';
import { shippedKernels } from './util.ts';

export { batchMatMul } from './BatchMatMul.ts';
export { conv2DBackpropFilter } from './Conv2DBackpropFilter.ts';
export { conv2DBackpropInput } from './Conv2DBackpropInput.ts';
export { maxPoolGrad } from './MaxPoolGrad.ts';
export { unsortedSegmentSum } from './UnsortedSegmentSum.ts';

/** Kernels tfjs-backend-wasm 4.22 does not register; training needs them. */
export const WASM_MISSING_KERNELS: readonly KernelConfig[] = [conv2DBackpropFilterConfig, unsortedSegmentSumConfig];

/** Kernels tfjs-backend-wasm 4.22 registers wrong (gradients differ from cpu); ours replace them. */
export const WASM_FIXED_KERNELS: readonly KernelConfig[] = [maxPoolGradConfig];

/**
 * Kernels tfjs-backend-wasm 4.22 registers as slow scalar loops, or that copy, transpose or
 * broadcast where they need not; ours replace them (and fall back to them outside the fast cases).
 */
export const WASM_FASTER_KERNELS: readonly KernelConfig[] = [
  conv2DBackpropInputConfig,
  batchMatMulConfig,
  sumConfig,
  meanConfig,
  addConfig,
  subConfig,
  multiplyConfig,
  realDivConfig,
  identityConfig,
  castConfig,
];

export interface RegisterOptions {
  /** Also replace the slow (but correct) shipped kernels of {@link WASM_FASTER_KERNELS} (default true). */
  faster?: boolean;
}

/** Replaces the registered wasm kernel of `config.kernelName` (if any) by ours, remembering it. */
function replace(config: KernelConfig): boolean {
  const current = tf.getKernel(config.kernelName, 'wasm');
  if (current?.kernelFunc === config.kernelFunc) return false;
  if (current) {
    shippedKernels.set(config.kernelName, current);
    tf.unregisterKernel(config.kernelName, 'wasm');
  }
  // The shipped kernel's setup (its C++ bindings) must still run whenever 'wasm' is selected:
  // ours may fall back to it.
  const setup = current?.setupFunc;
  const dispose = current?.disposeFunc;
  tf.registerKernel({ ...config, ...(setup ? { setupFunc: setup } : {}), ...(dispose ? { disposeFunc: dispose } : {}) });
  return true;
}

/**
 * Registers the training kernels for 'wasm' (it neither loads nor selects the backend; call it
 * before training there). Idempotent. A missing kernel that some other code has registered in the
 * meantime is left alone; a replaced shipped kernel is remembered (ours may fall back to it and
 * keep its setup, so this may run before or after the backend initialises) and is restored by
 * {@link unregisterWasmTrainingKernels}. Returns the kernel names it registered now.
 */
export function registerWasmTrainingKernels(options: RegisterOptions = {}): string[] {
  const added: string[] = [];
  for (const config of WASM_MISSING_KERNELS) {
    if (tf.getKernel(config.kernelName, 'wasm')) continue;
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  const replacing = [...WASM_FIXED_KERNELS, ...((options.faster ?? true) ? WASM_FASTER_KERNELS : [])];
  for (const config of replacing) if (replace(config)) added.push(config.kernelName);
  return added;
}

/** Undoes {@link registerWasmTrainingKernels}: removes our kernels and restores the shipped ones. */
export function unregisterWasmTrainingKernels(): void {
  for (const config of [...WASM_MISSING_KERNELS, ...WASM_FIXED_KERNELS, ...WASM_FASTER_KERNELS]) {
    if (tf.getKernel(config.kernelName, 'wasm')?.kernelFunc !== config.kernelFunc) continue;
    tf.unregisterKernel(config.kernelName, 'wasm');
    const shipped = shippedKernels.get(config.kernelName);
    if (shipped) tf.registerKernel(shipped);
    shippedKernels.delete(config.kernelName);
  }
}
