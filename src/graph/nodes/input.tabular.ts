import { defineKind, num, ok, out } from './kit.ts';

export const inputTabular = defineKind({
  id: 'input.tabular',
  title: 'Tabular input',
  category: 'input',
  description:
    'Feeds one row of numeric features per sample, like the columns of a spreadsheet. Features should be scaled to similar ranges before training. An MLP encoder is the usual next step.',
  math: 'x ∈ ℝ^F',
  inputs: [],
  outputs: [{ name: 'out', label: 'Features', type: 'tabular' }],
  params: [{ name: 'features', label: 'Features', kind: 'int', default: 16, min: 1, max: 10000, help: 'Number of numeric columns.' }],
  infer: (params) => ok({ out: out('tabular', [num(params, 'features')]) }),
});
