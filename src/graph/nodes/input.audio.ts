import { defineKind, fail, nextPowerOfTwo, num, ok, out } from './kit.ts';

export const inputAudio = defineKind({
  id: 'input.audio',
  title: 'Audio input',
  category: 'input',
  description:
    'Feeds a short audio clip as a log-magnitude spectrogram: the clip is cut into overlapping frames and each frame becomes a row of frequency strengths. Longer frames resolve pitch better, shorter steps resolve time better. The result is a time × frequency grid an MLP or sequence model can read.',
  math: 'S[t, f] = log(|STFT(x)[t, f]| + ε),  T = ⌊(N − L)/s⌋ + 1,  F = 2^⌈log₂ L⌉/2 + 1',
  inputs: [],
  outputs: [{ name: 'out', label: 'Spectrogram', type: 'audio' }],
  params: [
    { name: 'sampleRate', label: 'Sample rate', kind: 'int', default: 8000, min: 1000, max: 48000, help: 'Samples per second (Hz).' },
    { name: 'clipSamples', label: 'Clip length (samples)', kind: 'int', default: 8000, min: 16, max: 480000, help: 'Samples per clip; shorter clips are padded, longer ones cut.' },
    { name: 'frameLength', label: 'Frame length', kind: 'int', default: 256, min: 16, max: 4096, help: 'Samples per STFT frame; the FFT length is the next power of two.' },
    { name: 'frameStep', label: 'Frame step', kind: 'int', default: 128, min: 1, max: 4096, help: 'Samples between the starts of consecutive frames.' },
  ],
  infer: (params) => {
    const clip = num(params, 'clipSamples');
    const frameLength = num(params, 'frameLength');
    const frameStep = num(params, 'frameStep');
    if (clip < frameLength) {
      return fail(
        `A clip of ${clip} samples is shorter than one frame (${frameLength} samples), so the spectrogram would be empty. Make the clip longer or the frame length shorter.`,
      );
    }
    const frames = Math.floor((clip - frameLength) / frameStep) + 1;
    const bins = nextPowerOfTwo(frameLength) / 2 + 1;
    return ok({ out: out('audio', [frames, bins]) });
  },
});
