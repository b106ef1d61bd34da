// Info cards: for every node kind, what it does, its math, its cost, when to use it and where it
// comes from. The declaration (one file per kind) already holds the description, math, parameter
// formula and reference; this table adds the compute cost, the advice, and a source for the kinds
// whose declaration names none. Keyed by NodeKindId, so a new kind without a card fails the typecheck.
import type { NodeKindId } from '../registry.ts';
import { getKind, isNodeKindId } from '../registry.ts';
import type { Category } from '../types.ts';

export interface NodeInfo {
  /** Compute and memory in a few symbols: what grows with what. */
  readonly cost: string;
  /** When to reach for it, and when not to. */
  readonly whenToUse: string;
  /** The source, for kinds whose declaration has no `reference`. */
  readonly paper?: string;
}

export const NODE_INFO = {
  'input.image': {
    cost: 'No parameters. Memory H·W·C floats per sample (28×28×1: 3 KB).',
    whenToUse: 'Pictures, frames, maps: anything on a 2-D grid. Follow it with a CNN or patch encoder; an MLP works on small images but ignores where pixels are.',
    paper: 'LeCun et al. 1998, Gradient-based learning applied to document recognition (Proc. IEEE 86): images as pixel grids for learned filters',
  },
  'input.audio': {
    cost: 'No parameters; the STFT is computed once when the data loads. Memory T·F floats per sample.',
    whenToUse: 'Speech, music, machine sounds. A spectrogram turns sound into a time × frequency grid that 1-D CNNs, recurrent and transformer encoders read well.',
    paper: 'Hershey et al. 2017, CNN Architectures for Large-Scale Audio Classification, arXiv 1609.09430 (log spectrograms as network input)',
  },
  'input.text': {
    cost: 'No parameters. T integers per sample; the vocabulary size V sets the embedding’s cost.',
    whenToUse: 'Captions, notes, transcripts. Always follow it with a token embedding: ids are names, not amounts.',
    paper: 'Mikolov et al. 2013, Efficient Estimation of Word Representations in Vector Space, arXiv 1301.3781',
  },
  'input.tabular': {
    cost: 'No parameters. F floats per sample.',
    whenToUse: 'Measurements, records, spreadsheet rows: a fixed set of numeric columns. Standardise the columns; an MLP is the usual encoder.',
    paper: 'Gorishniy et al. 2021, Revisiting Deep Learning Models for Tabular Data, arXiv 2106.11959',
  },
  'input.sequence': {
    cost: 'No parameters. T·F floats per sample.',
    whenToUse: 'Time series from sensors or motion capture, where the order of steps matters. Use a 1-D CNN, recurrent or transformer encoder; use early fusion with align “time” to join aligned sequences.',
    paper: 'Ismail Fawaz et al. 2019, Deep learning for time series classification: a review, arXiv 1809.04356',
  },
  'encoder.mlp': {
    cost: 'Time and memory O(D·u + L·u²) per sample: the first layer dominates when the input D is wide (a flattened image or spectrogram).',
    whenToUse: 'Tabular rows and already-encoded vectors; small images or spectrograms when you do not need their structure. For large images prefer a CNN: it needs far fewer weights.',
  },
  'encoder.cnn2d': {
    cost: 'Time O(H·W·k²·C_in·C_out) per block, halving H and W each block; few parameters (filters are shared across positions), but more arithmetic per weight than an MLP.',
    whenToUse: 'Images. Global-average pooling keeps it small and ignores where things are; flatten keeps positions (better for digits, more parameters).',
  },
  'encoder.cnn1d': {
    cost: 'Time O(T·k·C_in·C_out) per block, halving T each block; parameters independent of the length T.',
    whenToUse: 'Spectrograms, sensor sequences and token sequences where local patterns in time matter (a chirp, a gesture, a phrase).',
  },
  'encoder.embedding': {
    cost: 'V·d parameters (a table lookup: almost no arithmetic); pooling costs O(T·d).',
    whenToUse: 'Every text input. Mean pooling gives a cheap bag of words; keep the tokens (pooling none) for attention or recurrent encoders when word order matters.',
  },
  'encoder.transformer': {
    cost: 'Time O(L·(T²·d + T·d·ffDim)) and memory O(heads·T²) for the attention maps: quadratic in the number of tokens.',
    whenToUse: 'Tokens or sequences where any position may depend on any other (sentences, patch tokens). Needs more data than a CNN; keep T small in the browser.',
  },
  'encoder.rnn': {
    cost: 'Time O(T·(F·u + u²)), strictly step after step (it cannot run the steps in parallel), so it is slow on long sequences.',
    whenToUse: 'Short sequences where order and memory matter (sensor streams, speech features); a 1-D CNN or transformer is usually faster.',
  },
  'encoder.patches': {
    cost: 'p²·C·d parameters; T = (H/p)(W/p) tokens, and everything after it pays for T (attention pays T²).',
    whenToUse: 'Before a transformer, cross-attention or fusion transformer on images. Larger patches mean fewer tokens and cheaper attention, but coarser detail.',
  },
  'encoder.project': {
    cost: 'd_in·d parameters; O(d_in·d) per vector (per token for tokens).',
    whenToUse: 'To give modalities a common width before elementwise fusion, attention or a shared transformer, or to shrink wide features before tensor fusion.',
    paper: 'Tsai et al. 2019, Multimodal Transformer for Unaligned Multimodal Language Sequences, arXiv 1906.00295 (per-modality linear projections to a common width)',
  },
  'fusion.early': {
    cost: 'No parameters itself, but the next layer’s first weight matrix is (Σ Dₘ) × h: joining a 28×28 image and a 61×129 spectrogram gives 8,653 inputs per unit.',
    whenToUse: 'Small, aligned raw inputs that are always all present, and interactions at the finest level (pixel with sound). Avoid it when a modality can be missing or inputs are wide.',
  },
  'fusion.concat': {
    cost: 'No parameters; output width Σ dₘ, so the next layer grows with every modality added.',
    whenToUse: 'The default for intermediate fusion. Give the head a hidden layer if the modalities must interact (an XOR-like label); it does not cope with a missing modality unless trained with modality dropout.',
  },
  'fusion.elementwise': {
    cost: 'No parameters; O(M·d) per sample. Needs equal widths (add a projection first).',
    whenToUse: 'A cheap, width-preserving merge. Sum or mean act like a soft vote; product lets the next layer see multiplicative interactions.',
  },
  'fusion.late': {
    cost: 'At most M·K·K + K parameters (stacking); one full classifier per modality before it.',
    whenToUse: 'Modular systems, reusing single-modality models, and robustness to a missing modality. Not when the label depends on a combination of modalities: it cannot learn XOR.',
  },
  'fusion.modalityAttention': {
    cost: 'Σ dₘ·d + (Σ dₘ)·M parameters; O(M·d) per sample beyond the projections.',
    whenToUse: 'When one modality is noisy or uninformative for some samples: the weights turn it down per sample and show you which modality the model trusts.',
  },
  'fusion.crossAttention': {
    cost: 'About 4d² + 2·d·ffDim parameters; time O(T_A·T_B·d), memory heads·T_A·T_B for the attention maps.',
    whenToUse: 'When one modality should look up parts of another (a question reading image regions, text reading audio frames), especially when they are not aligned in time.',
  },
  'fusion.transformer': {
    cost: 'About L·(4d² + 2·d·ffDim) parameters; time O(L·T²·d) with T the total number of tokens of all modalities.',
    whenToUse: 'Rich token inputs where any part of any modality may relate to any other, with enough data. Sensitive to a missing modality unless trained for it.',
  },
  'fusion.tensor': {
    cost: 'Π(dₘ+1)·h parameters: multiplicative in the widths. Two vectors of 64 at h = 32: 135,232; three of 32 at h = 64: 2.3 million.',
    whenToUse: 'Few, narrow modalities whose interactions carry the label. Project wide features down first, or use low-rank fusion.',
  },
  'fusion.lowRank': {
    cost: 'r·h·Σ(dₘ+1) parameters: additive in the widths and linear in the number of modalities M.',
    whenToUse: 'Whenever tensor fusion is too big: it learns the same kind of interactions at a fraction of the cost. Raise the rank r if accuracy falls short.',
  },
  'fusion.gated': {
    cost: 'About 2·(Σ dₘ)·h parameters; O((Σ dₘ)·h) per sample.',
    whenToUse: 'Two (or a few) modalities where, feature by feature, one should take over from the other; the gate values show which.',
  },
  'fusion.film': {
    cost: '2·C·(d_c + 1) parameters; O(C) per token to apply: very cheap.',
    whenToUse: 'When one modality (a question, an instruction, metadata) should decide how the features of another are read.',
  },
  'fusion.bilinear': {
    cost: 'k·o·(d₁ + d₂) parameters; O(k·o·(d₁ + d₂)) per sample, instead of d₁·d₂·o for a full bilinear map.',
    whenToUse: 'Exactly two modalities with pairwise interactions (visual question answering); a compact alternative to tensor fusion.',
  },
  'head.classify': {
    cost: 'd·K + K parameters (plus d·u + u·K with a hidden layer).',
    whenToUse: 'Choosing one class out of K. Add a hidden layer after concatenation when the modalities must interact.',
  },
  'head.regress': {
    cost: 'd·n + n parameters (plus d·u + u·n with a hidden layer).',
    whenToUse: 'Predicting numbers (a rating, an age, a position). Scale the targets to similar ranges.',
    paper: 'Goodfellow, Bengio & Courville 2016, Deep Learning, §6.2.2.1 (linear output units and mean squared error)',
  },
  'head.multilabel': {
    cost: 'd·L + L parameters (plus d·u + u·L with a hidden layer).',
    whenToUse: 'Several yes/no labels that can hold together (tags of a photo, symptoms of a patient).',
    paper: 'Zhang & Zhou 2014, A Review on Multi-Label Learning Algorithms (IEEE TKDE 26)',
  },
  'reg.dropout': {
    cost: 'No parameters; one random mask per batch while training, nothing at inference.',
    whenToUse: 'Small datasets where the model overfits (training accuracy far above validation). Rates of 0.1–0.5.',
  },
  'reg.modalityDropout': {
    cost: 'No parameters; one random draw per sample and modality while training, nothing at inference.',
    whenToUse: 'When a modality may be missing at test time: put it in front of the encoders (where zeros are how a missing input arrives) so the model learns to answer from what is there.',
  },
} satisfies Record<NodeKindId, NodeInfo>;

/** Everything an info card shows about a kind, in one place. */
export interface InfoCard {
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  /** What it does (the declaration's description). */
  readonly what: string;
  readonly math: string;
  /** The parameter count as a formula. */
  readonly params: string;
  readonly cost: string;
  readonly whenToUse: string;
  /** The paper or source it comes from. */
  readonly paper: string;
}

/** The info card of a registered kind (its declaration + NODE_INFO), or undefined for an unknown id. */
export function infoCard(id: string): InfoCard | undefined {
  const kind = getKind(id);
  if (kind === undefined || !isNodeKindId(id)) return undefined;
  const info: NodeInfo = NODE_INFO[id];
  return {
    id: kind.id,
    title: kind.title,
    category: kind.category,
    what: kind.description,
    math: kind.math,
    params: kind.paramsFormula ?? '0',
    cost: info.cost,
    whenToUse: info.whenToUse,
    paper: kind.reference ?? info.paper ?? '',
  };
}
