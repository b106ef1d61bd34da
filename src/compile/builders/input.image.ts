import type { Builder } from '../types.ts';

/** input.image: a model input of the promised shape (float32). */
export const inputImage: Builder = (ctx) => {
  const shape = ctx.outputShapes['out']?.shape ?? [];
  return { outputs: { out: ctx.modelInput(shape, 'float32') } };
};
