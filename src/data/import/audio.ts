// Audio for the import, in the worker: WAV decoding (wav.ts), resampling with a low-pass, and log
// spectrograms with tf.signal's STFT (spectrogram.ts), the same code the built-in datasets use.
import type { Decoders } from './build.ts';
import { logSpectrogramBatch } from '../spectrogram.ts';
import { decodeWav, resample } from '../wav.ts';

export function workerAudioDecoders(): Pick<Decoders, 'audio' | 'resample' | 'spectrograms'> {
  return {
    audio: (bytes) => decodeWav(bytes),
    resample,
    spectrograms: (clips, s) => Promise.resolve(logSpectrogramBatch(clips, { sampleRate: s.sampleRate, clipSamples: s.clipSamples, frameLength: s.frameLength, frameStep: s.frameStep }, s.epsilon)),
  };
}
