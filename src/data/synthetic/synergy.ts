// Synergy: the label is the XOR of the picture's colour (warm/cool) and the chirp's direction.
import type { SyntheticDataset } from './common.ts';
import { IMAGE_SIZE } from './common.ts';
import { SHAPES, drawImage, hsv, placeShape } from './draw.ts';
import { SYNTH_AUDIO, renderSound } from './sound.ts';

export const synergy: SyntheticDataset = {
  id: 'synthetic.synergy',
  title: 'Synergy: colour XOR chirp',
  summary: 'Image + audio, 2 classes; label = XOR of one bit from each modality',
  description:
    'Each sample is a picture of a shape that is either warm (red, orange, yellow) or cool (blue, purple) and a chirp that either rises or falls in pitch. The label is "match" for warm + rising or cool + falling and "mismatch" otherwise: the XOR of one bit from each modality. Neither modality alone says anything about the label (50%, chance), and decision-level late fusion cannot learn it either: adding or averaging two per-modality votes cannot express XOR, and neither can concatenation followed by a purely linear classifier. Fusion that lets the modalities interact before the decision (early fusion, concatenation with a hidden layer in the head, tensor, low-rank, bilinear, gated or attention fusion followed by an MLP) can reach nearly 100%.',
  classes: ['match', 'mismatch'],
  // latent[0]: warm (1) or cool (0); latent[1]: rising (1) or falling (0); label = warm XOR rising.
  latent: (label, rng) => {
    const warm = rng.int(2);
    return [warm, warm ^ label];
  },
  modalities: [
    {
      name: 'image',
      kind: 'image',
      write(out, offset, s) {
        const warm = s.latent[0] === 1;
        const hue = warm ? s.rng.range(-10, 55) : s.rng.range(195, 285);
        const rgb = hsv((hue + 360) % 360, s.rng.range(0.65, 0.95), s.rng.range(0.75, 1));
        drawImage(out, offset, IMAGE_SIZE, placeShape(s.rng, IMAGE_SIZE, s.rng.pick(SHAPES), rgb), s.rng, 0.3 * s.noise);
      },
    },
    {
      name: 'audio',
      kind: 'audio',
      write(out, offset, s) {
        const rising = s.latent[1] === 1;
        const low = s.rng.range(250, 650);
        const high = s.rng.range(1150, 1750);
        const spec = { f0: rising ? low : high, f1: rising ? high : low, duration: s.rng.range(0.12, 0.22), amplitude: s.rng.range(0.25, 0.6), harmonic: 0 };
        renderSound(out, offset, SYNTH_AUDIO, spec, s.rng, 0.25 * s.noise);
      },
    },
  ],
};
