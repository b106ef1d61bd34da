import { defineKind, dims, fail, ok, out, shapeList, str, widthOf } from './kit.ts';

export const fusionElementwise = defineKind({
  id: 'fusion.elementwise',
  title: 'Elementwise',
  category: 'fusion',
  description:
    'Combines features of the same shape position by position: their sum, mean, maximum or product. It adds no parameters and keeps the width, but every input must have the same shape, so modalities of different widths first go through a projection. The product lets the layers after it see multiplicative interactions between modalities; sum and mean behave like a soft vote.',
  math: 'z = Σₘ zₘ,  (1/M) Σₘ zₘ,  maxₘ zₘ  or  ∏ₘ zₘ  (elementwise)',
  paramsFormula: '0',
  reference: 'Baltrušaitis, Ahuja & Morency 2018, Multimodal Machine Learning: A Survey and Taxonomy, arXiv 1705.09406',
  inputs: [{ name: 'in', label: 'Features', accepts: ['vector', 'tokens'], min: 2, max: Infinity }],
  outputs: [{ name: 'out', label: 'Fused', type: 'vector' }],
  params: [{ name: 'op', label: 'Operation', kind: 'enum', default: 'sum', options: ['sum', 'mean', 'max', 'product'], help: 'How values at the same position are combined.' }],
  infer: (params, inputs) => {
    const xs = inputs['in'] ?? [];
    const first = xs[0];
    if (!first || xs.length < 2) return fail('Elementwise fusion needs at least two inputs. Connect the features of two or more encoders.');
    const same = xs.every((x) => x.type === first.type && dims(x.shape) === dims(first.shape));
    if (!same) {
      // A projection changes widths only: it fixes neither vectors mixed with tokens nor token counts.
      const mixed = xs.some((x) => x.type !== first.type || x.shape.length !== first.shape.length);
      const counts = !mixed && xs.some((x) => x.shape.length > 1 && x.shape[0] !== first.shape[0]);
      const fix = mixed
        ? 'Pool the tokens into a vector first (e.g. an encoder with mean pooling), so every input is a vector.'
        : counts
          ? 'Give every input the same number of tokens, or pool them into vectors first; Concatenate or an attention node can also join them.'
          : `Insert an encoder.project (width ${Math.max(...xs.map(widthOf))}) on the inputs that differ.`;
      return fail(`Elementwise ${str(params, 'op')} combines features position by position, so every input needs the same shape, but it got ${shapeList(xs)}. ${fix}`);
    }
    return ok({ out: out(first.type, [...first.shape]) });
  },
});
