"""NumPy stand-in for tf.keras (tests only): Input, Model, layers, initializers.

The functional API records a graph of Symbols; Model builds every layer with a dry run on zeros
and then evaluates the graph on NumPy arrays.
"""
import numpy as np

from . import initializers, layers  # noqa: F401
from .layers import Symbol


def Input(shape, dtype='float32', name=None):  # noqa: N802 (Keras's name)
    return Symbol('input', shape=tuple(int(d) for d in shape), dtype=dtype, name=name)


class Model:
    def __init__(self, inputs, outputs, name=None):
        self.inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        self.outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
        self.name = name
        self.layers = []
        seen = set()

        def collect(s):
            if s.kind == 'call':
                for i in s.flat_inputs():
                    collect(i)
                if id(s.layer) not in seen:
                    seen.add(id(s.layer))
                    self.layers.append(s.layer)
            elif s.kind == 'select':
                collect(s.parent)

        for o in self.outputs:
            collect(o)
        names = [layer.name for layer in self.layers]
        if len(set(names)) != len(names):
            raise ValueError('layer names must be unique: %s' % names)
        # Build every layer: a dry run on zeros of batch 2.
        self([np.zeros((2,) + s.shape, dtype=np.int64 if s.dtype == 'int32' else np.float64) for s in self.inputs])

    def get_layer(self, name):
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError('No such layer: %s' % name)

    def summary(self):
        for layer in self.layers:
            print('%-40s %s' % (layer.name, type(layer).__name__))

    def __call__(self, xs, training=False):
        xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
        if len(xs) != len(self.inputs):
            raise ValueError('the model takes %d inputs, got %d' % (len(self.inputs), len(xs)))
        memo = {}
        for s, x in zip(self.inputs, xs):
            x = np.asarray(x)
            if x.shape[1:] != s.shape:
                raise ValueError('input %s: expected shape %s, got %s' % (s.name, s.shape, x.shape[1:]))
            memo[id(s)] = x.astype(np.float64) if x.dtype.kind == 'f' else x
        outs = [o.evaluate(memo, training) for o in self.outputs]
        return outs if len(outs) > 1 else outs[0]
