// UnsortedSegmentSum for the wasm backend (tfjs 4.22 ships none; it is the gradient of gather, so
// an embedding table cannot train without it). Computed with the backend's ScatterNd kernel, which
// sums updates that share an index:
//
//   out[s, ...] = Σ_{n : ids[n] = s} x[n, ...]   ==   scatterND(ids as [N, 1], x as [N, ...], [S, ...])
//
// Ids outside [0, numSegments) contribute nothing (as on the cpu backend): they are redirected to
// one extra segment that is sliced off. Checking the ids reads only the N int32 ids (not x).
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, TensorInfo, UnsortedSegmentSumAttrs } from '@tensorflow/tfjs';
import { asWasm, release, runWasm, view } from './util.ts';

export const unsortedSegmentSum: KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = asWasm(kernelBackend);
  const { numSegments } = attrs as unknown as UnsortedSegmentSumAttrs;
  const x = inputs['x'];
  const segmentIds = inputs['segmentIds'];
  if (!x || !segmentIds) throw new Error('UnsortedSegmentSum (wasm): inputs x and segmentIds are required.');
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`UnsortedSegmentSum (wasm): dtype ${x.dtype} is not supported.`);
  const idRank = segmentIds.shape.length;
  if (segmentIds.shape.some((d, i) => d !== x.shape[i])) {
    throw new Error(`UnsortedSegmentSum (wasm): segmentIds shape [${segmentIds.shape.join(', ')}] must prefix x shape [${x.shape.join(', ')}].`);
  }
  const n = tf.util.sizeFromShape(segmentIds.shape);
  const inner = x.shape.slice(idRank);
  const outShape = [numSegments, ...inner];

  const owned: TensorInfo[] = [];
  try {
    let ids: TensorInfo = segmentIds;
    if (segmentIds.dtype !== 'int32') {
      ids = runWasm('Cast', backend, { x: segmentIds }, { dtype: 'int32' });
      owned.push(ids);
    }
    const idValues = backend.typedArrayFromHeap(ids) as Int32Array;
    let valid = true;
    for (let i = 0; i < n; i++) {
      const s = idValues[i] as number;
      if (s < 0 || s >= numSegments) {
        valid = false;
        break;
      }
    }
    const updates = view(x, [n, ...inner]);
    if (valid) return runWasm('ScatterNd', backend, { indices: view(ids, [n, 1]), updates }, { shape: outShape });

    // Some ids are out of range: send them to segment `numSegments`, then drop that segment.
    const fixed = backend.makeOutput([n, 1], 'int32');
    owned.push(fixed);
    const fixedValues = backend.typedArrayFromHeap(fixed) as Int32Array;
    const currentIds = backend.typedArrayFromHeap(ids) as Int32Array; // re-read: the heap may have grown
    for (let i = 0; i < n; i++) {
      const s = currentIds[i] as number;
      fixedValues[i] = s >= 0 && s < numSegments ? s : numSegments;
    }
    const wide = runWasm('ScatterNd', backend, { indices: fixed, updates }, { shape: [numSegments + 1, ...inner] });
    owned.push(wide);
    return runWasm('Slice', backend, { x: wide }, { begin: outShape.map(() => 0), size: outShape });
  } finally {
    release(backend, ...owned);
  }
};

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum,
};
