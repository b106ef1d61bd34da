/**
 * A corrected gradient for tf.unstack (kernel "Unpack"), registered on import.
 *
 * tfjs-core 4.22 hands a kernel with a single output its gradient as a bare tensor instead of a
 * list (engine: `gradientsFunc(dys.length > 1 ? dys : dys[0], …)`), and Unpack's gradient calls
 * stack(dy, axis), which then throws "Argument tensors passed to stack must be a `Tensor[]`". An
 * axis of length 1 is exactly that case. tfjs-layers' GRU and LSTM unstack their input over time,
 * so a recurrent encoder over a single step (a 1-D CNN pooled down to one step, a one-token text,
 * a one-patch image…) could not be trained whenever a trainable layer came before it. This is the
 * same gradient, accepting both forms; the registry is shared by every backend.
 */
import * as tf from '@tensorflow/tfjs';

tf.registerGradient({
  kernelName: tf.Unpack,
  gradFunc: (dy: tf.Tensor | tf.Tensor[], _saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
    const axis = attrs['axis'] as number;
    const dys = Array.isArray(dy) ? dy : [dy];
    return { value: () => tf.stack(dys, axis) };
  },
});
