import { defineKind, dims, fail, num, ok, out, str } from './kit.ts';

export const encoderCnn1d = defineKind({
  id: 'encoder.cnn1d',
  title: '1-D CNN encoder',
  category: 'encoder',
  description:
    'A convolutional network along time: each block slides learned filters over a few neighbouring steps of a spectrogram, sequence or token list (all features at once), applies ReLU, then halves the length with max pooling. Filters double with each block, so later blocks respond to longer patterns. The result is averaged or max-pooled over time into one vector, or kept as one token per remaining step (pooling "none").',
  math: 'Aᵦ = maxpool₂(ReLU(conv1d_k(Aᵦ₋₁))),  z = poolₜ(A_B) ∈ ℝ^C  or tokens A_B ∈ ℝ^{⌊T/2ᴮ⌋×C}',
  paramsFormula: 'Σ_b k·C_{b−1}·C_b + C_b,  C_b = filters·2^{b−1}, C₀ = input features',
  reference: 'LeCun et al. 1998, Gradient-based learning applied to document recognition; over time as in Abdel-Hamid et al. 2014 (CNNs for speech recognition)',
  inputs: [{ name: 'in', label: 'Sequence', accepts: ['audio', 'sequence', 'tokens'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Features', type: 'vector' }],
  params: [
    { name: 'blocks', label: 'Blocks', kind: 'int', default: 2, min: 1, max: 6, help: 'Conv + ReLU + max-pool blocks; each halves the number of steps.' },
    { name: 'filters', label: 'Filters', kind: 'int', default: 32, min: 1, max: 512, help: 'Filters in the first block; doubled in each following block.' },
    { name: 'kernelSize', label: 'Kernel size', kind: 'int', default: 3, min: 1, max: 15, step: 2, help: 'Steps each filter spans (odd, so it has a centre).' },
    { name: 'pooling', label: 'Pooling', kind: 'enum', default: 'global-avg', options: ['global-avg', 'global-max', 'none'], help: 'Average or max over time into a vector, or "none" to keep tokens.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('The 1-D CNN encoder has no input. Connect a spectrogram, sequence or tokens to it.');
    const [t0, f0] = x.shape;
    if (x.shape.length !== 2 || t0 === undefined || f0 === undefined) {
      return fail(`The 1-D CNN encoder needs steps × features, but got ${x.type} ${dims(x.shape)}.`);
    }
    const blocks = num(params, 'blocks');
    const filters = num(params, 'filters');
    const k = num(params, 'kernelSize');
    let t = t0;
    let c = f0;
    let paramCount = 0;
    for (let b = 1; b <= blocks; b++) {
      const f = filters * 2 ** (b - 1);
      paramCount += k * c * f + f;
      c = f;
      const nt = Math.floor(t / 2);
      if (nt < 1) {
        if (b === 1) {
          return fail(`Each block halves the number of steps with max pooling, but ${t0} step is too short to pool even once. Give it at least 2 steps.`);
        }
        return fail(
          `Each block halves the number of steps, and ${t0} steps are down to ${t} before block ${b}, too few to pool again. Use at most ${b - 1} block${b - 1 === 1 ? '' : 's'}, or a longer input.`,
        );
      }
      t = nt;
    }
    if (str(params, 'pooling') === 'none') return ok({ out: out('tokens', [t, c]) }, paramCount);
    return ok({ out: out('vector', [c]) }, paramCount);
  },
});
