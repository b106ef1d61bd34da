import type { Builder } from '../types.ts';

/** input.audio: the log-magnitude spectrogram [T, F] (computed from the waveform in preprocessing, outside the model). */
export const inputAudio: Builder = (ctx) => {
  const shape = ctx.outputShapes['out']?.shape ?? [];
  return { outputs: { out: ctx.modelInput(shape, 'float32') } };
};
