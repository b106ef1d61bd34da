import { defineKind, fail, ok } from './kit.ts';

export const regDropout = defineKind({
  id: 'reg.dropout',
  title: 'Dropout',
  category: 'regularisation',
  description:
    'While training, sets a random fraction of the values to zero and scales the rest up to keep the average, so the next layers cannot rely on any single feature. At inference it passes everything through unchanged. It adds no parameters and usually reduces overfitting on small datasets.',
  math: 'training: y = m ∘ x / (1 − p), mᵢ ~ Bernoulli(1 − p);  inference: y = x',
  paramsFormula: '0',
  reference: 'Srivastava et al. 2014, Dropout: A Simple Way to Prevent Neural Networks from Overfitting (JMLR 15)',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector', 'tokens', 'image', 'audio', 'tabular', 'sequence'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Features', type: 'vector', follows: 'in' }],
  params: [{ name: 'rate', label: 'Rate', kind: 'number', default: 0.2, min: 0, max: 0.9, step: 0.05, help: 'Fraction of values zeroed while training.' }],
  infer: (_params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('Dropout has no input. Connect features to it.');
    return ok({ out: { type: x.type, shape: [...x.shape] } });
  },
});
