/**
 * The Python source of every module class model.py may need, written out in full. Each class mirrors
 * one tfjs builder (src/compile/builders) or custom layer (src/compile/layers) exactly, with the
 * numerical details that matter for equivalence spelled out in its docstring. generate.ts emits only
 * the classes a graph uses (plus their dependencies), in this file's order.
 *
 * Conventions (all classes):
 * - Tensors are batch-first and channels-last, as in tfjs: images [B, H, W, C], sequences [B, T, F],
 *   tokens [B, T, d]. Convolution encoders permute to PyTorch's NCHW / NCW inside and back.
 * - Dense kernels become nn.Linear weights (transposed: [out, in]); biases are copied.
 * - Layer norm ε is 1e-5 (the tfjs custom layers use PyTorch's default on purpose).
 */

export interface PyClass {
  readonly name: string;
  readonly deps: readonly string[];
  readonly code: string;
}

const HELPERS = String.raw`
def apply_activation(x: torch.Tensor, name: str) -> torch.Tensor:
    """A tfjs-layers activation by name. 'gelu' is the exact erf form (tfjs-layers 4.22's 'gelu' is
    x * 0.5 * (1 + erf(x / sqrt(2))), not the tanh approximation)."""
    if name == 'linear':
        return x
    if name == 'relu':
        return F.relu(x)
    if name == 'gelu':
        return F.gelu(x)
    if name == 'tanh':
        return torch.tanh(x)
    if name == 'sigmoid':
        return torch.sigmoid(x)
    raise ValueError('unknown activation ' + repr(name))


def tf_same_padding(size: int, kernel: int, stride: int, dilation: int = 1):
    """TensorFlow's 'same' padding along one axis: (before, after). The output has ceil(size / stride)
    steps; when the total padding is odd, the extra step goes after (bottom / right), as in TF.
    (PyTorch's padding='same' pads symmetrically and refuses strides > 1.)"""
    effective = (kernel - 1) * dilation + 1
    out = -(-size // stride)
    total = max((out - 1) * stride + effective - size, 0)
    return total // 2, total - total // 2
`;

