import type { Builder } from '../types.ts';

/** input.tabular: a model input of the promised shape (float32). */
export const inputTabular: Builder = (ctx) => {
  const shape = ctx.outputShapes['out']?.shape ?? [];
  return { outputs: { out: ctx.modelInput(shape, 'float32') } };
};
