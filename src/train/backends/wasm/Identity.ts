// Identity and same-dtype Cast for the wasm backend without a copy. tfjs 4.22's wasm kernels copy
// the whole buffer (a JavaScript TypedArray.set); the cpu backend and the wasm backend's own Reshape
// instead share the input's buffer and count one more reference to it, which is safe because no
// kernel writes into its inputs. A training step runs dozens of these on activation-sized tensors
// (the ReLU gradient casts its float32 step mask to float32; gradients are cloned).
import * as tf from '@tensorflow/tfjs';
import type { CastAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { asWasm, runWasm } from './util.ts';

function share(backend: ReturnType<typeof asWasm>, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

export const identity: KernelFunc = ({ inputs, backend: kernelBackend }) => {
  const backend = asWasm(kernelBackend);
  const x = inputs['x'];
  if (!x) throw new Error('Identity (wasm): input x is required.');
  return x.dtype === 'string' ? runWasm('Identity', backend, { x }) : share(backend, x);
};

export const cast: KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = asWasm(kernelBackend);
  const x = inputs['x'];
  if (!x) throw new Error('Cast (wasm): input x is required.');
  const { dtype } = attrs as unknown as CastAttrs;
  return dtype === x.dtype && x.dtype !== 'string' ? share(backend, x) : runWasm('Cast', backend, { x }, { dtype });
};

export const identityConfig: KernelConfig = { kernelName: tf.Identity, backendName: 'wasm', kernelFunc: identity };
export const castConfig: KernelConfig = { kernelName: tf.Cast, backendName: 'wasm', kernelFunc: cast };
