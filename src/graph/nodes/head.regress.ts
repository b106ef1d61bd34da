import { defineKind, denseParams, fail, num, ok } from './kit.ts';

export const headRegress = defineKind({
  id: 'head.regress',
  title: 'Regressor',
  category: 'head',
  description:
    'Predicts one or more real numbers (targets) from a feature vector, such as a rating, an age or a position. Training minimises the mean squared error between the predictions and the true values, so targets on similar scales train best. An optional hidden layer lets the head combine features non-linearly.',
  math: 'ŷ = W₂ ReLU(W₁ z + b₁) + b₂ ∈ ℝⁿ  (or W z + b),  loss = (1/n) Σᵢ (ŷᵢ − yᵢ)²',
  paramsFormula: 'd·n + n, or d·u + u + u·n + n with a hidden layer of u units',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Prediction', type: 'prediction' }],
  params: [
    { name: 'targets', label: 'Targets', kind: 'int', default: 1, min: 1, max: 1000, help: 'How many numbers to predict per sample.' },
    { name: 'hidden', label: 'Hidden units', kind: 'int', default: 0, min: 0, max: 4096, help: 'Width of a ReLU hidden layer before the output; 0 for none.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('The regressor has no input. Connect a feature vector to it.');
    const n = num(params, 'targets');
    const hidden = num(params, 'hidden');
    const d = x.shape[0] ?? 0;
    const paramCount = hidden > 0 ? denseParams(d, hidden) + denseParams(hidden, n) : denseParams(d, n);
    return ok({ out: { type: 'prediction', shape: [n], decision: 'identity' } }, paramCount);
  },
});
