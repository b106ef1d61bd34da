// Helpers for composite wasm kernels: run the wasm backend's own kernel functions directly (no
// engine, no gradient tape, no profiler entries) and free their intermediate outputs.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { DataType, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

/** The wasm backend as our kernels use it (only its public surface). */
export type WasmBackend = BackendWasm;

export function asWasm(backend: unknown): WasmBackend {
  return backend as WasmBackend;
}

/**
 * The kernels tfjs-backend-wasm itself registered under names we replace (see index.ts), so a
 * replacement can still build on, or fall back to, the shipped kernel.
 */
export const shippedKernels = new Map<string, KernelConfig>();

function shipped(name: string): KernelFunc {
  const func = (shippedKernels.get(name) ?? tf.getKernel(name, 'wasm'))?.kernelFunc;
  if (!func) throw new Error(`wasm training kernels: the wasm backend has no '${name}' kernel to build on.`);
  return func;
}

/**
 * Runs the wasm backend's own (shipped) single-output kernel `name` on TensorInfos and returns
 * its output, a fresh TensorInfo owned by the caller: return it from a kernel (the engine then
 * tracks it) or free it with {@link release}.
 */
export function runWasm(name: string, backend: WasmBackend, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap = {}): TensorInfo {
  const out = shipped(name)({ inputs, backend, attrs });
  if (Array.isArray(out)) {
    release(backend, ...out);
    throw new Error(`wasm training kernels: '${name}' returned ${out.length} outputs, expected one.`);
  }
  return out;
}

/** Frees intermediate outputs of {@link runWasm} (reference-counted by the backend). */
export function release(backend: WasmBackend, ...infos: (TensorInfo | null | undefined)[]): void {
  for (const t of infos) if (t) backend.disposeData(t.dataId);
}

/** The same data seen with another shape (no copy, no reference taken: never release or return it). */
export function view(t: TensorInfo, shape: number[], dtype: DataType = t.dtype): TensorInfo {
  return { dataId: t.dataId, shape, dtype };
}

/** A small constant float32 tensor on the wasm heap (a fresh reference, to return or release). */
export function constantWasm(backend: WasmBackend, values: Float32Array, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32', undefined, values);
}

/** Transposes `t` with the wasm Transpose kernel (a fresh reference, to return or release, even for a no-op permutation). */
export function transposeWasm(backend: WasmBackend, t: TensorInfo, perm: number[]): TensorInfo {
  return runWasm('Transpose', backend, { x: t }, { perm });
}
