import { defineKind, denseParams, fail, num, ok } from './kit.ts';

export const headMultilabel = defineKind({
  id: 'head.multilabel',
  title: 'Multi-label classifier',
  category: 'head',
  description:
    'Decides yes or no for each of several labels independently, so one sample can have any number of them (for example the tags of a photo). Each label gets its own logit, a sigmoid turns it into a probability, and training minimises binary cross-entropy per label. An optional hidden layer lets the head combine features non-linearly.',
  math: 'pⱼ = σ(wⱼᵀ h + bⱼ), j = 1…L,  loss = −(1/L) Σⱼ [yⱼ log pⱼ + (1 − yⱼ) log(1 − pⱼ)]',
  paramsFormula: 'd·L + L, or d·u + u + u·L + L with a hidden layer of u units',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Prediction', type: 'prediction' }],
  params: [
    { name: 'labels', label: 'Labels', kind: 'int', default: 5, min: 1, max: 1000, help: 'Number of independent yes/no labels.' },
    { name: 'hidden', label: 'Hidden units', kind: 'int', default: 0, min: 0, max: 4096, help: 'Width of a ReLU hidden layer before the output; 0 for none.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('The multi-label classifier has no input. Connect a feature vector to it.');
    const labels = num(params, 'labels');
    const hidden = num(params, 'hidden');
    const d = x.shape[0] ?? 0;
    const paramCount = hidden > 0 ? denseParams(d, hidden) + denseParams(hidden, labels) : denseParams(d, labels);
    return ok({ out: { type: 'prediction', shape: [labels], decision: 'sigmoid' } }, paramCount);
  },
});
