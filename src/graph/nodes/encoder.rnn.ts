import { bool, defineKind, describeShape, fail, num, ok, out, str } from './kit.ts';

export const encoderRnn = defineKind({
  id: 'encoder.rnn',
  title: 'Recurrent encoder',
  category: 'encoder',
  description:
    'A recurrent network reads the sequence one step at a time and updates a hidden state that summarises everything seen so far; GRU and LSTM cells use learned gates to decide what to keep and what to forget, so information can travel across many steps. The last state is a vector summary of the whole sequence, or every step’s state can be kept as tokens (return sequences) for attention or another recurrent layer.',
  math: 'hₜ = cell(xₜ, hₜ₋₁) (GRU: update/reset gates; LSTM: input/forget/output gates and a cell state),  z = h_T ∈ ℝ^u  or tokens (h₁, …, h_T)',
  paramsFormula: 'GRU 3·(F·u + u² + u); LSTM 4·(F·u + u² + u)',
  reference: 'GRU: Cho et al. 2014, arXiv 1406.1078; LSTM: Hochreiter & Schmidhuber 1997, Long Short-Term Memory (Neural Computation 9)',
  inputs: [{ name: 'in', label: 'Sequence', accepts: ['sequence', 'audio', 'tokens'], min: 1, max: 1 }],
  outputs: [{ name: 'out', label: 'Features', type: 'vector' }],
  params: [
    { name: 'cell', label: 'Cell', kind: 'enum', default: 'gru', options: ['gru', 'lstm'], help: 'GRU (two gates, fewer parameters) or LSTM (three gates and a separate memory cell).' },
    { name: 'units', label: 'Units', kind: 'int', default: 64, min: 1, max: 1024, help: 'Width u of the hidden state.' },
    { name: 'returnSequences', label: 'Return sequences', kind: 'bool', default: false, help: 'Keep every step’s state as tokens instead of only the last state.' },
  ],
  infer: (params, inputs) => {
    const x = inputs['in']?.[0];
    if (!x) return fail('The recurrent encoder has no input. Connect a sequence, spectrogram or tokens to it.');
    const [t, f] = x.shape;
    if (x.shape.length !== 2 || t === undefined || f === undefined) {
      return fail(`The recurrent encoder needs steps × features, but got ${describeShape(x)}.`);
    }
    const u = num(params, 'units');
    const gates = str(params, 'cell') === 'lstm' ? 4 : 3;
    const paramCount = gates * (f * u + u * u + u);
    if (bool(params, 'returnSequences')) return ok({ out: out('tokens', [t, u]) }, paramCount);
    return ok({ out: out('vector', [u]) }, paramCount);
  },
});
