"""NumPy stand-ins for the Keras layers the export builds, with Keras's constructor signatures and
documented semantics (channels last; TensorFlow 'same' padding; LSTM gates i, f, c, o; GRU with
reset_after=False, gates z, r, h)."""
import numpy as np

import tensorflow as tf


class Symbol:
    """A symbolic tensor of the functional API: an input, a layer call, or one output of a layer call."""

    def __init__(self, kind, layer=None, inputs=None, parent=None, index=None, shape=None, dtype=None, name=None):
        self.kind, self.layer, self.inputs, self.parent, self.index = kind, layer, inputs, parent, index
        self.shape, self.dtype, self.name = shape, dtype, name

    def __getitem__(self, i):
        return Symbol('select', parent=self, index=i)

    def flat_inputs(self):
        return list(self.inputs) if isinstance(self.inputs, (list, tuple)) else [self.inputs]

    def evaluate(self, memo, training):
        if id(self) in memo:
            return memo[id(self)]
        if self.kind == 'input':
            raise ValueError('no value for input %s' % self.name)
        if self.kind == 'select':
            value = self.parent.evaluate(memo, training)
            if not isinstance(value, (list, tuple)):
                raise ValueError('%s has one output; it cannot be indexed' % self.parent.layer.name)
            value = value[self.index]
        else:
            args = [i.evaluate(memo, training) for i in self.inputs] if isinstance(self.inputs, (list, tuple)) else self.inputs.evaluate(memo, training)
            value = self.layer(args, training=training)
        memo[id(self)] = value
        return value


class Variable(np.ndarray):
    pass


def _shape_of(x):
    return [_shape_of(v) for v in x] if isinstance(x, (list, tuple)) else tuple(np.shape(x))


class Layer:
    def __init__(self, name=None, trainable=True, dtype=None, **kwargs):
        if kwargs:
            raise TypeError('unexpected arguments %s' % sorted(kwargs))
        self.name = name
        self.built = False
        self._weights = []

    def add_weight(self, name=None, shape=None, dtype=None, initializer=None, trainable=True, **kwargs):
        v = np.zeros(tuple(int(d) for d in shape), dtype=np.float64).view(Variable)
        v.weight_name = name
        self._weights.append(v)
        return v

    @property
    def weights(self):
        return list(self._weights)

    def build(self, input_shape):
        self.built = True

    def get_config(self):
        return {'name': self.name}

    def get_weights(self):
        return [np.array(v) for v in self._weights]

    def set_weights(self, values):
        if len(values) != len(self._weights):
            raise ValueError('layer %s has %d weights, got %d' % (self.name, len(self._weights), len(values)))
        for v, value in zip(self._weights, values):
            value = np.asarray(value)
            if value.shape != v.shape:
                raise ValueError('layer %s weight %s: shape %s, got %s' % (self.name, v.weight_name, v.shape, value.shape))
            v[...] = value

    def __call__(self, inputs, training=None):
        flat = inputs if isinstance(inputs, (list, tuple)) else [inputs]
        if any(isinstance(i, Symbol) for i in flat):
            return Symbol('call', layer=self, inputs=inputs)
        if not self.built:
            self.build(_shape_of(inputs))
            self.built = True
        return self.call(inputs, training=training)

    def call(self, inputs, training=None):
        raise NotImplementedError


def _act(name):
    if name not in tf.ACTIVATIONS:
        raise ValueError('unknown activation %r' % name)
    return tf.ACTIVATIONS[name]


def _tuple(v, n):
    return tuple(v) if isinstance(v, (list, tuple)) else (v,) * n


