import { defineKind, fail, ok, shapeList, str } from './kit.ts';

export const fusionLate = defineKind({
  id: 'fusion.late',
  title: 'Late fusion',
  category: 'fusion',
  description:
    'Decision-level fusion: every modality has its own complete classifier, and only their predictions are combined, by the mean of the class probabilities, learned per-modality weights, or a small stacking layer over all logits. It is modular and degrades gracefully when a modality is missing, but mean and weighted combination cannot represent interactions between modalities (a label that is the XOR of two modalities stays at chance). Connect the Classifier heads of each branch to it.',
  math: 'mean: p = (1/M) Σₘ softmax(lₘ);  weighted: p = Σₘ wₘ softmax(lₘ), w = softmax(v);  stacking: logits = W [l₁; …; l_M] + b',
  paramsFormula: 'mean 0; weighted M; stacking M·K·K + K',
  reference: 'Baltrušaitis, Ahuja & Morency 2018, arXiv 1705.09406 (late fusion); stacking: Wolpert 1992, Stacked Generalization',
  inputs: [{ name: 'in', label: 'Predictions', accepts: ['prediction'], min: 2, max: Infinity }],
  outputs: [{ name: 'out', label: 'Prediction', type: 'prediction' }],
  params: [
    { name: 'combine', label: 'Combine', kind: 'enum', default: 'mean', options: ['mean', 'weighted', 'stacking'], help: 'Mean of probabilities, learned modality weights, or a dense layer over all logits.' },
  ],
  infer: (params, inputs) => {
    const xs = inputs['in'] ?? [];
    if (xs.length < 2) return fail('Late fusion needs the predictions of at least two branches. Connect two or more Classifier heads to it.');
    const notClass = xs.filter((x) => x.decision !== undefined && x.decision !== 'softmax');
    if (notClass.length > 0) {
      return fail(
        'Late fusion combines class probabilities, so every input must come from a Classifier head (or another late fusion), but some come from regression or multi-label heads. Use Classifier heads on every branch, or fuse features before one head instead.',
      );
    }
    const ks = xs.map((x) => x.shape[0] ?? 0);
    const k = ks[0] ?? 0;
    if (xs.some((x) => x.shape.length !== 1) || ks.some((v) => v !== k)) {
      return fail(`Late fusion needs every branch to predict the same classes, but it got ${shapeList(xs)}. Give every Classifier head the same number of classes.`);
    }
    const m = xs.length;
    const combine = str(params, 'combine');
    const paramCount = combine === 'weighted' ? m : combine === 'stacking' ? m * k * k + k : 0;
    return ok({ out: { type: 'prediction', shape: [k], decision: 'softmax' } }, paramCount);
  },
});
