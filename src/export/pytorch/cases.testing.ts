/**
 * Small graphs for the PyTorch export tests (imported by *.test.ts only). Together they use every
 * node kind, every fusion mode (elementwise ops, late combinations, gated with 2 and 3 inputs,
 * cross-attention with token/vector queries, several contexts, self-attention and a residual
 * projection, FiLM on vectors and tokens), every encoder option that changes the math (CNN pooling,
 * kernel sizes, odd sizes that make pooling floor, embedding pooling, transformer pooling and
 * positions, GRU/LSTM with and without sequences, patches with and without positions, activations),
 * every head, and the regularisers (identity at inference).
 */
import { edge, graphOf, node } from '../../graph/testing.ts';
import type { Graph, GraphEdge, GraphNode } from '../../graph/index.ts';

export interface ExportCase {
  readonly name: string;
  readonly graph: Graph;
  /** Compile with probes (attention maps, gates) as extra outputs (default true). */
  readonly probes?: boolean;
  readonly projectName?: string;
  /** Multiplies the random inputs (uniform in [−1, 1]) so that activations see large values. */
  readonly inputScale?: number;
}

let count = 0;
function e(source: string, target: string, targetPort = 'in', sourcePort = 'out'): GraphEdge {
  count += 1;
  return edge(`x${count}`, source, target, targetPort, sourcePort);
}

// Audio at 1 kHz, 64 samples, frames of 16 every 16: a spectrogram of 4 frames × 9 bins.
const AUDIO = { sampleRate: 1000, clipSamples: 64, frameLength: 16, frameStep: 16 };

/** Labels that try to break out of comments, strings and identifiers. */
export const HOSTILE_LABELS = [
  '"""; import os; os.system("echo pwned") #',
  "\n__import__('os').system('echo pwned')",
  "'; __import__('os').system('echo pwned'); '",
  'class',
  'lambda',
  'self',
  'forward',
  'torch',
  'return_probes',
  'outputs',
  'F',
  'Фото 📷',
  '日本語',
  '\u202eevil\u202c',
  '\\',
  '\r\nimport sys\r\n',
  '123 starts with digits',
  '',
  '   ',
  'x\u0000y',
  'a\u2028b',
  '{0}{}%s${x}`',
] as const;

