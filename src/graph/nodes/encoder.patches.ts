import { bool, defineKind, describeShape, fail, num, ok, out } from './kit.ts';

function divisors(n: number): number[] {
  const list: number[] = [];
  for (let p = 1; p <= n; p++) if (n % p === 0) list.push(p);
  return list;
}

export const encoderPatches = defineKind({
  id: 'encoder.patches',
  title: 'Patch tokens',
  category: 'encoder',
  description:
    'Cuts the image into non-overlapping square patches and maps each patch linearly to a token of width d, as the Vision Transformer does. An optional learned position embedding tells later attention layers where each patch came from. The tokens feed a transformer, cross-attention, pooling or fusion node.',
  math: 'T = (H/p)·(W/p),  tokenᵢ = vec(patchᵢ) W + b + Pᵢ ∈ ℝ^d,  W ∈ ℝ^{p²C×d}',
  paramsFormula: 'p²·C·d + d (+ T·d with position embedding)',
  reference: 'Dosovitskiy et al. 2020, An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale, arXiv 2010.11929',
  inputs: [{ name: 'in', label: 'Image', accepts: ['image'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Tokens', type: 'tokens' }],
  params: [
    { name: 'patchSize', label: 'Patch size', kind: 'int', default: 4, min: 1, max: 64, help: 'Side p of each square patch; must divide the image height and width.' },
    { name: 'dim', label: 'Token width', kind: 'int', default: 64, min: 1, max: 1024, help: 'Width d of each patch token.' },
    { name: 'positions', label: 'Position embedding', kind: 'bool', default: true, help: 'Add a learned embedding per patch position.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('Patch tokens has no input. Connect an image input to it.');
    const [h, w, c] = x.shape;
    if (x.shape.length !== 3 || h === undefined || w === undefined || c === undefined) {
      return fail(`Patch tokens needs an image of height × width × channels, but got ${describeShape(x)}.`);
    }
    const p = num(params, 'patchSize');
    if (h % p !== 0 || w % p !== 0) {
      const common = divisors(h).filter((q) => w % q === 0 && q > 1);
      const hint = common.length > 0 ? `Use a patch size that divides both, such as ${common.slice(0, 6).join(', ')}.` : `No patch size above 1 divides both sides; use 1 or resize the image.`;
      return fail(`A ${h}×${w} image doesn't split into whole ${p}×${p} patches (${h % p !== 0 ? h : w} is not a multiple of ${p}). ${hint}`);
    }
    const d = num(params, 'dim');
    const t = (h / p) * (w / p);
    const paramCount = p * p * c * d + d + (bool(params, 'positions') ? t * d : 0);
    return ok({ out: out('tokens', [t, d]) }, paramCount);
  },
});
