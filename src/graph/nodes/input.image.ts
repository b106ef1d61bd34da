import { defineKind, num, ok, out } from './kit.ts';

export const inputImage = defineKind({
  id: 'input.image',
  title: 'Image input',
  category: 'input',
  description:
    'Feeds one image per sample into the model as a grid of pixels. Height and width are in pixels; channels is 1 for greyscale and 3 for colour. Connect it to an image encoder such as the CNN encoder.',
  math: 'x ∈ ℝ^{H×W×C}',
  inputs: [],
  outputs: [{ name: 'out', label: 'Image', type: 'image' }],
  params: [
    { name: 'height', label: 'Height', kind: 'int', default: 28, min: 1, max: 1024, help: 'Pixels per column.' },
    { name: 'width', label: 'Width', kind: 'int', default: 28, min: 1, max: 1024, help: 'Pixels per row.' },
    { name: 'channels', label: 'Channels', kind: 'int', default: 1, min: 1, max: 4, help: '1 for greyscale, 3 for RGB, 4 for RGBA.' },
  ],
  infer: (params) => ok({ out: out('image', [num(params, 'height'), num(params, 'width'), num(params, 'channels')]) }),
});
