/**
 * Python source of the Keras export's custom layers: one keras.layers.Layer subclass per Fusion*
 * tfjs layer of src/compile/layers, written op for op after its call() (same weight names, shapes
 * and creation order, so that set_weights takes the tfjs weights as they are), plus the helpers
 * they share (dense over the last axis, layer norm, multi-head attention, the attention block).
 * Standard tfjs layers (Dense, Conv2D, LSTM, GRU with reset_after=False…) are Keras's own.
 */

interface Entry {
  readonly needs: readonly string[];
  readonly source: string;
}

const HELPERS: Record<string, Entry> = {
  _dense: {
    needs: [],
    source: String.raw`def _dense(x, kernel, bias=None):
    """x W (+ b) over the last axis, for any rank (tfjs: dense in src/compile/layers/common.ts)."""
    y = tf.tensordot(x, kernel, axes=1)
    return y if bias is None else y + bias`,
  },
  _layer_norm: {
    needs: [],
    source: String.raw`def _layer_norm(x, gamma, beta, epsilon):
    """(x - mean) / sqrt(var + epsilon) * gamma + beta over the last axis (biased variance)."""
    mu = tf.reduce_mean(x, axis=-1, keepdims=True)
    xc = x - mu
    variance = tf.reduce_mean(tf.square(xc), axis=-1, keepdims=True)
    return xc / tf.sqrt(variance + epsilon) * gamma + beta`,
  },
  _dropout: {
    needs: [],
    source: String.raw`def _dropout(x, rate, training):
    """Inverted dropout while training only."""
    return tf.nn.dropout(x, rate=rate) if training and rate > 0 else x`,
  },
  _multi_head_attention: {
    needs: [],
    source: String.raw`def _multi_head_attention(q, k, v, heads):
    """softmax(Q_h K_h^T / sqrt(d_head)) V_h per head; returns (context [B, Tq, d], A [B, heads, Tq, Tk])."""
    batch = tf.shape(q)[0]
    tq = tf.shape(q)[1]
    tk = tf.shape(k)[1]
    d = q.shape[-1]
    dh = d // heads

    def split(x, t):
        return tf.transpose(tf.reshape(x, [batch, t, heads, dh]), [0, 2, 1, 3])

    scores = tf.matmul(split(q, tq), split(k, tk), transpose_b=True) / math.sqrt(dh)
    attention = tf.nn.softmax(scores, axis=-1)
    context = tf.reshape(tf.transpose(tf.matmul(attention, split(v, tk)), [0, 2, 1, 3]), [batch, tq, d])
    return context, attention`,
  },
  _block: {
    needs: ['_dense', '_layer_norm', '_dropout', '_multi_head_attention'],
    source: String.raw`def _build_block(layer, d_query, d_key_value, d_model, ff_dim):
    """The attention block's weights, in tfjs's order (attentionBlock.ts: buildBlockWeights)."""
    shapes = [
        ('q_kernel', (d_query, d_model), 'glorot_uniform'), ('q_bias', (d_model,), 'zeros'),
        ('k_kernel', (d_key_value, d_model), 'glorot_uniform'), ('k_bias', (d_model,), 'zeros'),
        ('v_kernel', (d_key_value, d_model), 'glorot_uniform'), ('v_bias', (d_model,), 'zeros'),
        ('out_kernel', (d_model, d_model), 'glorot_uniform'), ('out_bias', (d_model,), 'zeros'),
    ]
    if d_query != d_model:
        shapes.append(('residual_kernel', (d_query, d_model), 'glorot_uniform'))
    shapes += [
        ('ln1_gamma', (d_model,), 'ones'), ('ln1_beta', (d_model,), 'zeros'),
        ('ffn1_kernel', (d_model, ff_dim), 'glorot_uniform'), ('ffn1_bias', (ff_dim,), 'zeros'),
        ('ffn2_kernel', (ff_dim, d_model), 'glorot_uniform'), ('ffn2_bias', (d_model,), 'zeros'),
        ('ln2_gamma', (d_model,), 'ones'), ('ln2_beta', (d_model,), 'zeros'),
    ]
    return {name: layer.add_weight(name=name, shape=shape, initializer=init) for name, shape, init in shapes}


def _run_block(w, xq, xkv, heads, dropout, epsilon, training):
    """Post-norm attention block: y = LN(residual(xq) + attention); out = LN(y + FFN(y)), ReLU FFN."""
    q = _dense(xq, w['q_kernel'], w['q_bias'])
    k = _dense(xkv, w['k_kernel'], w['k_bias'])
    v = _dense(xkv, w['v_kernel'], w['v_bias'])
    context, attention = _multi_head_attention(q, k, v, heads)
    attended = _dropout(_dense(context, w['out_kernel'], w['out_bias']), dropout, training)
    residual = _dense(xq, w['residual_kernel']) if 'residual_kernel' in w else xq
    y = _layer_norm(residual + attended, w['ln1_gamma'], w['ln1_beta'], epsilon)
    hidden = tf.nn.relu(_dense(y, w['ffn1_kernel'], w['ffn1_bias']))
    ffn = _dropout(_dense(hidden, w['ffn2_kernel'], w['ffn2_bias']), dropout, training)
    return _layer_norm(y + ffn, w['ln2_gamma'], w['ln2_beta'], epsilon), attention`,
  },
};

