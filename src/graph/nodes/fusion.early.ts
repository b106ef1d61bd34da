import { defineKind, fail, ok, out, shapeList, sizeOf, str } from './kit.ts';

export const fusionEarly = defineKind({
  id: 'fusion.early',
  title: 'Early fusion',
  category: 'fusion',
  description:
    'Early (data-level) fusion joins the raw inputs before any encoder, so one shared network sees every modality from its first layer and can learn the finest cross-modal interactions. "flatten" lays every input out as one long vector; "time" joins sequences of the same length step by step along their features. It needs every modality present and aligned, and the joined input is wide, so the next layer tends to be large.',
  math: 'flatten: x = [vec(x₁); …; vec(x_M)] ∈ ℝ^{Σ Dₘ};  time: xₜ = [x₁,ₜ; …; x_M,ₜ] ∈ ℝ^{T×Σ Fₘ}',
  paramsFormula: '0 (the next layer’s first weight matrix is (Σ Dₘ) × h)',
  reference: 'Baltrušaitis, Ahuja & Morency 2018, Multimodal Machine Learning: A Survey and Taxonomy, arXiv 1705.09406',
  inputs: [{ name: 'in', label: 'Raw inputs', accepts: ['image', 'audio', 'tabular', 'sequence'], min: 2, max: Infinity }],
  outputs: [{ name: 'out', label: 'Joined', type: 'vector' }],
  params: [
    { name: 'align', label: 'Join', kind: 'enum', default: 'flatten', options: ['flatten', 'time'], help: '"flatten" every input into one vector, or join sequences of equal length along features ("time").' },
  ],
  infer: (params, inputs) => {
    const xs = inputs['in'] ?? [];
    if (xs.length < 2) return fail('Early fusion needs at least two raw inputs. Connect two or more input nodes to it.');
    if (str(params, 'align') === 'flatten') {
      return ok({ out: out('vector', [xs.reduce((a, x) => a + sizeOf(x.shape), 0)]) });
    }
    const notSeq = xs.filter((x) => x.shape.length !== 2);
    if (notSeq.length > 0) {
      return fail(
        `Joining along time needs sequences or spectrograms (steps × features), but it got ${shapeList(xs)}. Set "Join" to flatten, or connect only sequence and audio inputs.`,
      );
    }
    const steps = xs.map((x) => x.shape[0] ?? 0);
    const t = steps[0] ?? 0;
    if (steps.some((s) => s !== t)) {
      return fail(
        `Joining along time needs the same number of steps in every input, but it got ${shapeList(xs)}. Give the inputs the same number of steps, or set "Join" to flatten.`,
      );
    }
    return ok({ out: out('sequence', [t, xs.reduce((a, x) => a + (x.shape[1] ?? 0), 0)]) });
  },
});
