"""NumPy stand-in for the subset of TensorFlow that the Keras export's model.py uses (tests only).

Tensors are NumPy arrays (float64 for floating point); ops follow TensorFlow's semantics.
"""
import math

import numpy as np

float32 = np.float32
int32 = np.int32


def _f(x):
    a = np.asarray(x)
    return a.astype(np.float64) if a.dtype.kind == 'f' else a


def _dims(s):
    return [int(v) for v in np.asarray(s).reshape(-1)]


def shape(x):
    return np.asarray(np.shape(x), dtype=np.int64)


def tensordot(a, b, axes):
    return np.tensordot(_f(a), _f(b), axes=axes)


def matmul(a, b, transpose_a=False, transpose_b=False):
    a, b = _f(a), _f(b)
    if transpose_a:
        a = np.swapaxes(a, -1, -2)
    if transpose_b:
        b = np.swapaxes(b, -1, -2)
    return np.matmul(a, b)


def reshape(x, s):
    return np.reshape(_f(x), _dims(s))


def transpose(x, perm=None):
    return np.transpose(_f(x), perm)


def concat(xs, axis):
    return np.concatenate([_f(x) for x in xs], axis=axis)


def stack(xs, axis=0):
    return np.stack([_f(x) for x in xs], axis=axis)


def reduce_sum(x, axis=None, keepdims=False):
    return np.sum(_f(x), axis=axis, keepdims=keepdims)


def reduce_mean(x, axis=None, keepdims=False):
    return np.mean(_f(x), axis=axis, keepdims=keepdims)


def reduce_max(x, axis=None, keepdims=False):
    return np.max(_f(x), axis=axis, keepdims=keepdims)


def reduce_logsumexp(x, axis=None, keepdims=False):
    x = _f(x)
    m = np.max(x, axis=axis, keepdims=True)
    out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    return out if keepdims else np.squeeze(out, axis=axis)


def sqrt(x):
    return np.sqrt(_f(x))


def square(x):
    return np.square(_f(x))


def abs(x):  # noqa: A001 (TensorFlow's name)
    return np.abs(_f(x))


def sign(x):
    return np.sign(_f(x))


def exp(x):
    return np.exp(_f(x))


def tanh(x):
    return np.tanh(_f(x))


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-_f(x)))


def ones(s, dtype=float32):
    return np.ones(_dims(s), dtype=np.float64 if np.dtype(dtype).kind == 'f' else dtype)


def fill(dims, value):
    return np.full(_dims(dims), value, dtype=np.float64)


def expand_dims(x, axis):
    return np.expand_dims(_f(x), axis)


def squeeze(x, axis=None):
    return np.squeeze(_f(x), axis=tuple(axis) if isinstance(axis, list) else axis)


def tile(x, multiples):
    return np.tile(_f(x), _dims(multiples))


def cast(x, dtype):
    return np.asarray(x).astype(np.float64 if np.dtype(dtype).kind == 'f' else dtype)


def one_hot(indices, depth, dtype=float32):
    return np.eye(depth, dtype=np.float64)[np.asarray(indices)]


def argmax(x, axis=None):
    return np.argmax(_f(x), axis=axis)


def identity(x):
    return np.array(x, copy=True)


class nn:  # noqa: N801 (a namespace, as tf.nn)
    @staticmethod
    def softmax(x, axis=-1):
        x = _f(x)
        e = np.exp(x - np.max(x, axis=axis, keepdims=True))
        return e / np.sum(e, axis=axis, keepdims=True)

    @staticmethod
    def log_softmax(x, axis=-1):
        x = _f(x)
        return x - reduce_logsumexp(x, axis=axis, keepdims=True)

    @staticmethod
    def relu(x):
        return np.maximum(_f(x), 0)

    @staticmethod
    def dropout(x, rate):
        keep = np.random.uniform(size=np.shape(x)) >= rate
        return _f(x) * keep / (1 - rate)


class random:  # noqa: N801
    @staticmethod
    def uniform(s):
        return np.random.uniform(size=_dims(s))


_erf = np.vectorize(math.erf)


def _gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


ACTIVATIONS = {
    'linear': lambda x: x,
    'relu': nn.relu,
    'gelu': _gelu,
    'tanh': tanh,
    'sigmoid': sigmoid,
    'softmax': nn.softmax,
}

from . import keras  # noqa: E402  (tf.keras, after the ops it uses)
