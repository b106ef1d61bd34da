import { defineKind, num, ok, out } from './kit.ts';

export const inputText = defineKind({
  id: 'input.text',
  title: 'Text input',
  category: 'input',
  description:
    'Feeds text as a fixed-length list of token ids: each word or piece of a word is replaced by its number in a vocabulary. Shorter texts are padded and longer ones cut to the maximum length. Token ids are labels, not quantities, so they need an embedding before any arithmetic.',
  math: 'x ∈ {0, …, V−1}^T',
  inputs: [],
  outputs: [{ name: 'out', label: 'Tokens', type: 'text' }],
  params: [
    { name: 'vocabSize', label: 'Vocabulary size', kind: 'int', default: 1000, min: 2, max: 100000, help: 'Number of distinct token ids (including padding and unknown).' },
    { name: 'maxLength', label: 'Max length', kind: 'int', default: 32, min: 1, max: 1024, help: 'Tokens per sample after padding or cutting.' },
  ],
  infer: (params) => ok({ out: { ...out('text', [num(params, 'maxLength')]), vocabSize: num(params, 'vocabSize') } }),
});
