// Test helpers (Node): load the wasm backend from node_modules, compare backends.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * The .wasm binaries, as a file:// URL directory (the package's Node bundle reads them with fs).
 * In Node the backend is single-threaded: tfjs-backend-wasm 4.22 disables threads under Node.
 */
export const WASM_DIR = new URL('../../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).href;

let ready: Promise<void> | undefined;

/** Loads (once) and selects the wasm backend. Does not register our kernels. */
export function loadWasmBackend(): Promise<void> {
  ready ??= (async () => {
    setWasmPaths(WASM_DIR);
    if (!(await tf.setBackend('wasm'))) throw new Error(`could not initialise the wasm backend from ${WASM_DIR}`);
  })();
  return ready.then(async () => {
    await tf.setBackend('wasm');
  });
}

/** Backend-level buffers of the wasm backend: catches intermediates a kernel forgot to free. */
export function wasmDataIds(): number {
  return (tf.findBackend('wasm') as BackendWasm | null)?.numDataIds() ?? 0;
}

/** A deterministic pseudo-random Float32Array in [-1, 1) (mulberry32). */
export function randomValues(size: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/** max |a − b| / max |a| (0 when both are all zero). */
export function relativeError(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (expected.length !== actual.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    const a = actual[i] as number;
    if (Number.isNaN(e) !== Number.isNaN(a)) return Infinity;
    diff = Math.max(diff, Math.abs(e - a));
    scale = Math.max(scale, Math.abs(e));
  }
  return scale === 0 ? diff : diff / scale;
}

export interface KernelRun {
  values: Float32Array | Int32Array;
  shape: number[];
}

/**
 * Runs kernel `name` through the engine on `backend` with fresh tensors made from `inputs`, reads
 * the first output and disposes everything.
 */
export async function runKernelOn(
  backend: string,
  name: string,
  inputs: Record<string, { values: Float32Array | Int32Array; shape: number[] }>,
  attrs: Record<string, unknown>,
): Promise<KernelRun> {
  await tf.setBackend(backend);
  const tensors: Record<string, tf.Tensor> = {};
  for (const [key, v] of Object.entries(inputs)) tensors[key] = tf.tensor(v.values, v.shape, v.values instanceof Int32Array ? 'int32' : 'float32');
  const out = tf.engine().runKernel(name, tensors, attrs as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];
  const outs = Array.isArray(out) ? out : [out];
  const first = outs[0];
  if (!first) throw new Error(`${name} returned no output`);
  const values = (await first.data()) as Float32Array | Int32Array;
  const shape = first.shape;
  tf.dispose([...outs, ...Object.values(tensors)]);
  return { values, shape };
}
