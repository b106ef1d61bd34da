import { defineKind, denseParams, fail, num, ok, out, sizeOf } from './kit.ts';

export const encoderMlp = defineKind({
  id: 'encoder.mlp',
  title: 'MLP encoder',
  category: 'encoder',
  description:
    'A multilayer perceptron: flattens its input into one long list of numbers and passes it through a stack of fully connected layers. Each layer mixes every input with every other, so it is a strong general-purpose encoder but ignores spatial or temporal structure. Its first layer has one weight per input value per unit, so wide inputs make it large.',
  math: 'h₀ = flatten(x),  hₗ = φ(Wₗ hₗ₋₁ + bₗ),  z = h_L ∈ ℝ^units',
  paramsFormula: 'D·u + u + (L − 1)·(u² + u),  D = flattened input size',
  reference: 'Rumelhart, Hinton & Williams 1986, Learning representations by back-propagating errors (Nature 323)',
  inputs: [{ name: 'in', label: 'Data', accepts: ['tabular', 'vector', 'image', 'audio', 'sequence'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Features', type: 'vector' }],
  params: [
    { name: 'layers', label: 'Layers', kind: 'int', default: 2, min: 1, max: 8, help: 'Number of dense layers.' },
    { name: 'units', label: 'Units', kind: 'int', default: 128, min: 1, max: 4096, help: 'Width of every layer (and of the output vector).' },
    { name: 'activation', label: 'Activation', kind: 'enum', default: 'relu', options: ['relu', 'gelu', 'tanh', 'sigmoid'], help: 'Non-linearity after each layer.' },
    { name: 'dropout', label: 'Dropout', kind: 'number', default: 0, min: 0, max: 0.9, step: 0.05, help: 'Fraction of units zeroed at random after each layer while training.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('The MLP encoder has no input. Connect a feature or modality to it.');
    const layers = num(params, 'layers');
    const units = num(params, 'units');
    const flat = sizeOf(x.shape);
    const paramCount = denseParams(flat, units) + (layers - 1) * denseParams(units, units);
    return ok({ out: out('vector', [units]) }, paramCount, 'the first layer has one weight per input value per unit; consider fewer units, or a CNN or sequence encoder that shares weights');
  },
});
