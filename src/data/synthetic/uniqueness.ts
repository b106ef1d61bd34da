// Uniqueness: only the sound carries the label; the sensor row is a distractor.
import type { SyntheticDataset } from './common.ts';
import { SYNTH_AUDIO, renderSound } from './sound.ts';

const PITCH: readonly (readonly [number, number])[] = [
  [220, 330],
  [480, 680],
  [900, 1250],
];

export const SENSOR_COLUMNS = ['temperature', 'humidity', 'pressure', 'wind', 'light', 'battery'] as const;

export const uniqueness: SyntheticDataset = {
  id: 'synthetic.uniqueness',
  title: 'Uniqueness: only the sound knows',
  summary: 'Audio + tabular, 3 classes; only the audio carries the label',
  description:
    'Each sample is a short sound (a tone, low, middle or high in pitch) and a row of six sensor readings taken at the same time. The label is the pitch, so only the audio carries it: the sensor columns are correlated with one another but say nothing about the label. A model of the audio alone is as good as any fusion. Fusion that can learn to ignore a modality (attention or gated fusion, late fusion with learned weights) matches it; early fusion of the raw inputs has to learn to ignore the distractor columns and can overfit to them on small data. With missing modalities, samples that lost their audio can only be guessed.',
  classes: ['low', 'middle', 'high'],
  modalities: [
    {
      name: 'audio',
      kind: 'audio',
      write(out, offset, s) {
        const [lo, hi] = PITCH[s.label] ?? [440, 440];
        const f = s.rng.range(lo, hi);
        const spec = { f0: f, f1: f * s.rng.range(0.97, 1.03), duration: s.rng.range(0.08, 0.2), amplitude: s.rng.range(0.2, 0.6), harmonic: s.rng.range(0, 0.5) };
        renderSound(out, offset, SYNTH_AUDIO, spec, s.rng, 0.25 * s.noise);
      },
    },
    {
      name: 'sensors',
      kind: 'tabular',
      columns: SENSOR_COLUMNS,
      write(out, offset, s) {
        // Two hidden weather factors drive all six columns; none depends on the label.
        const a = s.rng.normal();
        const b = s.rng.normal();
        const e = () => (0.3 + s.noise) * s.rng.normal();
        out[offset] = 18 + 6 * a + e(); // temperature
        out[offset + 1] = 60 - 12 * a + 8 * b + 3 * e(); // humidity
        out[offset + 2] = 1013 + 6 * b + 2 * e(); // pressure
        out[offset + 3] = Math.abs(4 + 3 * b + e()); // wind
        out[offset + 4] = 300 + 150 * a + 40 * e(); // light
        out[offset + 5] = 3.7 + 0.2 * s.rng.normal() + 0.05 * e(); // battery
      },
    },
  ],
};
