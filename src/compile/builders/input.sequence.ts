import type { Builder } from '../types.ts';

/** input.sequence: a model input of the promised shape (float32). */
export const inputSequence: Builder = (ctx) => {
  const shape = ctx.outputShapes['out']?.shape ?? [];
  return { outputs: { out: ctx.modelInput(shape, 'float32') } };
};