export const EXPORT_CASES: readonly ExportCase[] = [
  {
    name: 'vision encoders: cnn2d (flatten with odd sizes, kernel 1, 5, global average, dense), patches, transformer (CLS), LSTM',
    graph: graphOf(
      [
        node('img1', 'input.image', { height: 7, width: 5, channels: 2 }),
        node('img2', 'input.image', { height: 8, width: 8, channels: 1 }),
        node('cnnA', 'encoder.cnn2d', { blocks: 2, filters: 3, kernelSize: 3, pooling: 'flatten', units: 0 }),
        node('cnnB', 'encoder.cnn2d', { blocks: 1, filters: 2, kernelSize: 5, pooling: 'global-avg', units: 4 }),
        node('cnnC', 'encoder.cnn2d', { blocks: 1, filters: 2, kernelSize: 1, pooling: 'flatten', units: 3 }),
        node('cnnD', 'encoder.cnn2d', { blocks: 2, filters: 2, kernelSize: 7, pooling: 'global-avg', units: 0 }),
        node('patA', 'encoder.patches', { patchSize: 4, dim: 4, positions: true }),
        node('patB', 'encoder.patches', { patchSize: 2, dim: 2, positions: false }),
        node('cat', 'fusion.concat'),
        node('cls', 'head.classify', { classes: 3, hidden: 5 }),
        node('tr', 'encoder.transformer', { dModel: 4, heads: 2, layers: 2, ffDim: 6, pooling: 'cls', positions: true }),
        node('reg', 'head.regress', { targets: 2, hidden: 0 }),
        node('lstm', 'encoder.rnn', { cell: 'lstm', units: 3, returnSequences: false }),
        node('ml', 'head.multilabel', { labels: 4, hidden: 3 }),
      ],
      [
        e('img1', 'cnnA'),
        e('img2', 'cnnB'),
        e('img1', 'cnnC'),
        e('img2', 'cnnD'),
        e('cnnA', 'cat'),
        e('cnnB', 'cat'),
        e('cnnC', 'cat'),
        e('cnnD', 'cat'),
        e('cat', 'cls'),
        e('img2', 'patA'),
        e('patA', 'tr'),
        e('tr', 'reg'),
        e('img2', 'patB'),
        e('patB', 'lstm'),
        e('lstm', 'ml'),
      ],
    ),
  },
  {
    name: 'sequence encoders: cnn1d (avg, max, tokens), GRU and LSTM sequences, transformer (mean, tokens), audio',
    graph: graphOf(
      [
        node('seq', 'input.sequence', { steps: 7, features: 3 }),
        node('aud', 'input.audio', AUDIO),
        node('c1', 'encoder.cnn1d', { blocks: 2, filters: 2, kernelSize: 3, pooling: 'global-avg' }),
        node('c2', 'encoder.cnn1d', { blocks: 1, filters: 3, kernelSize: 5, pooling: 'global-max' }),
        node('c3', 'encoder.cnn1d', { blocks: 1, filters: 2, kernelSize: 1, pooling: 'none' }),
        node('gruSeq', 'encoder.rnn', { cell: 'gru', units: 4, returnSequences: true }),
        node('trMean', 'encoder.transformer', { dModel: 4, heads: 1, layers: 1, ffDim: 3, pooling: 'mean', positions: false }),
        node('lstmSeq', 'encoder.rnn', { cell: 'lstm', units: 4, returnSequences: true }),
        node('trTok', 'encoder.transformer', { dModel: 2, heads: 2, layers: 1, ffDim: 2, pooling: 'none', positions: true, dropout: 0.2 }),
        node('gruLast', 'encoder.rnn', { cell: 'gru', units: 3, returnSequences: false }),
        node('gruAud', 'encoder.rnn', { cell: 'gru', units: 2, returnSequences: false }),
        node('cat', 'fusion.concat'),
        node('head', 'head.classify', { classes: 4, hidden: 0 }),
      ],
      [
        e('seq', 'c1'),
        e('aud', 'c2'),
        e('seq', 'c3'),
        e('c3', 'gruSeq'),
        e('gruSeq', 'trMean'),
        e('aud', 'lstmSeq'),
        e('lstmSeq', 'trTok'),
        e('trTok', 'gruLast'),
        e('aud', 'gruAud'),
        e('c1', 'cat'),
        e('c2', 'cat'),
        e('trMean', 'cat'),
        e('gruLast', 'cat'),
        e('gruAud', 'cat'),
        e('cat', 'head'),
      ],
    ),
  },
  {
    name: 'text and dense: embedding (mean, max, tokens), mlp activations, project activations, concat of tokens',
    graph: graphOf(
      [
        node('txt', 'input.text', { vocabSize: 13, maxLength: 6 }),
        node('tab', 'input.tabular', { features: 5 }),
        node('seq', 'input.sequence', { steps: 6, features: 2 }),
        node('embMean', 'encoder.embedding', { dim: 3, pooling: 'mean' }),
        node('embMax', 'encoder.embedding', { dim: 2, pooling: 'max' }),
        node('embTok', 'encoder.embedding', { dim: 4, pooling: 'none' }),
        node('projSeq', 'encoder.project', { units: 3, activation: 'gelu' }),
        node('tokCat', 'fusion.concat'),
        node('gru', 'encoder.rnn', { cell: 'gru', units: 3 }),
        node('mRelu', 'encoder.mlp', { layers: 2, units: 4, activation: 'relu', dropout: 0.3 }),
        node('mGelu', 'encoder.mlp', { layers: 1, units: 3, activation: 'gelu' }),
        node('mTanh', 'encoder.mlp', { layers: 1, units: 3, activation: 'tanh' }),
        node('mSig', 'encoder.mlp', { layers: 1, units: 3, activation: 'sigmoid' }),
        node('pLin', 'encoder.project', { units: 2, activation: 'linear' }),
        node('pRelu', 'encoder.project', { units: 2, activation: 'relu' }),
        node('pTanh', 'encoder.project', { units: 2, activation: 'tanh' }),
        node('mSeq', 'encoder.mlp', { layers: 1, units: 2 }),
        node('cat', 'fusion.concat'),
        node('head', 'head.classify', { classes: 3, hidden: 4 }),
      ],
      [
        e('txt', 'embMean'),
        e('txt', 'embMax'),
        e('txt', 'embTok'),
        e('seq', 'projSeq'),
        e('embTok', 'tokCat'),
        e('projSeq', 'tokCat'),
        e('tokCat', 'gru'),
        e('tab', 'mRelu'),
        e('tab', 'mGelu'),
        e('tab', 'mTanh'),
        e('tab', 'mSig'),
        e('tab', 'pLin'),
        e('tab', 'pRelu'),
        e('tab', 'pTanh'),
        e('seq', 'mSeq'),
        ...['embMean', 'embMax', 'gru', 'mRelu', 'mGelu', 'mTanh', 'mSig', 'pLin', 'pRelu', 'pTanh', 'mSeq'].map((s) => e(s, 'cat')),
        e('cat', 'head'),
      ],
    ),
  },
  {
    name: 'activations on wide inputs (gelu is the exact erf form, not the tanh approximation)',
    inputScale: 4,
    graph: graphOf(
      [
        node('tab', 'input.tabular', { features: 6 }),
        node('pGelu', 'encoder.project', { units: 6, activation: 'gelu' }),
        node('mGelu', 'encoder.mlp', { layers: 1, units: 6, activation: 'gelu' }),
        node('mSig', 'encoder.mlp', { layers: 1, units: 6, activation: 'sigmoid' }),
        node('hP', 'head.regress', { targets: 6 }),
        node('hM', 'head.regress', { targets: 6 }),
        node('hS', 'head.regress', { targets: 6 }),
      ],
      [e('tab', 'pGelu'), e('tab', 'mGelu'), e('tab', 'mSig'), e('pGelu', 'hP'), e('mGelu', 'hM'), e('mSig', 'hS')],
    ),
  },
  {
    name: 'elementwise sum, mean, max and product (vectors and tokens)',
    graph: graphOf(
      [
        node('a', 'input.tabular', { features: 4 }),
        node('s', 'input.sequence', { steps: 3, features: 2 }),
        node('ma', 'encoder.mlp', { layers: 1, units: 3, activation: 'tanh' }),
        node('mb', 'encoder.mlp', { layers: 1, units: 3, activation: 'gelu' }),
        node('mc', 'encoder.project', { units: 3, activation: 'linear' }),
        node('pa', 'encoder.project', { units: 2 }),
        node('pb', 'encoder.project', { units: 2, activation: 'tanh' }),
        ...(['sum', 'mean', 'max', 'product'] as const).flatMap((op) => [
          node(`el_${op}`, 'fusion.elementwise', { op }),
          node(`h_${op}`, 'head.regress', { targets: 2 }),
        ]),
        node('tokSum', 'fusion.elementwise', { op: 'product' }),
        node('tokRnn', 'encoder.rnn', { cell: 'lstm', units: 2 }),
        node('h_tok', 'head.classify', { classes: 2 }),
      ] as GraphNode[],
      [
        e('a', 'ma'),
        e('a', 'mb'),
        e('a', 'mc'),
        ...['sum', 'mean', 'max', 'product'].flatMap((op) => [e('ma', `el_${op}`), e('mb', `el_${op}`), e('mc', `el_${op}`), e(`el_${op}`, `h_${op}`)]),
        e('s', 'pa'),
        e('s', 'pb'),
        e('pa', 'tokSum'),
        e('pb', 'tokSum'),
        e('tokSum', 'tokRnn'),
        e('tokRnn', 'h_tok'),
      ],
    ),
  },
  {
    name: 'late fusion: mean, weighted (probe) and stacking',
    graph: graphOf(
      [
        node('a', 'input.tabular', { features: 3 }),
        node('b', 'input.tabular', { features: 2 }),
        node('ma', 'encoder.mlp', { layers: 1, units: 3 }),
        node('mb', 'encoder.mlp', { layers: 1, units: 3 }),
        ...['m', 'w', 's'].flatMap((k) => [
          node(`${k}1`, 'head.classify', { classes: 3 }),
          node(`${k}2`, 'head.classify', { classes: 3, hidden: 2 }),
          node(`${k}3`, 'head.classify', { classes: 3 }),
        ]),
        node('lm', 'fusion.late', { combine: 'mean' }),
        node('lw', 'fusion.late', { combine: 'weighted' }),
        node('ls', 'fusion.late', { combine: 'stacking' }),
      ] as GraphNode[],
      [
        e('a', 'ma'),
        e('b', 'mb'),
        ...['m', 'w', 's'].flatMap((k) => [e('ma', `${k}1`), e('mb', `${k}2`), e('ma', `${k}3`)]),
        ...[1, 2, 3].flatMap((i) => [e(`m${i}`, 'lm'), e(`w${i}`, 'lw'), e(`s${i}`, 'ls')]),
      ],
    ),
  },
  {
    name: 'attention: modality attention (3), fusion transformer (tokens + vectors, 2 blocks), cross-attention (token and vector queries, two contexts, residual projection, self-attention)',
    graph: graphOf(
      [
        node('tab', 'input.tabular', { features: 4 }),
        node('seq', 'input.sequence', { steps: 5, features: 3 }),
        node('aud', 'input.audio', AUDIO),
        node('m3', 'encoder.mlp', { layers: 1, units: 3 }),
        node('m4', 'encoder.mlp', { layers: 1, units: 4, activation: 'tanh' }),
        node('m5', 'encoder.mlp', { layers: 1, units: 5 }),
        node('pSeq', 'encoder.project', { units: 4 }),
        node('att', 'fusion.modalityAttention', { units: 4 }),
        node('hAtt', 'head.classify', { classes: 2 }),
        node('ft', 'fusion.transformer', { dModel: 4, heads: 2, layers: 2, ffDim: 5 }),
        node('hFt', 'head.regress', { targets: 1 }),
        node('xTok', 'fusion.crossAttention', { dModel: 4, heads: 2, ffDim: 3 }),
        node('gTok', 'encoder.rnn', { cell: 'gru', units: 3 }),
        node('hTok', 'head.classify', { classes: 2 }),
        node('xVec', 'fusion.crossAttention', { dModel: 6, heads: 2, ffDim: 4 }),
        node('hVec', 'head.multilabel', { labels: 2 }),
        node('xSelf', 'fusion.crossAttention', { dModel: 4, heads: 1, ffDim: 4 }),
        node('tSelf', 'encoder.transformer', { dModel: 4, heads: 2, layers: 1, ffDim: 4, pooling: 'cls', positions: false }),
        node('hSelf', 'head.classify', { classes: 3 }),
      ],
      [
        e('tab', 'm3'),
        e('tab', 'm4'),
        e('tab', 'm5'),
        e('seq', 'pSeq'),
        e('m3', 'att'),
        e('m4', 'att'),
        e('m5', 'att'),
        e('att', 'hAtt'),
        e('pSeq', 'ft'),
        e('m3', 'ft'),
        e('aud', 'ft'),
        e('ft', 'hFt'),
        e('pSeq', 'xTok', 'query'),
        e('m5', 'xTok', 'context'),
        e('xTok', 'gTok'),
        e('gTok', 'hTok'),
        e('m3', 'xVec', 'query'),
        e('pSeq', 'xVec', 'context'),
        e('m4', 'xVec', 'context'),
        e('xVec', 'hVec'),
        e('pSeq', 'xSelf', 'query'),
        e('pSeq', 'xSelf', 'context'),
        e('xSelf', 'tSelf'),
        e('tSelf', 'hSelf'),
      ],
    ),
  },
  {
    name: 'vector fusions: tensor (3), low-rank (3), gated (2 and 3), bilinear, FiLM (vector and tokens, two conditions)',
    graph: graphOf(
      [
        node('a', 'input.tabular', { features: 3 }),
        node('b', 'input.tabular', { features: 2 }),
        node('s', 'input.sequence', { steps: 4, features: 3 }),
        node('ma', 'encoder.mlp', { layers: 1, units: 3 }),
        node('mb', 'encoder.mlp', { layers: 1, units: 2, activation: 'tanh' }),
        node('mc', 'encoder.mlp', { layers: 1, units: 2, activation: 'gelu' }),
        node('ten', 'fusion.tensor', { units: 4, activation: 'tanh' }),
        node('ten2', 'fusion.tensor', { units: 3, activation: 'relu' }),
        node('lr', 'fusion.lowRank', { rank: 3, units: 4 }),
        node('g2', 'fusion.gated', { units: 3 }),
        node('g3', 'fusion.gated', { units: 4 }),
        node('bil', 'fusion.bilinear', { factor: 3, units: 4 }),
        node('filmV', 'fusion.film'),
        node('pS', 'encoder.project', { units: 3 }),
        node('filmT', 'fusion.film'),
        node('rT', 'encoder.rnn', { cell: 'gru', units: 2 }),
        ...['ten', 'ten2', 'lr', 'g2', 'g3', 'bil', 'filmV', 'rT'].map((f) => node(`h_${f}`, 'head.classify', { classes: 2 })),
      ] as GraphNode[],
      [
        e('a', 'ma'),
        e('b', 'mb'),
        e('a', 'mc'),
        e('s', 'pS'),
        ...['ten', 'lr', 'g3'].flatMap((f) => [e('ma', f), e('mb', f), e('mc', f)]),
        ...['ten2', 'g2', 'bil'].flatMap((f) => [e('ma', f), e('mb', f)]),
        e('ma', 'filmV', 'features'),
        e('mb', 'filmV', 'condition'),
        e('mc', 'filmV', 'condition'),
        e('pS', 'filmT', 'features'),
        e('mb', 'filmT', 'condition'),
        e('filmT', 'rT'),
        ...['ten', 'ten2', 'lr', 'g2', 'g3', 'bil', 'filmV', 'rT'].map((f) => e(f, `h_${f}`)),
      ],
    ),
  },
  {
    name: 'early fusion (flatten and time), dropout and modality dropout on images, tokens and vectors',
    graph: graphOf(
      [
        node('img', 'input.image', { height: 3, width: 2, channels: 2 }),
        node('aud', 'input.audio', AUDIO),
        node('tab', 'input.tabular', { features: 2 }),
        node('s1', 'input.sequence', { steps: 4, features: 2 }),
        node('ef', 'fusion.early', { align: 'flatten' }),
        node('drop', 'reg.dropout', { rate: 0.4 }),
        node('mlp', 'encoder.mlp', { layers: 1, units: 4 }),
        node('h1', 'head.classify', { classes: 2 }),
        node('et', 'fusion.early', { align: 'time' }),
        node('c1', 'encoder.cnn1d', { blocks: 1, filters: 2, kernelSize: 3, pooling: 'global-avg' }),
        node('h2', 'head.regress', { targets: 1 }),
        node('dropImg', 'reg.dropout', { rate: 0.5 }),
        node('cnn', 'encoder.cnn2d', { blocks: 1, filters: 2, kernelSize: 3, pooling: 'global-avg', units: 0 }),
        node('md', 'reg.modalityDropout', { rate: 0.5 }),
        node('m1', 'encoder.mlp', { layers: 1, units: 2 }),
        node('p2', 'encoder.project', { units: 2 }),
        node('m3', 'encoder.mlp', { layers: 1, units: 2 }),
        node('sum', 'fusion.elementwise', { op: 'sum' }),
        node('h3', 'head.multilabel', { labels: 2 }),
      ],
      [
        e('img', 'ef'),
        e('aud', 'ef'),
        e('tab', 'ef'),
        e('s1', 'ef'),
        e('ef', 'drop'),
        e('drop', 'mlp'),
        e('mlp', 'h1'),
        e('aud', 'et'),
        e('s1', 'et'),
        e('et', 'c1'),
        e('c1', 'h2'),
        e('img', 'dropImg'),
        e('dropImg', 'cnn'),
        e('cnn', 'md', 'in_1'),
        e('s1', 'md', 'in_2'),
        e('tab', 'md', 'in_4'),
        e('md', 'm1', 'in', 'out_1'),
        e('md', 'p2', 'in', 'out_4'),
        e('md', 'm3', 'in', 'out_2'),
        e('m1', 'sum'),
        e('p2', 'sum'),
        e('m3', 'sum'),
        e('sum', 'h3'),
      ],
    ),
  },
  {
    name: 'without probes: attention, gated and weighted late fusion compiled with probes off',
    probes: false,
    graph: graphOf(
      [
        node('a', 'input.tabular', { features: 3 }),
        node('s', 'input.sequence', { steps: 3, features: 2 }),
        node('ma', 'encoder.mlp', { layers: 1, units: 4 }),
        node('mb', 'encoder.mlp', { layers: 1, units: 2 }),
        node('ps', 'encoder.project', { units: 4 }),
        node('att', 'fusion.modalityAttention', { units: 4 }),
        node('x', 'fusion.crossAttention', { dModel: 4, heads: 2, ffDim: 4 }),
        node('ft', 'fusion.transformer', { dModel: 4, heads: 1, layers: 1, ffDim: 4 }),
        node('g', 'fusion.gated', { units: 4 }),
        node('h1', 'head.classify', { classes: 2 }),
        node('h2', 'head.classify', { classes: 2 }),
        node('lw', 'fusion.late', { combine: 'weighted' }),
      ],
      [
        e('a', 'ma'),
        e('s', 'ps'),
        e('a', 'mb'),
        e('ma', 'att'),
        e('mb', 'att'),
        e('ma', 'x', 'query'),
        e('ps', 'x', 'context'),
        e('x', 'ft'),
        e('ps', 'ft'),
        e('att', 'g'),
        e('ft', 'g'),
        e('g', 'h1'),
        e('att', 'h2'),
        e('h1', 'lw'),
        e('h2', 'lw'),
      ],
    ),
  },
  hostileCase(HOSTILE_LABELS.slice(0, 8)),
];

