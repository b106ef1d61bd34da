// A faster Conv2DBackpropFilter for the tfjs cpu backend (Node training, the browser's last
// fallback). tfjs 4.22's is a scalar loop over every filter element and every output: ~18 s for
// the CNN reference model's second convolution (x 64×14×14×16, 3×3 → 32), where the backend's own
// forward convolution of the same size takes ~0.8 s. Ours is that forward convolution, of
// transposed tensors (../convFilter.ts, the wasm backend's "transposed" path): ~1 s, 18× faster.
//
//   import { registerCpuTrainingKernels } from './train/backends/cpu/index.ts';
//   registerCpuTrainingKernels(); // idempotent; before or after tf.setBackend('cpu')
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import { backendKernels, filterGradInfo, filterGradTransposed } from '../convFilter.ts';

/** The cpu backend's own kernels we replaced, by name (ours build on the others, never on these). */
const originals = new Map<string, KernelConfig>();

export const conv2DBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy, info, channelsFirst } = filterGradInfo(inputs, attrs, 'cpu');
  return filterGradTransposed(backendKernels('cpu', backend as tf.KernelBackend, originals), x, dy, info, channelsFirst);
};

export const CPU_FASTER_KERNELS: readonly KernelConfig[] = [{ kernelName: tf.Conv2DBackpropFilter, backendName: 'cpu', kernelFunc: conv2DBackpropFilter }];

/** The kernel tfjs registered for cpu under `name`, whether or not ours replaced it (for tests and benchmarks). */
export function originalCpuKernel(name: string): KernelConfig | undefined {
  return originals.get(name) ?? tf.getKernel(name, 'cpu');
}

/** Registers our cpu kernels in place of tfjs's (idempotent); returns the names registered now. */
export function registerCpuTrainingKernels(): string[] {
  const added: string[] = [];
  for (const config of CPU_FASTER_KERNELS) {
    const current = tf.getKernel(config.kernelName, 'cpu');
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current) {
      originals.set(config.kernelName, current);
      tf.unregisterKernel(config.kernelName, 'cpu');
    }
    tf.registerKernel(config);
    added.push(config.kernelName);
  }
  return added;
}

/** Restores tfjs's own cpu kernels. */
export function unregisterCpuTrainingKernels(): void {
  for (const config of CPU_FASTER_KERNELS) {
    if (tf.getKernel(config.kernelName, 'cpu')?.kernelFunc !== config.kernelFunc) continue;
    tf.unregisterKernel(config.kernelName, 'cpu');
    const original = originals.get(config.kernelName);
    if (original) tf.registerKernel(original);
    originals.delete(config.kernelName);
  }
}
