// Mixed: a redundant part (size, in both) and a synergistic part (alert = temperature XOR fan).
import type { SyntheticDataset } from './common.ts';
import { writeTokens } from './words.ts';

export const MIXED_COLUMNS = ['size', 'temperature', 'vibration', 'pressure', 'humidity'] as const;
const KEEP = new Set(['small', 'big', 'on', 'off']);

export const mixed: SyntheticDataset = {
  id: 'synthetic.mixed',
  title: 'Mixed: redundant size, synergistic alert',
  summary: 'Tabular + text, 4 classes; one redundant bit and one XOR bit',
  description:
    'Each sample is a row of machine readings (size, temperature and three unrelated columns) and an operator\'s note such as "fan on and unit looks big". The label has two parts. Size (small or large) is redundant: the size column and the note both say it. The alert is synergistic: it is raised when the fan state in the note does not fit the temperature in the table (hot with the fan off, or cold with the fan on). Each modality alone, and decision-level late fusion, get the size right but can only guess the alert, so they top out near 50%; fusion with interactions (early fusion, a hidden layer after concatenation, tensor, gated or attention fusion) can reach nearly 100%. A dataset for seeing partial credit.',
  classes: ['small · ok', 'small · alert', 'large · ok', 'large · alert'],
  // latent[0]: large (1) or small (0); latent[1]: hot (1) or cold (0); latent[2]: fan on (1) or off (0).
  // alert = hot XOR on (hot + fan off, or cold + fan on).
  latent: (label, rng) => {
    const large = label >> 1;
    const alert = label & 1;
    const hot = rng.int(2);
    const on = hot ^ alert;
    return [large, hot, on];
  },
  modalities: [
    {
      name: 'readings',
      kind: 'tabular',
      columns: MIXED_COLUMNS,
      write(out, offset, s) {
        const [large = 0, hot = 0] = s.latent;
        const e = () => (0.5 + 4 * s.noise) * s.rng.normal();
        out[offset] = (large === 1 ? 34 : 20) + 2.5 * s.rng.normal() + e(); // size (cm)
        out[offset + 1] = (hot === 1 ? 72 : 44) + 5 * s.rng.normal() + 2 * e(); // temperature (°C)
        out[offset + 2] = Math.abs(0.4 + 0.2 * s.rng.normal()); // vibration
        out[offset + 3] = 2 + 0.3 * s.rng.normal(); // pressure (bar)
        out[offset + 4] = 45 + 10 * s.rng.normal(); // humidity
      },
    },
    {
      name: 'note',
      kind: 'text',
      write(out, offset, s) {
        const [large = 0, , on = 0] = s.latent;
        const fan = ['fan', on === 1 ? 'on' : 'off'];
        const size = ['unit', s.rng.pick(['looks', 'seems']), large === 1 ? 'big' : 'small'];
        const words = s.rng.chance(0.5) ? ['note', ...fan, 'and', ...size] : [...size, 'and', ...fan, 'today'];
        writeTokens(out, offset, words, s.rng, 0.3 * s.noise, KEEP);
      },
    },
  ],
};
