/**
 * Custom tfjs layers of Fusion Designer. Importing this module registers every class with
 * tf.serialization (a side effect), so tf.loadLayersModel can rebuild saved models that use them:
 * import it (or any layer file) before loading a model. It also registers a corrected gradient for
 * tf.unstack (see unpackGradient.ts), which recurrent encoders over a single step need to train.
 */
import './unpackGradient.ts';
export { FusionModalityAttention, type FusionModalityAttentionArgs } from './modalityAttention.ts';
export { FusionCrossAttention, type FusionCrossAttentionArgs } from './crossAttention.ts';
export { FusionTransformerBlock, type FusionTransformerBlockArgs } from './transformerBlock.ts';
export { FusionTokenJoin, type FusionTokenJoinArgs } from './tokenJoin.ts';
export { FusionTensor, tensorFusionWidth, type FusionTensorArgs } from './tensorFusion.ts';
export { FusionLowRank, type FusionLowRankArgs } from './lowRank.ts';
export { FusionGated, type FusionGatedArgs } from './gated.ts';
export { FusionFiLM, type FusionFiLMArgs } from './film.ts';
export { FusionBilinear, type FusionBilinearArgs } from './bilinear.ts';
export {
  FusionLateCombine,
  LATE_COMBINE_MODES,
  type FusionLateCombineArgs,
  type LateCombineMode,
} from './lateCombine.ts';
export { FusionModalityDropout, type FusionModalityDropoutArgs } from './modalityDropout.ts';
export { FusionPositions, type FusionPositionsArgs } from './positions.ts';
export { blockParamCount } from './attentionBlock.ts';

import { FusionModalityAttention } from './modalityAttention.ts';
import { FusionCrossAttention } from './crossAttention.ts';
import { FusionTransformerBlock } from './transformerBlock.ts';
import { FusionTokenJoin } from './tokenJoin.ts';
import { FusionTensor } from './tensorFusion.ts';
import { FusionLowRank } from './lowRank.ts';
import { FusionGated } from './gated.ts';
import { FusionFiLM } from './film.ts';
import { FusionBilinear } from './bilinear.ts';
import { FusionLateCombine } from './lateCombine.ts';
import { FusionModalityDropout } from './modalityDropout.ts';
import { FusionPositions } from './positions.ts';

/** Every custom layer class, e.g. for a registry check or listing class names. */
export const FUSION_LAYER_CLASSES = [
  FusionModalityAttention,
  FusionCrossAttention,
  FusionTransformerBlock,
  FusionTokenJoin,
  FusionTensor,
  FusionLowRank,
  FusionGated,
  FusionFiLM,
  FusionBilinear,
  FusionLateCombine,
  FusionModalityDropout,
  FusionPositions,
] as const;
