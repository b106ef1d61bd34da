import { defineKind, num, ok, out } from './kit.ts';

export const inputSequence = defineKind({
  id: 'input.sequence',
  title: 'Sequence input',
  category: 'input',
  description:
    'Feeds a time series: a fixed number of steps, each with the same numeric features (for example sensor readings). Order matters, so sequence encoders can use it; an MLP flattens it and ignores the order.',
  math: 'x ∈ ℝ^{T×F}',
  inputs: [],
  outputs: [{ name: 'out', label: 'Sequence', type: 'sequence' }],
  params: [
    { name: 'steps', label: 'Steps', kind: 'int', default: 20, min: 1, max: 1024, help: 'Time steps per sample.' },
    { name: 'features', label: 'Features per step', kind: 'int', default: 8, min: 1, max: 4096, help: 'Numbers measured at each step.' },
  ],
  infer: (params) => ok({ out: out('sequence', [num(params, 'steps'), num(params, 'features')]) }),
});