class Dense(Layer):
    def __init__(self, units, activation=None, use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros', **kwargs):
        super().__init__(**kwargs)
        self.units, self.activation, self.use_bias = units, _act(activation or 'linear'), use_bias

    def build(self, input_shape):
        self.kernel = self.add_weight(name='kernel', shape=(input_shape[-1], self.units))
        if self.use_bias:
            self.bias = self.add_weight(name='bias', shape=(self.units,))

    def call(self, x, training=None):
        y = np.tensordot(x, self.kernel, axes=1)
        return self.activation(y + self.bias if self.use_bias else y)


def _same_pad(size, k, s, d):
    eff = (k - 1) * d + 1
    out = -(-size // s)
    total = max((out - 1) * s + eff - size, 0)
    return out, total // 2, total - total // 2


class Conv2D(Layer):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding='valid', data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.filters, self.kernel_size, self.strides = filters, _tuple(kernel_size, 2), _tuple(strides, 2)
        self.padding, self.dilation_rate, self.activation, self.use_bias = padding, _tuple(dilation_rate, 2), _act(activation or 'linear'), use_bias

    def build(self, input_shape):
        self.kernel = self.add_weight(name='kernel', shape=self.kernel_size + (input_shape[-1], self.filters))
        if self.use_bias:
            self.bias = self.add_weight(name='bias', shape=(self.filters,))

    def call(self, x, training=None):
        (kh, kw), (sh, sw), (dh, dw) = self.kernel_size, self.strides, self.dilation_rate
        b, h, w, _ = x.shape
        if self.padding == 'same':
            oh, top, bottom = _same_pad(h, kh, sh, dh)
            ow, left, right = _same_pad(w, kw, sw, dw)
            x = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))
        else:
            oh, ow = (h - (kh - 1) * dh - 1) // sh + 1, (w - (kw - 1) * dw - 1) // sw + 1
        y = np.zeros((b, oh, ow, self.filters))
        for i in range(kh):
            for j in range(kw):
                patch = x[:, i * dh: i * dh + (oh - 1) * sh + 1: sh, j * dw: j * dw + (ow - 1) * sw + 1: sw, :]
                y += patch @ self.kernel[i, j]
        return self.activation(y + self.bias if self.use_bias else y)


class Conv1D(Conv2D):
    def __init__(self, filters, kernel_size, strides=1, padding='valid', data_format=None, dilation_rate=1, activation=None, use_bias=True, **kwargs):
        super().__init__(filters, (1, _tuple(kernel_size, 1)[0]), (1, _tuple(strides, 1)[0]), padding, data_format, (1, _tuple(dilation_rate, 1)[0]), activation, use_bias, **kwargs)

    def build(self, input_shape):
        k = self.kernel_size[1]
        self.kernel = self.add_weight(name='kernel', shape=(k, input_shape[-1], self.filters))
        if self.use_bias:
            self.bias = self.add_weight(name='bias', shape=(self.filters,))

    def call(self, x, training=None):
        kernel = self.kernel
        self.kernel = np.asarray(kernel)[None]
        try:
            return Conv2D.call(self, x[:, None], training)[:, 0]
        finally:
            self.kernel = kernel


class MaxPooling2D(Layer):
    def __init__(self, pool_size=(2, 2), strides=None, padding='valid', data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.pool_size = _tuple(pool_size, 2)
        self.strides = _tuple(strides or pool_size, 2)
        if padding != 'valid':
            raise NotImplementedError('padding %s' % padding)

    def call(self, x, training=None):
        (ph, pw), (sh, sw) = self.pool_size, self.strides
        oh, ow = (x.shape[1] - ph) // sh + 1, (x.shape[2] - pw) // sw + 1
        return np.max([x[:, i: i + (oh - 1) * sh + 1: sh, j: j + (ow - 1) * sw + 1: sw, :] for i in range(ph) for j in range(pw)], axis=0)


class MaxPooling1D(MaxPooling2D):
    def __init__(self, pool_size=2, strides=None, padding='valid', data_format=None, **kwargs):
        super().__init__((1, _tuple(pool_size, 1)[0]), (1, _tuple(strides or pool_size, 1)[0]), padding, data_format, **kwargs)

    def call(self, x, training=None):
        return MaxPooling2D.call(self, x[:, None], training)[:, 0]


class GlobalAveragePooling2D(Layer):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)

    def call(self, x, training=None):
        return x.mean(axis=(1, 2))


class GlobalAveragePooling1D(Layer):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)

    def call(self, x, training=None):
        return x.mean(axis=1)


class GlobalMaxPooling1D(Layer):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)

    def call(self, x, training=None):
        return x.max(axis=1)


class Flatten(Layer):
    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)

    def call(self, x, training=None):
        return x.reshape(x.shape[0], -1)


class Reshape(Layer):
    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def call(self, x, training=None):
        return x.reshape((x.shape[0],) + self.target_shape)


