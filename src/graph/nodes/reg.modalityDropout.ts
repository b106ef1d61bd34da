import type { InputPortSpec, OutputPortSpec, PortType, TypedShape } from '../types.ts';
import { defineKind, fail, ok } from './kit.ts';

/** Mirrored ports: in_k → out_k. Two modalities are required, two more are optional. */
export const MODALITY_DROPOUT_SLOTS = 4;
const ACCEPTS: readonly PortType[] = ['vector', 'tokens', 'image', 'audio', 'tabular', 'sequence'];
const slots = Array.from({ length: MODALITY_DROPOUT_SLOTS }, (_, i) => i + 1);

export const regModalityDropout = defineKind({
  id: 'reg.modalityDropout',
  title: 'Modality dropout',
  category: 'regularisation',
  description:
    'While training, drops whole modalities at random: for each sample, each modality’s input is replaced by zeros with probability p, but at least one modality is always kept. The model learns not to depend on any single modality, so it still works when one is missing at inference, where a missing modality is fed as zeros in the same way. Connect each modality to its own numbered input and take it out of the output with the same number.',
  math: 'training: yₘ = δₘ · xₘ, δₘ ~ Bernoulli(1 − p) per sample, with Σₘ δₘ ≥ 1;  inference: yₘ = xₘ',
  paramsFormula: '0',
  reference: 'Neverova et al. 2015, ModDrop: Adaptive Multi-modal Gesture Recognition, arXiv 1501.00102',
  inputs: slots.map(
    (k): InputPortSpec => ({ name: `in_${k}`, label: `Modality ${k}`, accepts: ACCEPTS, min: k <= 2 ? 1 : 0, max: 1 }),
  ),
  outputs: slots.map((k): OutputPortSpec => ({ name: `out_${k}`, label: `Modality ${k}`, type: 'vector', follows: `in_${k}` })),
  params: [
    { name: 'rate', label: 'Drop probability', kind: 'number', default: 0.25, min: 0, max: 0.9, step: 0.05, help: 'Probability p of dropping each modality per sample while training.' },
  ],
  infer: (_params, inputs) => {
    const outputs: Record<string, TypedShape> = {};
    for (const k of slots) {
      const x = inputs[`in_${k}`]?.[0];
      if (x) outputs[`out_${k}`] = { ...x, shape: [...x.shape] };
    }
    if (Object.keys(outputs).length < 2) return fail('Modality dropout needs at least two modalities. Connect them to "Modality 1" and "Modality 2".');
    return ok(outputs);
  },
});
