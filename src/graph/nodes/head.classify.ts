import { defineKind, denseParams, fail, num, ok } from './kit.ts';

export const headClassify = defineKind({
  id: 'head.classify',
  title: 'Classifier',
  category: 'head',
  description:
    'Turns a feature vector into one score (logit) per class; softmax turns the scores into probabilities and training minimises cross-entropy against the true class. An optional hidden layer lets the head combine features non-linearly before deciding, which is what lets a concatenation learn cross-modal interactions.',
  math: 'p = softmax(W₂ ReLU(W₁ z + b₁) + b₂) ∈ ℝ^K  (or softmax(W z + b) without a hidden layer)',
  paramsFormula: 'd·K + K, or d·u + u + u·K + K with a hidden layer of u units',
  reference: 'Softmax regression with cross-entropy; Bridle 1990, Probabilistic Interpretation of Feedforward Classification Network Outputs',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Prediction', type: 'prediction' }],
  params: [
    { name: 'classes', label: 'Classes', kind: 'int', default: 10, min: 2, max: 1000, help: 'Number of classes to choose between.' },
    { name: 'hidden', label: 'Hidden units', kind: 'int', default: 0, min: 0, max: 4096, help: 'Width of a ReLU hidden layer before the output; 0 for none.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('The classifier has no input. Connect a feature vector to it.');
    const classes = num(params, 'classes');
    const hidden = num(params, 'hidden');
    const d = x.shape[0] ?? 0;
    const paramCount = hidden > 0 ? denseParams(d, hidden) + denseParams(hidden, classes) : denseParams(d, classes);
    return ok({ out: { type: 'prediction', shape: [classes], decision: 'softmax' } }, paramCount);
  },
});