const CLASSES: readonly PyClass[] = [
  {
    name: 'Conv2dSame',
    deps: [],
    code: String.raw`
class Conv2dSame(nn.Conv2d):
    """nn.Conv2d on NCHW input with TensorFlow 'same' zero padding (asymmetric when the total is odd).
    Weights: the tfjs kernel [kh, kw, in, out] permuted to [out, in, kh, kw]."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        top, bottom = tf_same_padding(x.shape[2], self.kernel_size[0], self.stride[0], self.dilation[0])
        left, right = tf_same_padding(x.shape[3], self.kernel_size[1], self.stride[1], self.dilation[1])
        x = F.pad(x, (left, right, top, bottom))
        return F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)
`,
  },
  {
    name: 'Conv1dSame',
    deps: [],
    code: String.raw`
class Conv1dSame(nn.Conv1d):
    """nn.Conv1d on NCW input with TensorFlow 'same' zero padding (asymmetric when the total is odd).
    Weights: the tfjs kernel [k, in, out] permuted to [out, in, k]."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        left, right = tf_same_padding(x.shape[2], self.kernel_size[0], self.stride[0], self.dilation[0])
        x = F.pad(x, (left, right))
        return F.conv1d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)
`,
  },
  {
    name: 'AttentionBlock',
    deps: [],
    code: String.raw`
class AttentionBlock(nn.Module):
    """The post-LN attention block (Vaswani et al. 2017; the cross-modal block of MulT, Tsai et al.
    2019), as the tfjs layers FusionCrossAttention and FusionTransformerBlock compute it:

        Q = X_q W_Q + b_Q,  K = X_kv W_K + b_K,  V = X_kv W_V + b_V     (heads of width d / heads)
        A = softmax(Q_h K_h^T / sqrt(d_head))                           [B, heads, T_q, T_kv]
        Y = LN1(R(X_q) + dropout(concat_h(A_h V_h) W_O + b_O))          R = identity, or X_q W_R (no bias) if d_q != d
        out = LN2(Y + dropout(relu(Y W_1 + b_1) W_2 + b_2))

    Layer norm: biased variance, eps 1e-5. Returns (out [B, T_q, d], A)."""

    def __init__(self, d_query: int, d_key_value: int, d_model: int, heads: int, ff_dim: int,
                 dropout: float = 0.0, eps: float = 1e-5):
        super().__init__()
        if d_model % heads != 0:
            raise ValueError('d_model must be divisible by heads')
        self.d_model = d_model
        self.heads = heads
        self.q = nn.Linear(d_query, d_model)
        self.k = nn.Linear(d_key_value, d_model)
        self.v = nn.Linear(d_key_value, d_model)
        self.out = nn.Linear(d_model, d_model)
        self.residual = nn.Linear(d_query, d_model, bias=False) if d_query != d_model else None
        self.ln1 = nn.LayerNorm(d_model, eps=eps)
        self.ffn1 = nn.Linear(d_model, ff_dim)
        self.ffn2 = nn.Linear(ff_dim, d_model)
        self.ln2 = nn.LayerNorm(d_model, eps=eps)
        self.dropout = nn.Dropout(dropout)

    def attend(self, xq: torch.Tensor, xkv: torch.Tensor):
        b, tq, tk = xq.shape[0], xq.shape[1], xkv.shape[1]
        h = self.heads
        dh = self.d_model // h
        q = self.q(xq).reshape(b, tq, h, dh).transpose(1, 2)
        k = self.k(xkv).reshape(b, tk, h, dh).transpose(1, 2)
        v = self.v(xkv).reshape(b, tk, h, dh).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(dh)
        a = torch.softmax(scores, dim=-1)
        context = torch.matmul(a, v).transpose(1, 2).reshape(b, tq, self.d_model)
        attended = self.dropout(self.out(context))
        residual = xq if self.residual is None else self.residual(xq)
        y = self.ln1(residual + attended)
        ffn = self.dropout(self.ffn2(F.relu(self.ffn1(y))))
        return self.ln2(y + ffn), a
`,
  },
  {
    name: 'TransformerBlock',
    deps: ['AttentionBlock'],
    code: String.raw`
class TransformerBlock(AttentionBlock):
    """FusionTransformerBlock: self-attention AttentionBlock over tokens X [B, T, d].
    Returns (out [B, T, d], A [B, heads, T, T])."""

    def __init__(self, d_model: int, heads: int, ff_dim: int, dropout: float = 0.0, eps: float = 1e-5):
        super().__init__(d_model, d_model, d_model, heads, ff_dim, dropout, eps)

    def forward(self, x: torch.Tensor):
        return self.attend(x, x)
`,
  },
  {
    name: 'CrossAttention',
    deps: ['AttentionBlock'],
    code: String.raw`
class CrossAttention(AttentionBlock):
    """fusion.crossAttention (FusionCrossAttention): queries from X_A, keys and values from the
    contexts. Several contexts are joined into one token list along the token axis (a vector
    [B, d] counts as one token). A vector query gives a vector out (the token axis is dropped).
    Returns (out, A [B, heads, T_A, T_B])."""

    def forward(self, query: torch.Tensor, contexts):
        context = torch.cat([c.unsqueeze(1) if c.dim() == 2 else c for c in contexts], dim=1)
        xq = query.unsqueeze(1) if query.dim() == 2 else query
        out, a = self.attend(xq, context)
        if query.dim() == 2:
            out = out.squeeze(1)
        return out, a
`,
  },
  {
    name: 'Positions',
    deps: [],
    code: String.raw`
class Positions(nn.Module):
    """FusionPositions (BERT / ViT style): optionally prepend a learned CLS token c, then add a learned
    position embedding P [1, T', d] (T' = T, + 1 with CLS):  out = [c; X] + P."""

    def __init__(self, tokens: int, d_model: int, cls: bool, positions: bool):
        super().__init__()
        self.cls_token = nn.Parameter(torch.zeros(1, 1, d_model)) if cls else None
        t = tokens + (1 if cls else 0)
        self.position_embedding = nn.Parameter(torch.zeros(1, t, d_model)) if positions else None
        for p in (self.cls_token, self.position_embedding):
            if p is not None:
                nn.init.trunc_normal_(p, std=0.02)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.cls_token is not None:
            x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1)
        if self.position_embedding is not None:
            x = x + self.position_embedding
        return x
`,
  },
  {
    name: 'TokenJoin',
    deps: [],
    code: String.raw`
class TokenJoin(nn.Module):
    """FusionTokenJoin: each modality (tokens [B, T_m, d_m] or a vector = one token) is projected to d,
    its learned modality-type embedding E_m is added to all of its tokens, and a learned CLS token
    is prepended:  out = [CLS; X_1 W_1 + b_1 + E_1; ...; X_M W_M + b_M + E_M]   [B, 1 + sum T_m, d]."""

    def __init__(self, widths, d_model: int):
        super().__init__()
        self.proj = nn.ModuleList([nn.Linear(w, d_model) for w in widths])
        self.type_embedding = nn.Parameter(torch.zeros(len(widths), d_model))
        self.cls_token = nn.Parameter(torch.zeros(1, 1, d_model))
        nn.init.trunc_normal_(self.type_embedding, std=0.02)
        nn.init.trunc_normal_(self.cls_token, std=0.02)

    def forward(self, xs):
        parts = [self.cls_token.expand(xs[0].shape[0], -1, -1)]
        for m, x in enumerate(xs):
            tokens = x.unsqueeze(1) if x.dim() == 2 else x
            parts.append(self.proj[m](tokens) + self.type_embedding[m].view(1, 1, -1))
        return torch.cat(parts, dim=1)
`,
  },
  {
    name: 'MLPEncoder',
    deps: [],
    code: String.raw`
class MLPEncoder(nn.Module):
    """encoder.mlp: flatten (row-major, channels-last, as tfjs), then dense layers, each followed by its
    activation and dropout."""

    def __init__(self, in_features: int, layers: int, units: int, activation: str, dropout: float):
        super().__init__()
        self.activation = activation
        self.layers = nn.ModuleList([nn.Linear(in_features if i == 0 else units, units) for i in range(layers)])
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() > 2:
            x = x.reshape(x.shape[0], -1)
        for layer in self.layers:
            x = self.dropout(apply_activation(layer(x), self.activation))
        return x
`,
  },
  {
    name: 'CNN2DEncoder',
    deps: ['Conv2dSame'],
    code: String.raw`
class CNN2DEncoder(nn.Module):
    """encoder.cnn2d on images [B, H, W, C] (channels last, as exported): per block a k x k convolution
    with TF 'same' padding + ReLU and a 2 x 2 max-pool (stride 2, floor, as TF 'valid'); then global
    average pooling, or flatten in tfjs's [H, W, C] order (permuted back before flattening); then an
    optional dense layer + ReLU."""

    def __init__(self, height: int, width: int, channels: int, blocks: int, filters: int, kernel_size: int,
                 pooling: str, units: int):
        super().__init__()
        self.pooling = pooling
        convs = []
        c = channels
        for b in range(blocks):
            out = filters * 2 ** b
            convs.append(Conv2dSame(c, out, kernel_size))
            c = out
            height, width = height // 2, width // 2
        self.convs = nn.ModuleList(convs)
        self.pool = nn.MaxPool2d(2, 2)
        features = c * height * width if pooling == 'flatten' else c
        self.dense = nn.Linear(features, units) if units > 0 else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.permute(0, 3, 1, 2)
        for conv in self.convs:
            x = self.pool(F.relu(conv(x)))
        if self.pooling == 'flatten':
            x = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)
        else:
            x = x.mean(dim=(2, 3))
        if self.dense is not None:
            x = F.relu(self.dense(x))
        return x
`,
  },
  {
    name: 'CNN1DEncoder',
    deps: ['Conv1dSame'],
    code: String.raw`
class CNN1DEncoder(nn.Module):
    """encoder.cnn1d on sequences [B, T, F]: per block a convolution over time with TF 'same' padding
    + ReLU and a max-pool of 2 (stride 2, floor); then the mean or max over time, or the tokens
    [B, T', C] ('none')."""

    def __init__(self, in_features: int, blocks: int, filters: int, kernel_size: int, pooling: str):
        super().__init__()
        self.pooling = pooling
        convs = []
        c = in_features
        for b in range(blocks):
            out = filters * 2 ** b
            convs.append(Conv1dSame(c, out, kernel_size))
            c = out
        self.convs = nn.ModuleList(convs)
        self.pool = nn.MaxPool1d(2, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.transpose(1, 2)
        for conv in self.convs:
            x = self.pool(F.relu(conv(x)))
        if self.pooling == 'global-avg':
            return x.mean(dim=2)
        if self.pooling == 'global-max':
            return x.amax(dim=2)
        return x.transpose(1, 2)
`,
  },
  {
    name: 'EmbeddingEncoder',
    deps: [],
    code: String.raw`
class EmbeddingEncoder(nn.Module):
    """encoder.embedding: token ids [B, T] -> embeddings [B, T, d]; then the mean or max over positions
    (padding included, as in tfjs), or the tokens ('none')."""

    def __init__(self, vocab_size: int, dim: int, pooling: str):
        super().__init__()
        self.pooling = pooling
        self.embedding = nn.Embedding(vocab_size, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.embedding(x.long())
        if self.pooling == 'mean':
            return x.mean(dim=1)
        if self.pooling == 'max':
            return x.amax(dim=1)
        return x
`,
  },
  {
    name: 'TransformerEncoder',
    deps: ['Positions', 'TransformerBlock'],
    code: String.raw`
class TransformerEncoder(nn.Module):
    """encoder.transformer: dense projection to d per token, CLS and/or learned positions, blocks of
    TransformerBlock, then the CLS token, the mean over tokens, or the tokens ('none'). Returns
    (out, the last block's self-attention [B, heads, T, T]; with CLS, token 0 is CLS)."""

    def __init__(self, tokens: int, in_features: int, d_model: int, heads: int, layers: int, ff_dim: int,
                 pooling: str, positions: bool, dropout: float):
        super().__init__()
        self.pooling = pooling
        cls = pooling == 'cls'
        self.proj = nn.Linear(in_features, d_model)
        self.positions = Positions(tokens, d_model, cls, positions) if cls or positions else None
        self.blocks = nn.ModuleList([TransformerBlock(d_model, heads, ff_dim, dropout) for _ in range(layers)])

    def forward(self, x: torch.Tensor):
        x = self.proj(x)
        if self.positions is not None:
            x = self.positions(x)
        a = None
        for block in self.blocks:
            x, a = block(x)
        if self.pooling == 'cls':
            return x[:, 0], a
        if self.pooling == 'mean':
            return x.mean(dim=1), a
        return x, a
`,
  },
  {
    name: 'GRUEncoder',
    deps: [],
    code: String.raw`
class GRUEncoder(nn.Module):
    """encoder.rnn with cell 'gru': the tfjs-layers 4.22 GRU (Keras's reset_after=False form, which
    nn.GRU cannot express: nn.GRU applies the reset gate after the recurrent matmul). Gate order in
    the weights is z, r, h (tfjs/Keras), sigmoid gates, tanh candidate, zero initial state:

        z = sigmoid(x W_z + b_z + h U_z)      r = sigmoid(x W_r + b_r + h U_r)
        h~ = tanh(x W_h + b_h + (r * h) U_h)  h' = z * h + (1 - z) * h~

    weight_ih [3u, in] and weight_hh [3u, u] are the tfjs kernel and recurrent_kernel transposed.
    Returns the last state [B, u], or every state [B, T, u]."""

    def __init__(self, in_features: int, units: int, return_sequences: bool):
        super().__init__()
        self.units = units
        self.return_sequences = return_sequences
        self.weight_ih = nn.Parameter(torch.empty(3 * units, in_features))
        self.weight_hh = nn.Parameter(torch.empty(3 * units, units))
        self.bias = nn.Parameter(torch.zeros(3 * units))
        nn.init.xavier_uniform_(self.weight_ih)
        nn.init.orthogonal_(self.weight_hh)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        u = self.units
        gx = F.linear(x, self.weight_ih, self.bias)
        w_zr, w_h = self.weight_hh[:2 * u], self.weight_hh[2 * u:]
        h = x.new_zeros(x.shape[0], u)
        states = []
        for t in range(x.shape[1]):
            xz, xr, xh = gx[:, t].split(u, dim=-1)
            hz, hr = F.linear(h, w_zr).split(u, dim=-1)
            z = torch.sigmoid(xz + hz)
            r = torch.sigmoid(xr + hr)
            candidate = torch.tanh(xh + F.linear(r * h, w_h))
            h = z * h + (1 - z) * candidate
            states.append(h)
        return torch.stack(states, dim=1) if self.return_sequences else h
`,
  },
  {
    name: 'LSTMEncoder',
    deps: [],
    code: String.raw`
class LSTMEncoder(nn.Module):
    """encoder.rnn with cell 'lstm': nn.LSTM matches the tfjs LSTM (sigmoid gates, tanh, zero initial
    state) with the same gate order i, f, g (tfjs 'c'), o: weight_ih_l0 / weight_hh_l0 are the tfjs
    kernel / recurrent_kernel transposed, bias_ih_l0 is the tfjs bias and bias_hh_l0 is zero.
    Returns the last state [B, u], or every state [B, T, u]."""

    def __init__(self, in_features: int, units: int, return_sequences: bool):
        super().__init__()
        self.return_sequences = return_sequences
        self.lstm = nn.LSTM(in_features, units, batch_first=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        states = self.lstm(x)[0]
        return states if self.return_sequences else states[:, -1]
`,
  },
  {
    name: 'PatchEncoder',
    deps: ['Positions'],
    code: String.raw`
class PatchEncoder(nn.Module):
    """encoder.patches: a p x p convolution with stride p ('valid') cuts the image [B, H, W, C] into patch
    tokens [B, (H/p)(W/p), d] in row-major patch order, then learned positions (optional)."""

    def __init__(self, height: int, width: int, channels: int, patch_size: int, dim: int, positions: bool):
        super().__init__()
        self.patch_proj = nn.Conv2d(channels, dim, patch_size, stride=patch_size)
        tokens = (height // patch_size) * (width // patch_size)
        self.positions = Positions(tokens, dim, False, True) if positions else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.patch_proj(x.permute(0, 3, 1, 2))
        x = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1, x.shape[1])
        if self.positions is not None:
            x = self.positions(x)
        return x
`,
  },
  {
    name: 'Project',
    deps: [],
    code: String.raw`
class Project(nn.Module):
    """encoder.project: one dense layer over the last axis (per token), then the activation."""

    def __init__(self, in_features: int, units: int, activation: str):
        super().__init__()
        self.activation = activation
        self.dense = nn.Linear(in_features, units)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return apply_activation(self.dense(x), self.activation)
`,
  },
  {
    name: 'EarlyJoin',
    deps: [],
    code: String.raw`
class EarlyJoin(nn.Module):
    """fusion.early: flatten every raw input (row-major, channels last) and concatenate ('flatten'), or
    concatenate sequences of equal length along features ('time')."""

    def __init__(self, align: str):
        super().__init__()
        self.align = align

    def forward(self, xs):
        if self.align == 'flatten':
            xs = [x.reshape(x.shape[0], -1) if x.dim() > 2 else x for x in xs]
        return torch.cat(list(xs), dim=-1)
`,
  },
  {
    name: 'Concat',
    deps: [],
    code: String.raw`
class Concat(nn.Module):
    """fusion.concat: z = [z_1; ...; z_M] along the last axis."""

    def forward(self, xs):
        return torch.cat(list(xs), dim=-1)
`,
  },
  {
    name: 'Elementwise',
    deps: [],
    code: String.raw`
class Elementwise(nn.Module):
    """fusion.elementwise: sum, mean, max or product of equally shaped inputs (in edge order)."""

    def __init__(self, op: str):
        super().__init__()
        self.op = op

    def forward(self, xs):
        out = xs[0]
        for x in xs[1:]:
            if self.op == 'max':
                out = torch.maximum(out, x)
            elif self.op == 'product':
                out = out * x
            else:
                out = out + x
        if self.op == 'mean':
            out = out * (1.0 / len(xs))
        return out
`,
  },
  {
    name: 'LateCombine',
    deps: [],
    code: String.raw`
class LateCombine(nn.Module):
    """fusion.late (FusionLateCombine) over branch logits l_m [B, K]:
        'mean':     log p, p = (1/M) sum_m softmax(l_m)
        'weighted': log p, p = sum_m w_m softmax(l_m), w = softmax(v), v learned [M]
        'stacking': logits [l_1; ...; l_M] W + b
    The output is always logits-compatible (softmax(output) is the prediction; train it with softmax
    cross-entropy). log p = logsumexp_m(log w_m + log_softmax(l_m)), exact and stable.
    Returns (output, w [B, M] or None)."""

    def __init__(self, mode: str, branches: int, classes: int):
        super().__init__()
        self.mode = mode
        self.branches = branches
        self.modality_logits = nn.Parameter(torch.zeros(branches)) if mode == 'weighted' else None
        self.stack = nn.Linear(branches * classes, classes) if mode == 'stacking' else None

    def forward(self, logits):
        if self.stack is not None:
            return self.stack(torch.cat(list(logits), dim=1)), None
        m = self.branches
        if self.modality_logits is not None:
            log_w = torch.log_softmax(self.modality_logits, dim=0)
        else:
            log_w = torch.full((m,), -math.log(m), dtype=logits[0].dtype, device=logits[0].device)
        terms = torch.stack([torch.log_softmax(l, dim=-1) for l in logits], dim=1) + log_w.view(1, m, 1)
        log_p = torch.logsumexp(terms, dim=1)
        return log_p, torch.exp(log_w).view(1, m).expand(logits[0].shape[0], m)
`,
  },
  {
    name: 'ModalityAttention',
    deps: [],
    code: String.raw`
class ModalityAttention(nn.Module):
    """fusion.modalityAttention (FusionModalityAttention): u_m = W_m z_m + b_m, e = W_a [z_1; ...; z_M] + b_a,
    alpha = softmax(e) over the M modalities, z = sum_m alpha_m u_m. Returns (z [B, d], alpha [B, M])."""

    def __init__(self, widths, units: int):
        super().__init__()
        self.proj = nn.ModuleList([nn.Linear(w, units) for w in widths])
        self.score = nn.Linear(sum(widths), len(widths))

    def forward(self, zs):
        alpha = torch.softmax(self.score(torch.cat(list(zs), dim=-1)), dim=-1)
        u = torch.stack([p(z) for p, z in zip(self.proj, zs)], dim=1)
        return (u * alpha.unsqueeze(-1)).sum(dim=1), alpha
`,
  },
  {
    name: 'TensorFusion',
    deps: [],
    code: String.raw`
class TensorFusion(nn.Module):
    """fusion.tensor (Tensor Fusion Network, Zadeh et al. 2017): z = vec([z_1;1] (x) [z_2;1] (x) ...),
    flattened row-major (z_1's index varies slowest; the appended 1 is last), then dense to h +
    activation."""

    def __init__(self, widths, units: int, activation: str):
        super().__init__()
        self.activation = activation
        size = 1
        for w in widths:
            size *= w + 1
        self.dense = nn.Linear(size, units)

    def forward(self, zs):
        b = zs[0].shape[0]
        ones = zs[0].new_ones(b, 1)
        acc = torch.cat([zs[0], ones], dim=1)
        for z in zs[1:]:
            nxt = torch.cat([z, ones], dim=1)
            acc = (acc.unsqueeze(2) * nxt.unsqueeze(1)).reshape(b, -1)
        return apply_activation(self.dense(acc), self.activation)
`,
  },
  {
    name: 'LowRankFusion',
    deps: [],
    code: String.raw`
class LowRankFusion(nn.Module):
    """fusion.lowRank (Low-rank Multimodal Fusion, Liu et al. 2018): per modality [z_m;1] W_m with
    W_m [(d_m + 1), r * h] (the tfjs layout: column i * h + j is factor i, unit j), reshaped to [B, r, h];
    the factors are multiplied across modalities; out = sum_i lambda_i (prod_m ...)_i + b   [B, h]."""

    def __init__(self, widths, rank: int, units: int):
        super().__init__()
        self.rank = rank
        self.units = units
        self.factors = nn.ParameterList([nn.Parameter(torch.empty(w + 1, rank * units)) for w in widths])
        self.rank_weights = nn.Parameter(torch.empty(rank))
        self.bias = nn.Parameter(torch.zeros(units))
        for f in self.factors:
            nn.init.xavier_uniform_(f)
        nn.init.uniform_(self.rank_weights, -math.sqrt(6.0 / (rank + 1)), math.sqrt(6.0 / (rank + 1)))

    def forward(self, zs):
        b = zs[0].shape[0]
        ones = zs[0].new_ones(b, 1)
        product = None
        for z, w in zip(zs, self.factors):
            f = torch.matmul(torch.cat([z, ones], dim=1), w).reshape(b, self.rank, self.units)
            product = f if product is None else product * f
        return (product * self.rank_weights.view(1, self.rank, 1)).sum(dim=1) + self.bias
`,
  },
  {
    name: 'GatedFusion',
    deps: [],
    code: String.raw`
class GatedFusion(nn.Module):
    """fusion.gated (Gated Multimodal Unit, Arevalo et al. 2017): h_m = tanh(W_m z_m + b_m);
    M = 2: g = sigmoid(W_g [z_1; z_2] + b_g), h = g * h_1 + (1 - g) * h_2, gate g [B, h];
    M > 2: G = softmax over M of (W_g [z_1; ...; z_M] + b_g) viewed [B, M, h], h = sum_m G_m * h_m, gate G.
    Returns (h [B, h], gate)."""

    def __init__(self, widths, units: int):
        super().__init__()
        self.units = units
        self.m = len(widths)
        self.proj = nn.ModuleList([nn.Linear(w, units) for w in widths])
        self.gate = nn.Linear(sum(widths), units if self.m == 2 else self.m * units)

    def forward(self, zs):
        hs = [torch.tanh(p(z)) for p, z in zip(self.proj, zs)]
        logits = self.gate(torch.cat(list(zs), dim=1))
        if self.m == 2:
            g = torch.sigmoid(logits)
            return g * hs[0] + (1 - g) * hs[1], g
        gates = torch.softmax(logits.view(-1, self.m, self.units), dim=1)
        return (gates * torch.stack(hs, dim=1)).sum(dim=1), gates
`,
  },
  {
    name: 'FiLM',
    deps: [],
    code: String.raw`
class FiLM(nn.Module):
    """fusion.film (FiLM, Perez et al. 2018): the conditions are concatenated into c; gamma = c W_g + b_g,
    beta = c W_b + b_b in R^C; out = gamma * F + beta, broadcast over every axis between batch and
    channels (F channels last). gamma's bias starts at 1 (near the identity)."""

    def __init__(self, condition_width: int, channels: int):
        super().__init__()
        self.gamma = nn.Linear(condition_width, channels)
        self.beta = nn.Linear(condition_width, channels)
        nn.init.ones_(self.gamma.bias)
        nn.init.zeros_(self.beta.bias)

    def forward(self, features: torch.Tensor, conditions) -> torch.Tensor:
        c = torch.cat(list(conditions), dim=-1)
        shape = [features.shape[0]] + [1] * (features.dim() - 2) + [features.shape[-1]]
        return self.gamma(c).view(shape) * features + self.beta(c).view(shape)
`,
  },
  {
    name: 'BilinearFusion',
    deps: [],
    code: String.raw`
class BilinearFusion(nn.Module):
    """fusion.bilinear (MFB, Yu et al. 2017): x = (z_1 U) * (z_2 V) (no bias), sum pooling over windows
    of k (x viewed [B, o, k], summed), signed square root s = sign(x) sqrt(|x| + eps), then
    s / sqrt(sum s^2 + eps). eps = 1e-8."""

    def __init__(self, width_1: int, width_2: int, factor: int, units: int, eps: float = 1e-8):
        super().__init__()
        self.factor = factor
        self.units = units
        self.eps = eps
        self.u = nn.Linear(width_1, factor * units, bias=False)
        self.v = nn.Linear(width_2, factor * units, bias=False)

    def forward(self, zs):
        joint = self.u(zs[0]) * self.v(zs[1])
        pooled = joint.view(-1, self.units, self.factor).sum(dim=2)
        s = torch.sign(pooled) * torch.sqrt(pooled.abs() + self.eps)
        return s / torch.sqrt((s * s).sum(dim=1, keepdim=True) + self.eps)
`,
  },
  {
    name: 'FusionTransformer',
    deps: ['TokenJoin', 'TransformerBlock'],
    code: String.raw`
class FusionTransformer(nn.Module):
    """fusion.transformer: TokenJoin (projection, modality-type embedding, CLS), blocks of
    TransformerBlock over the joint sequence; the CLS token out. Returns (out [B, d], the last block's
    CLS attention [B, heads, 1 + sum T_m])."""

    def __init__(self, widths, d_model: int, heads: int, layers: int, ff_dim: int, dropout: float):
        super().__init__()
        self.join = TokenJoin(widths, d_model)
        self.blocks = nn.ModuleList([TransformerBlock(d_model, heads, ff_dim, dropout) for _ in range(layers)])

    def forward(self, xs):
        x = self.join(xs)
        a = None
        for block in self.blocks:
            x, a = block(x)
        return x[:, 0], a[:, :, 0, :]
`,
  },
  {
    name: 'ModalityDropout',
    deps: [],
    code: String.raw`
class ModalityDropout(nn.Module):
    """reg.modalityDropout (ModDrop, Neverova et al.): while training, zero each modality's whole tensor
    per sample with probability p, keeping at least one (a sample that lost all keeps one chosen at
    random); no rescaling. At inference (eval()): the identity."""

    def __init__(self, rate: float):
        super().__init__()
        self.rate = rate

    def forward(self, xs):
        if not self.training or self.rate <= 0:
            return list(xs)
        b, m = xs[0].shape[0], len(xs)
        device = xs[0].device
        kept = (torch.rand(b, m, device=device) >= self.rate).float()
        fallback = F.one_hot((torch.rand(b, m, device=device) + 1).argmax(dim=1), m).float()
        none_kept = 1 - kept.amax(dim=1, keepdim=True)
        keep = kept + none_kept * fallback
        return [x * keep[:, i].view([-1] + [1] * (x.dim() - 1)).to(x.dtype) for i, x in enumerate(xs)]
`,
  },
  {
    name: 'DenseHead',
    deps: [],
    code: String.raw`
class DenseHead(nn.Module):
    """head.classify / head.regress / head.multilabel: an optional dense + ReLU hidden layer, then a
    dense layer to the outputs. Classifier and multi-label heads give logits (softmax / sigmoid belong
    to the loss); a regressor gives the values."""

    def __init__(self, in_features: int, units: int, hidden: int):
        super().__init__()
        self.hidden = nn.Linear(in_features, hidden) if hidden > 0 else None
        self.logits = nn.Linear(hidden if hidden > 0 else in_features, units)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.hidden is not None:
            x = F.relu(self.hidden(x))
        return self.logits(x)
`,
  },
];

/** Every class name the library defines (they are reserved: no user-derived name may take them). */
export const LIBRARY_CLASS_NAMES: readonly string[] = CLASSES.map((c) => c.name);

/** The helper functions and the classes `used` (with their dependencies), in library order. */
export function librarySource(used: Iterable<string>): string {
  const need = new Set<string>();
  const byName = new Map(CLASSES.map((c) => [c.name, c]));
  const visit = (name: string): void => {
    if (need.has(name)) return;
    const c = byName.get(name);
    if (!c) throw new Error(`the PyTorch library has no class ${name}`);
    need.add(name);
    c.deps.forEach(visit);
  };
  for (const name of used) visit(name);
  const parts = [HELPERS.trim(), ...CLASSES.filter((c) => need.has(c.name)).map((c) => c.code.trim())];
  return parts.join('\n\n\n');
}
