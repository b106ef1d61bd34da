// Public surface of src/compile: graph → tf.LayersModel.
export { compileGraph, tryCompileGraph, safeLayerPrefix, safePrefixes, LAYER_SEPARATOR } from './compileGraph.ts';
export { CompileError } from './errors.ts';
export { builders } from './builders/index.ts';
export { headLoss, lossForDecision } from './loss.ts';
export { BYTES_PER_VALUE, formatBytes } from './memory.ts';
export { withSeed } from './seed.ts';
export type * from './types.ts';
