import { defineKind, denseParams, dims, fail, num, ok, out, str } from './kit.ts';

export const encoderCnn2d = defineKind({
  id: 'encoder.cnn2d',
  title: 'CNN encoder',
  category: 'encoder',
  description:
    'A convolutional network for images: each block slides small learned filters over the image (keeping its size), applies ReLU, then halves height and width with 2×2 max pooling. Filters double with each block, so deeper blocks see larger patterns with more channels. The feature maps are then averaged (global average pooling) or flattened into a vector.',
  math: 'Aᵦ = maxpool₂(ReLU(conv_{k×k}(Aᵦ₋₁))),  z = pool(A_B) [→ dense]',
  paramsFormula: 'Σ_b k²·C_{b−1}·C_b + C_b (C_b = filters·2^{b−1}) + [dense] D·units + units',
  reference: 'LeCun et al. 1998, Gradient-based learning applied to document recognition (Proc. IEEE 86)',
  inputs: [{ name: 'in', label: 'Image', accepts: ['image'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Features', type: 'vector' }],
  params: [
    { name: 'blocks', label: 'Blocks', kind: 'int', default: 2, min: 1, max: 5, help: 'Conv + ReLU + 2×2 max-pool blocks; each halves height and width.' },
    { name: 'filters', label: 'Filters', kind: 'int', default: 16, min: 1, max: 512, help: 'Filters in the first block; doubled in each following block.' },
    { name: 'kernelSize', label: 'Kernel size', kind: 'int', default: 3, min: 1, max: 7, step: 2, help: 'Width and height of each filter (odd, so it has a centre).' },
    { name: 'pooling', label: 'Pooling', kind: 'enum', default: 'global-avg', options: ['global-avg', 'flatten'], help: 'How the last feature maps become a vector.' },
    { name: 'units', label: 'Output units', kind: 'int', default: 64, min: 0, max: 4096, help: 'Width of a final dense layer; 0 for none.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('The CNN encoder has no input. Connect an image input to it.');
    const [h0, w0, c0] = x.shape;
    if (x.shape.length !== 3 || h0 === undefined || w0 === undefined || c0 === undefined) {
      return fail(`The CNN encoder needs an image of height × width × channels, but got ${x.type} ${dims(x.shape)}.`);
    }
    const blocks = num(params, 'blocks');
    const filters = num(params, 'filters');
    const k = num(params, 'kernelSize');
    const units = num(params, 'units');
    let h = h0;
    let w = w0;
    let c = c0;
    let paramCount = 0;
    for (let b = 1; b <= blocks; b++) {
      const f = filters * 2 ** (b - 1);
      paramCount += k * k * c * f + f;
      c = f;
      const nh = Math.floor(h / 2);
      const nw = Math.floor(w / 2);
      if (nh < 1 || nw < 1) {
        if (b === 1) {
          return fail(`Each block halves the image with 2×2 pooling, but a ${h0}×${w0} image is too small to pool even once. Make it at least 2×2.`);
        }
        return fail(
          `Each block halves the image, and a ${h0}×${w0} image is down to ${h}×${w} before block ${b}, too small to pool again. Use at most ${b - 1} block${b - 1 === 1 ? '' : 's'}, or a larger image.`,
        );
      }
      h = nh;
      w = nw;
    }
    let d = str(params, 'pooling') === 'flatten' ? h * w * c : c;
    if (units > 0) {
      paramCount += denseParams(d, units);
      d = units;
    }
    return ok({ out: out('vector', [d]) }, paramCount, 'consider global-avg pooling instead of flatten, fewer filters, or fewer output units');
  },
});