/** HOSTILE_LABELS in groups of 8 (the nodes of hostileCase), padded with plain labels. */
export const HOSTILE_LABEL_GROUPS: readonly (readonly string[])[] = [0, 8, 16].map((i) =>
  Array.from({ length: 8 }, (_, j) => HOSTILE_LABELS[i + j] ?? `plain ${j}`),
);

/**
 * One small graph (tabular + text, MLP, embedding, gated, concat, classifier) with the given labels
 * on its 8 nodes, hostile ids and a hostile project name; or, with `labels` null, plain labels, ids
 * and name. The hostile export must run and match tfjs, and its code must have the same token
 * structure as the plain one.
 */
export function hostileCase(labels: readonly string[] | null): ExportCase {
  const plain = labels === null;
  const kinds: [string, Record<string, number | string | boolean>][] = [
    ['input.tabular', { features: 3 }],
    ['input.text', { vocabSize: 7, maxLength: 4 }],
    ['encoder.mlp', { layers: 1, units: 3 }],
    ['encoder.embedding', { dim: 3, pooling: 'mean' }],
    ['fusion.gated', { units: 3 }],
    ['encoder.mlp', { layers: 1, units: 3 }],
    ['fusion.concat', {}],
    ['head.classify', { classes: 2 }],
  ];
  const ids = plain ? kinds.map((_, i) => `n${i}`) : ['"""id', "x'; import os", 'n 2\nrm', 'class', '1', '__init__', 'a.b/c', 'λ'];
  const id = (i: number): string => ids[i] ?? `n${i}`;
  const nodes = kinds.map(([kind, params], i) => node(id(i), kind, params, plain ? `node ${i}` : (labels[i] ?? `plain ${i}`)));
  const edges = [
    edge('e1', id(0), id(2)),
    edge('e2', id(1), id(3)),
    edge('e3', id(2), id(4)),
    edge('e4', id(3), id(4)),
    edge('e5', id(4), id(5)),
    edge('e6', id(5), id(6)),
    edge('e7', id(3), id(6)),
    edge('e8', id(6), id(7)),
  ];
  return {
    name: plain ? 'plain labels' : 'hostile labels, ids and project name',
    graph: graphOf(nodes, edges),
    projectName: plain ? 'plain' : '"""\nimport os; os.system("echo pwned")\n"""',
  };
}
