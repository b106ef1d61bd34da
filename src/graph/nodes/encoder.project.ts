import { defineKind, describeShape, fail, num, ok, out, widthOf } from './kit.ts';

export const encoderProject = defineKind({
  id: 'encoder.project',
  title: 'Projection',
  category: 'encoder',
  description:
    'A single linear layer that changes the width of features to d: a vector becomes a vector of width d, and tokens or sequence steps are each projected to width d. Use it to give modalities a common width before elementwise fusion, attention or a shared transformer. An optional activation makes it a one-layer non-linear encoder.',
  math: 'z = φ(W x + b),  W ∈ ℝ^{d×d_in}  (per token for tokens and sequences)',
  paramsFormula: 'd_in·d + d',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector', 'tokens', 'tabular', 'sequence', 'audio'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Projected', type: 'vector' }],
  params: [
    { name: 'units', label: 'Width d', kind: 'int', default: 64, min: 1, max: 4096, help: 'Width of the output (per token for tokens).' },
    { name: 'activation', label: 'Activation', kind: 'enum', default: 'linear', options: ['linear', 'relu', 'gelu', 'tanh'], help: 'Non-linearity after the projection; linear for none.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('The projection has no input. Connect features to it.');
    const d = num(params, 'units');
    const paramCount = widthOf(x) * d + d;
    if (x.shape.length === 1) return ok({ out: out('vector', [d]) }, paramCount);
    const t = x.shape[0];
    if (x.shape.length !== 2 || t === undefined) return fail(`The projection needs a vector or tokens, but got ${describeShape(x)}.`);
    return ok({ out: out('tokens', [t, d]) }, paramCount);
  },
});
