import type { Builder } from '../types.ts';

/** input.text: token ids [T] as int32 (the embedding casts them anyway). */
export const inputText: Builder = (ctx) => {
  const shape = ctx.outputShapes['out']?.shape ?? [];
  return { outputs: { out: ctx.modelInput(shape, 'int32') } };
};