const EMBEDDING_INIT = "keras.initializers.TruncatedNormal(stddev=0.02)";

const CLASSES: Record<string, Entry> = {
  FusionModalityAttention: {
    needs: ['_dense'],
    source: String.raw`class FusionModalityAttention(layers.Layer):
    """alpha = softmax([z_1; ...; z_M] W_s + b_s); fused = sum_m alpha_m (z_m W_m + b_m)."""

    def __init__(self, units, return_weights=False, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.return_weights = return_weights

    def build(self, input_shape):
        widths = [int(s[-1]) for s in input_shape]
        self.proj_kernels = [self.add_weight(name='proj_kernel_%d' % m, shape=(d, self.units), initializer='glorot_uniform') for m, d in enumerate(widths)]
        self.proj_biases = [self.add_weight(name='proj_bias_%d' % m, shape=(self.units,), initializer='zeros') for m in range(len(widths))]
        self.score_kernel = self.add_weight(name='score_kernel', shape=(sum(widths), len(widths)), initializer='glorot_uniform')
        self.score_bias = self.add_weight(name='score_bias', shape=(len(widths),), initializer='zeros')
        super().build(input_shape)

    def call(self, inputs, training=None):
        m = len(inputs)
        alpha = tf.nn.softmax(_dense(tf.concat(inputs, -1), self.score_kernel, self.score_bias), axis=-1)
        u = tf.stack([_dense(z, k, b) for z, k, b in zip(inputs, self.proj_kernels, self.proj_biases)], 1)
        fused = tf.reduce_sum(u * tf.reshape(alpha, [-1, m, 1]), 1)
        return [fused, alpha] if self.return_weights else fused

    def get_config(self):
        return {**super().get_config(), 'units': self.units, 'return_weights': self.return_weights}`,
  },
  FusionCrossAttention: {
    needs: ['_block'],
    source: String.raw`class FusionCrossAttention(layers.Layer):
    """X_A attends to X_B (queries from A, keys and values from B) in one attention block."""

    def __init__(self, d_model, heads, ff_dim, dropout=0.0, epsilon=1e-5, return_weights=False, **kwargs):
        super().__init__(**kwargs)
        self.d_model = d_model
        self.heads = heads
        self.ff_dim = ff_dim
        self.dropout = dropout
        self.epsilon = epsilon
        self.return_weights = return_weights

    def build(self, input_shape):
        a, b = input_shape
        self.w = _build_block(self, int(a[-1]), int(b[-1]), self.d_model, self.ff_dim)
        super().build(input_shape)

    def call(self, inputs, training=None):
        xa, xb = inputs
        tokens = lambda x: tf.expand_dims(x, 1) if len(x.shape) == 2 else x
        out, attention = _run_block(self.w, tokens(xa), tokens(xb), self.heads, self.dropout, self.epsilon, training)
        fused = tf.squeeze(out, [1]) if len(xa.shape) == 2 else out
        return [fused, attention] if self.return_weights else fused

    def get_config(self):
        return {**super().get_config(), 'd_model': self.d_model, 'heads': self.heads, 'ff_dim': self.ff_dim,
                'dropout': self.dropout, 'epsilon': self.epsilon, 'return_weights': self.return_weights}`,
  },
  FusionTransformerBlock: {
    needs: ['_block'],
    source: String.raw`class FusionTransformerBlock(layers.Layer):
    """Self-attention over tokens [B, T, d] in one attention block."""

    def __init__(self, heads, ff_dim, dropout=0.0, epsilon=1e-5, return_weights=False, **kwargs):
        super().__init__(**kwargs)
        self.heads = heads
        self.ff_dim = ff_dim
        self.dropout = dropout
        self.epsilon = epsilon
        self.return_weights = return_weights

    def build(self, input_shape):
        d = int(input_shape[-1])
        self.w = _build_block(self, d, d, d, self.ff_dim)
        super().build(input_shape)

    def call(self, inputs, training=None):
        out, attention = _run_block(self.w, inputs, inputs, self.heads, self.dropout, self.epsilon, training)
        return [out, attention] if self.return_weights else out

    def get_config(self):
        return {**super().get_config(), 'heads': self.heads, 'ff_dim': self.ff_dim, 'dropout': self.dropout,
                'epsilon': self.epsilon, 'return_weights': self.return_weights}`,
  },
  FusionTokenJoin: {
    needs: ['_dense'],
    source: String.raw`class FusionTokenJoin(layers.Layer):
    """[CLS; z_1 W_1 + b_1 + type_1; ...]: every modality's tokens projected to d_model, typed, joined."""

    def __init__(self, d_model, token_counts=None, **kwargs):
        super().__init__(**kwargs)
        self.d_model = d_model
        self.token_counts = token_counts

    def build(self, input_shape):
        widths = [int(s[-1]) for s in input_shape]
        self.proj_kernels = [self.add_weight(name='proj_kernel_%d' % m, shape=(d, self.d_model), initializer='glorot_uniform') for m, d in enumerate(widths)]
        self.proj_biases = [self.add_weight(name='proj_bias_%d' % m, shape=(self.d_model,), initializer='zeros') for m in range(len(widths))]
        self.type_embedding = self.add_weight(name='type_embedding', shape=(len(widths), self.d_model), initializer=${EMBEDDING_INIT})
        self.cls_token = self.add_weight(name='cls_token', shape=(1, 1, self.d_model), initializer=${EMBEDDING_INIT})
        super().build(input_shape)

    def call(self, inputs, training=None):
        batch = tf.shape(inputs[0])[0]
        parts = []
        for m, x in enumerate(inputs):
            tokens = tf.expand_dims(x, 1) if len(x.shape) == 2 else x
            projected = _dense(tokens, self.proj_kernels[m], self.proj_biases[m])
            parts.append(projected + tf.reshape(self.type_embedding[m], [1, 1, self.d_model]))
        cls = tf.tile(self.cls_token, [batch, 1, 1])
        return tf.concat([cls] + parts, 1)

    def get_config(self):
        return {**super().get_config(), 'd_model': self.d_model, 'token_counts': self.token_counts}`,
  },
  FusionTensor: {
    needs: [],
    source: String.raw`class FusionTensor(layers.Layer):
    """Tensor fusion: the flattened outer product of [z_m; 1] over the modalities (no weights)."""

    def call(self, inputs, training=None):
        batch = tf.shape(inputs[0])[0]
        with_one = lambda z: tf.concat([z, tf.ones([batch, 1], dtype=z.dtype)], 1)
        acc = with_one(inputs[0])
        for z in inputs[1:]:
            acc = tf.reshape(tf.expand_dims(acc, 2) * tf.expand_dims(with_one(z), 1), [batch, -1])
        return acc`,
  },
  FusionLowRank: {
    needs: [],
    source: String.raw`class FusionLowRank(layers.Layer):
    """Low-rank multimodal fusion: h = sum_r lambda_r prod_m ([z_m; 1] W_m^(r)) + b."""

    def __init__(self, units, rank, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.rank = rank

    def build(self, input_shape):
        self.factors = [self.add_weight(name='factor_%d' % m, shape=(int(s[-1]) + 1, self.rank * self.units), initializer='glorot_uniform') for m, s in enumerate(input_shape)]
        self.rank_weights = self.add_weight(name='rank_weights', shape=(self.rank,), initializer='glorot_uniform')
        self.bias = self.add_weight(name='bias', shape=(self.units,), initializer='zeros')
        super().build(input_shape)

    def call(self, inputs, training=None):
        batch = tf.shape(inputs[0])[0]

        def factor(m):
            with_one = tf.concat([inputs[m], tf.ones([batch, 1], dtype=inputs[m].dtype)], 1)
            return tf.reshape(tf.matmul(with_one, self.factors[m]), [batch, self.rank, self.units])

        product = factor(0)
        for m in range(1, len(inputs)):
            product = product * factor(m)
        return tf.reduce_sum(product * tf.reshape(self.rank_weights, [1, self.rank, 1]), 1) + self.bias

    def get_config(self):
        return {**super().get_config(), 'units': self.units, 'rank': self.rank}`,
  },
  FusionGated: {
    needs: ['_dense'],
    source: String.raw`class FusionGated(layers.Layer):
    """Gated multimodal unit: h_m = tanh(z_m W_m + b_m); a sigmoid gate (2 inputs) or a softmax over
    the modalities per unit (3 or more) mixes them."""

    def __init__(self, units, return_weights=False, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.return_weights = return_weights

    def build(self, input_shape):
        widths = [int(s[-1]) for s in input_shape]
        m = len(widths)
        gate_width = self.units if m == 2 else m * self.units
        self.kernels_ = [self.add_weight(name='kernel_%d' % i, shape=(d, self.units), initializer='glorot_uniform') for i, d in enumerate(widths)]
        self.biases_ = [self.add_weight(name='bias_%d' % i, shape=(self.units,), initializer='zeros') for i in range(m)]
        self.gate_kernel = self.add_weight(name='gate_kernel', shape=(sum(widths), gate_width), initializer='glorot_uniform')
        self.gate_bias = self.add_weight(name='gate_bias', shape=(gate_width,), initializer='zeros')
        super().build(input_shape)

    def call(self, inputs, training=None):
        hs = [tf.tanh(_dense(z, k, b)) for z, k, b in zip(inputs, self.kernels_, self.biases_)]
        logits = _dense(tf.concat(inputs, 1), self.gate_kernel, self.gate_bias)
        if len(inputs) == 2:
            g = tf.sigmoid(logits)
            h = g * hs[0] + (1 - g) * hs[1]
            return [h, g] if self.return_weights else h
        m = len(inputs)
        gates = tf.transpose(tf.nn.softmax(tf.transpose(tf.reshape(logits, [-1, m, self.units]), [0, 2, 1]), axis=-1), [0, 2, 1])
        h = tf.reduce_sum(gates * tf.stack(hs, 1), 1)
        return [h, gates] if self.return_weights else h

    def get_config(self):
        return {**super().get_config(), 'units': self.units, 'return_weights': self.return_weights}`,
  },
  FusionFiLM: {
    needs: ['_dense'],
    source: String.raw`class FusionFiLM(layers.Layer):
    """FiLM: F * (c W_g + b_g) + (c W_b + b_b), broadcast over every axis of F but the channels."""

    def build(self, input_shape):
        f, c = input_shape
        channels, dc = int(f[-1]), int(c[-1])
        self.gamma_kernel = self.add_weight(name='gamma_kernel', shape=(dc, channels), initializer='glorot_uniform')
        self.gamma_bias = self.add_weight(name='gamma_bias', shape=(channels,), initializer='ones')
        self.beta_kernel = self.add_weight(name='beta_kernel', shape=(dc, channels), initializer='glorot_uniform')
        self.beta_bias = self.add_weight(name='beta_bias', shape=(channels,), initializer='zeros')
        super().build(input_shape)

    def call(self, inputs, training=None):
        f, c = inputs
        shape = [-1] + [1] * (len(f.shape) - 2) + [int(f.shape[-1])]
        gamma = tf.reshape(_dense(c, self.gamma_kernel, self.gamma_bias), shape)
        beta = tf.reshape(_dense(c, self.beta_kernel, self.beta_bias), shape)
        return gamma * f + beta`,
  },
  FusionBilinear: {
    needs: ['_dense'],
    source: String.raw`class FusionBilinear(layers.Layer):
    """Factorised bilinear pooling (MFB): sum-pool (z_1 U) * (z_2 V) over factors, signed square root, L2 norm."""

    def __init__(self, factor, units, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor
        self.units = units
        self.epsilon = epsilon

    def build(self, input_shape):
        a, b = input_shape
        width = self.factor * self.units
        self.u_kernel = self.add_weight(name='u_kernel', shape=(int(a[-1]), width), initializer='glorot_uniform')
        self.v_kernel = self.add_weight(name='v_kernel', shape=(int(b[-1]), width), initializer='glorot_uniform')
        super().build(input_shape)

    def call(self, inputs, training=None):
        z1, z2 = inputs
        joint = _dense(z1, self.u_kernel) * _dense(z2, self.v_kernel)
        pooled = tf.reduce_sum(tf.reshape(joint, [-1, self.units, self.factor]), 2)
        signed_sqrt = tf.sign(pooled) * tf.sqrt(tf.abs(pooled) + self.epsilon)
        norm = tf.sqrt(tf.reduce_sum(tf.square(signed_sqrt), 1, keepdims=True) + self.epsilon)
        return signed_sqrt / norm

    def get_config(self):
        return {**super().get_config(), 'factor': self.factor, 'units': self.units, 'epsilon': self.epsilon}`,
  },
  FusionLateCombine: {
    needs: ['_dense'],
    source: String.raw`class FusionLateCombine(layers.Layer):
    """Late fusion of branch logits: 'mean' or 'weighted' mixtures of the branch probabilities (as log-probabilities),
    or 'stacking' (a dense layer over the concatenated logits)."""

    def __init__(self, mode, return_weights=False, **kwargs):
        super().__init__(**kwargs)
        self.mode = mode
        self.return_weights = return_weights

    def build(self, input_shape):
        m = len(input_shape)
        if self.mode == 'weighted':
            self.modality_logits = self.add_weight(name='modality_logits', shape=(m,), initializer='zeros')
        elif self.mode == 'stacking':
            k = int(input_shape[0][-1])
            self.kernel = self.add_weight(name='kernel', shape=(m * k, k), initializer='glorot_uniform')
            self.bias = self.add_weight(name='bias', shape=(k,), initializer='zeros')
        super().build(input_shape)

    def call(self, inputs, training=None):
        m = len(inputs)
        if self.mode == 'stacking':
            return _dense(tf.concat(inputs, 1), self.kernel, self.bias)
        if self.mode == 'weighted':
            log_w = tf.nn.log_softmax(self.modality_logits)
        else:
            log_w = tf.fill([m], -math.log(m))
        terms = tf.stack([tf.nn.log_softmax(l, axis=-1) for l in inputs], 1) + tf.reshape(log_w, [1, m, 1])
        log_p = tf.reduce_logsumexp(terms, 1)
        if not self.return_weights:
            return log_p
        return [log_p, tf.tile(tf.reshape(tf.exp(log_w), [1, m]), [tf.shape(inputs[0])[0], 1])]

    def get_config(self):
        return {**super().get_config(), 'mode': self.mode, 'return_weights': self.return_weights}`,
  },
  FusionModalityDropout: {
    needs: [],
    source: String.raw`class FusionModalityDropout(layers.Layer):
    """While training, drops whole modalities (zeroes them) with probability rate, keeping at least one
    (and, with use_mask, only present ones); at inference it passes its inputs through."""

    def __init__(self, rate, use_mask=False, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.use_mask = use_mask

    def call(self, inputs, training=None):
        data = list(inputs[:-1]) if self.use_mask else list(inputs)
        m = len(data)
        presence = tf.cast(inputs[-1], tf.float32) if self.use_mask else None
        keep = presence
        if training and self.rate > 0:
            batch = tf.shape(data[0])[0]
            kept = tf.cast(tf.random.uniform([batch, m]) >= self.rate, tf.float32)
            scores = tf.random.uniform([batch, m]) + 1
            if presence is not None:
                kept = kept * presence
                scores = scores * presence
            fallback = tf.one_hot(tf.argmax(scores, 1), m, dtype=tf.float32)
            if presence is not None:
                fallback = fallback * presence
            none_kept = 1 - tf.reduce_max(kept, 1, keepdims=True)
            keep = kept + none_kept * fallback
        if keep is None:
            return [tf.identity(x) for x in data]
        return [x * tf.cast(tf.reshape(keep[:, i], [-1] + [1] * (len(x.shape) - 1)), x.dtype) for i, x in enumerate(data)]

    def get_config(self):
        return {**super().get_config(), 'rate': self.rate, 'use_mask': self.use_mask}`,
  },
  FusionPositions: {
    needs: [],
    source: String.raw`class FusionPositions(layers.Layer):
    """An optional learned CLS token in front, then learned position embeddings added to the tokens."""

    def __init__(self, cls=False, positions=True, **kwargs):
        super().__init__(**kwargs)
        self.cls = cls
        self.positions = positions

    def build(self, input_shape):
        t, d = int(input_shape[1]), int(input_shape[2])
        if self.cls:
            self.cls_token = self.add_weight(name='cls_token', shape=(1, 1, d), initializer=${EMBEDDING_INIT})
        if self.positions:
            self.position_embedding = self.add_weight(name='position_embedding', shape=(1, t + (1 if self.cls else 0), d), initializer=${EMBEDDING_INIT})
        super().build(input_shape)

    def call(self, inputs, training=None):
        x = inputs
        if self.cls:
            x = tf.concat([tf.tile(self.cls_token, [tf.shape(x)[0], 1, 1]), x], 1)
        if self.positions:
            x = x + self.position_embedding
        return x

    def get_config(self):
        return {**super().get_config(), 'cls': self.cls, 'positions': self.positions}`,
  },
};

/** The custom layer classes this library writes (every Fusion* tfjs layer). */
export const KERAS_CUSTOM_CLASSES: readonly string[] = Object.keys(CLASSES);

/** The helpers and classes `classes` need, helpers first, each once. */
export function kerasLibrarySource(classes: readonly string[]): string {
  const helperOrder = Object.keys(HELPERS);
  const helpers = new Set<string>();
  const visit = (name: string): void => {
    const entry = HELPERS[name];
    if (entry === undefined || helpers.has(name)) return;
    entry.needs.forEach(visit);
    helpers.add(name);
  };
  for (const c of classes) {
    const entry = CLASSES[c];
    if (entry === undefined) throw new Error(`the Keras export has no class ${c}`);
    entry.needs.forEach(visit);
  }
  const parts = [...helperOrder.filter((h) => helpers.has(h)).map((h) => (HELPERS[h] as Entry).source), ...classes.map((c) => (CLASSES[c] as Entry).source)];
  return parts.join('\n\n\n');
}
