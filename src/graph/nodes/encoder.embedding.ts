import { defineKind, dims, fail, num, ok, out, str } from './kit.ts';

export const encoderEmbedding = defineKind({
  id: 'encoder.embedding',
  title: 'Token embedding',
  category: 'encoder',
  description:
    'Turns token ids into learned vectors: every id in the vocabulary owns one row of a table of width d, trained with the rest of the model. Mean or max pooling over the positions gives one vector per text (a bag of words that ignores order), while pooling "none" keeps one token per position for a transformer, recurrent or attention node. Padding positions are pooled too, so keep the maximum length close to typical text lengths.',
  math: 'eₜ = E[xₜ] ∈ ℝ^d,  E ∈ ℝ^{V×d};  z = meanₜ eₜ (or maxₜ eₜ)  or tokens (e₁, …, e_T)',
  paramsFormula: 'V·d',
  reference: 'Bengio et al. 2003, A Neural Probabilistic Language Model (JMLR 3)',
  inputs: [{ name: 'in', label: 'Tokens', accepts: ['text'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Features', type: 'vector' }],
  params: [
    { name: 'dim', label: 'Embedding width', kind: 'int', default: 64, min: 1, max: 1024, help: 'Width d of each token vector.' },
    { name: 'pooling', label: 'Pooling', kind: 'enum', default: 'mean', options: ['mean', 'max', 'none'], help: 'Mean or max over positions into a vector, or "none" to keep tokens.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('The token embedding has no input. Connect a text input to it.');
    const t = x.shape[0];
    if (x.shape.length !== 1 || t === undefined) return fail(`The token embedding needs a list of token ids, but got ${x.type} ${dims(x.shape)}.`);
    const vocab = x.vocabSize;
    if (vocab === undefined) return fail('The token embedding needs to know the vocabulary size; connect it directly to a text input.');
    const d = num(params, 'dim');
    const paramCount = vocab * d;
    const advice = 'consider a smaller vocabulary or embedding width';
    if (str(params, 'pooling') === 'none') return ok({ out: out('tokens', [t, d]) }, paramCount, advice);
    return ok({ out: out('vector', [d]) }, paramCount, advice);
  },
});
