// Registration: before the backend initialises (as a worker may do it), idempotent, reversible.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels, WASM_FASTER_KERNELS, WASM_FIXED_KERNELS, WASM_MISSING_KERNELS } from './index.ts';
import { loadWasmBackend, randomValues, relativeError } from './testing.ts';

const names = (configs: readonly tf.KernelConfig[]): string[] => configs.map((k) => k.kernelName);

describe('registerWasmTrainingKernels', () => {
  it('works before the wasm backend is initialised, keeps the shipped setup, and can be undone', async () => {
    const shipped = new Map(names([...WASM_FIXED_KERNELS, ...WASM_FASTER_KERNELS]).map((n) => [n, tf.getKernel(n, 'wasm')]));
    for (const n of names(WASM_MISSING_KERNELS)) expect(tf.getKernel(n, 'wasm'), n).toBeUndefined();
    for (const [n, k] of shipped) expect(k, n).toBeDefined();

    expect(registerWasmTrainingKernels({ faster: false }).sort()).toEqual(names([...WASM_MISSING_KERNELS, ...WASM_FIXED_KERNELS]).sort());
    expect(registerWasmTrainingKernels().sort()).toEqual(names(WASM_FASTER_KERNELS).sort());
    expect(registerWasmTrainingKernels()).toEqual([]);
    for (const k of WASM_FASTER_KERNELS) expect(tf.getKernel(k.kernelName, 'wasm')?.setupFunc).toBe(shipped.get(k.kernelName)?.setupFunc);

    // The backend initialises after registration: the shipped BatchMatMul our kernel builds on is set up.
    await loadWasmBackend();
    const a = tf.tensor(randomValues(64 * 30, 1), [64, 30]);
    const b = tf.tensor(randomValues(20 * 30, 2), [20, 30]);
    const wasm = tf.matMul(a, b, false, true);
    const wasmValues = await wasm.data();
    await tf.setBackend('cpu');
    const expected = tf.tidy(() => tf.matMul(tf.tensor(randomValues(64 * 30, 1), [64, 30]), tf.tensor(randomValues(20 * 30, 2), [20, 30]), false, true).dataSync());
    expect(relativeError(expected, wasmValues)).toBeLessThanOrEqual(1e-5);
    tf.dispose([a, b, wasm]);

    unregisterWasmTrainingKernels();
    for (const n of names(WASM_MISSING_KERNELS)) expect(tf.getKernel(n, 'wasm'), n).toBeUndefined();
    for (const [n, k] of shipped) expect(tf.getKernel(n, 'wasm'), n).toBe(k);
    expect(registerWasmTrainingKernels().length).toBe(WASM_MISSING_KERNELS.length + WASM_FIXED_KERNELS.length + WASM_FASTER_KERNELS.length);
  });
});