class Cropping2D(Layer):
    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.cropping = cropping

    def call(self, x, training=None):
        (t, b), (l, r) = self.cropping
        return x[:, t: x.shape[1] - b, l: x.shape[2] - r, :]


class Concatenate(Layer):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, xs, training=None):
        return np.concatenate(xs, axis=self.axis)


class _Merge(Layer):
    def call(self, xs, training=None):
        return self.op(np.stack(xs, 0))


class Add(_Merge):
    op = staticmethod(lambda s: s.sum(0))


class Multiply(_Merge):
    op = staticmethod(lambda s: s.prod(0))


class Average(_Merge):
    op = staticmethod(lambda s: s.mean(0))


class Maximum(_Merge):
    op = staticmethod(lambda s: s.max(0))


class Activation(Layer):
    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = _act(activation)

    def call(self, x, training=None):
        return self.activation(x)


class Dropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, x, training=None):
        return tf.nn.dropout(x, self.rate) if training else x


class Embedding(Layer):
    def __init__(self, input_dim, output_dim, embeddings_initializer='uniform', mask_zero=False, **kwargs):
        super().__init__(**kwargs)
        self.input_dim, self.output_dim = input_dim, output_dim

    def build(self, input_shape):
        self.embeddings = self.add_weight(name='embeddings', shape=(self.input_dim, self.output_dim))

    def call(self, x, training=None):
        return np.asarray(self.embeddings)[np.asarray(x).astype(np.int64)]


class _Recurrent(Layer):
    gates = 1

    def __init__(self, units, activation='tanh', recurrent_activation='sigmoid', use_bias=True, return_sequences=False, **kwargs):
        super().__init__(**kwargs)
        self.units, self.activation, self.recurrent_activation = units, _act(activation), _act(recurrent_activation)
        self.use_bias, self.return_sequences = use_bias, return_sequences

    def build(self, input_shape):
        g = self.gates * self.units
        self.kernel = self.add_weight(name='kernel', shape=(input_shape[-1], g))
        self.recurrent_kernel = self.add_weight(name='recurrent_kernel', shape=(self.units, g))
        if self.use_bias:
            self.bias = self.add_weight(name='bias', shape=(g,))

    def call(self, x, training=None):
        b, t, _ = x.shape
        state = [np.zeros((b, self.units)) for _ in range(self.states)]
        outputs = []
        for k in range(t):
            xk = x[:, k] @ self.kernel + (self.bias if self.use_bias else 0)
            state = self.step(xk, state)
            outputs.append(state[0])
        return np.stack(outputs, 1) if self.return_sequences else outputs[-1]


class LSTM(_Recurrent):
    gates, states = 4, 2

    def __init__(self, units, activation='tanh', recurrent_activation='sigmoid', use_bias=True, return_sequences=False, unit_forget_bias=True, **kwargs):
        super().__init__(units, activation, recurrent_activation, use_bias, return_sequences, **kwargs)

    def step(self, xk, state):
        h, c = state
        z = xk + h @ self.recurrent_kernel
        u = self.units
        i, f, g, o = (self.recurrent_activation(z[:, :u]), self.recurrent_activation(z[:, u:2 * u]),
                      self.activation(z[:, 2 * u:3 * u]), self.recurrent_activation(z[:, 3 * u:]))
        c = f * c + i * g
        return [o * self.activation(c), c]


class GRU(_Recurrent):
    gates, states = 3, 1

    def __init__(self, units, activation='tanh', recurrent_activation='sigmoid', use_bias=True, return_sequences=False, reset_after=True, **kwargs):
        super().__init__(units, activation, recurrent_activation, use_bias, return_sequences, **kwargs)
        if reset_after:
            raise NotImplementedError('only reset_after=False (the tfjs GRU)')

    def step(self, xk, state):
        (h,) = state
        u = self.units
        r_k = np.asarray(self.recurrent_kernel)
        z = self.recurrent_activation(xk[:, :u] + h @ r_k[:, :u])
        r = self.recurrent_activation(xk[:, u:2 * u] + h @ r_k[:, u:2 * u])
        hh = self.activation(xk[:, 2 * u:] + (r * h) @ r_k[:, 2 * u:])
        return [z * h + (1 - z) * hh]
