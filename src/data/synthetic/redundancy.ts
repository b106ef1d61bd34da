// Redundancy: the shape is in both the picture and the caption.
import type { SyntheticDataset } from './common.ts';
import { IMAGE_SIZE } from './common.ts';
import { SHAPES, colourName, drawImage, hsv, placeShape } from './draw.ts';
import { writeTokens } from './words.ts';

const KEEP = new Set<string>(SHAPES);

export const redundancy: SyntheticDataset = {
  id: 'synthetic.redundancy',
  title: 'Redundancy: shape in picture and caption',
  summary: 'Image + text, 4 classes; each modality alone predicts the label',
  description:
    'Each sample is a small picture of a shape (circle, square, triangle or cross, in any colour and place) and a short caption such as "a big red circle near the top left". The label is the shape, and both modalities state it, so either one alone is enough. With noise, each modality independently loses its evidence in some samples (an empty frame, a caption that says "thing") and gets noisier. Every fusion strategy should do well, and fusion beats either modality alone because when one view is blank the other still tells the shape. Decision-level late fusion is a strong, cheap choice here and degrades gracefully when a modality is missing; modality dropout teaches intermediate fusion the same robustness.',
  classes: ['circle', 'square', 'triangle', 'cross'],
  // latent[0]: hue; latent[1], latent[2]: 1 when the image / the caption lose the shape.
  latent: (_label, rng) => [rng.range(0, 360), rng.next(), rng.next()],
  modalities: [
    {
      name: 'image',
      kind: 'image',
      write(out, offset, s) {
        const [hue = 0, eraseImage = 1] = s.latent;
        const erased = eraseImage < s.noise / 2;
        const rgb = hsv(hue, s.rng.range(0.6, 0.95), s.rng.range(0.75, 1));
        const spec = placeShape(s.rng, IMAGE_SIZE, erased ? null : (SHAPES[s.label] ?? 'circle'), rgb);
        drawImage(out, offset, IMAGE_SIZE, spec, s.rng, 0.3 * s.noise);
      },
    },
    {
      name: 'text',
      kind: 'text',
      write(out, offset, s) {
        const [hue = 0, , eraseText = 1] = s.latent;
        const shape = eraseText < s.noise / 2 ? 'thing' : (SHAPES[s.label] ?? 'thing');
        const size = s.rng.pick(['small', 'big']);
        const place = [s.rng.pick(['top', 'bottom']), s.rng.pick(['left', 'right'])];
        const words = s.rng.chance(0.5) ? ['a', size, colourName(hue), shape, 'near', 'the', ...place] : ['there', 'is', 'a', colourName(hue), shape, 'near', 'the', ...place];
        writeTokens(out, offset, words, s.rng, 0.3 * s.noise, KEEP);
      },
    },
  ],
};
