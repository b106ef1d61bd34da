// One builder per node kind. `satisfies Record<NodeKindId, Builder>` makes a kind without a builder,
// or a builder without a kind, a type error.
import type { NodeKindId } from '../../graph/index.ts';
import type { Builder } from '../types.ts';
import { inputImage } from './input.image.ts';
import { inputAudio } from './input.audio.ts';
import { inputText } from './input.text.ts';
import { inputTabular } from './input.tabular.ts';
import { inputSequence } from './input.sequence.ts';
import { encoderMlp } from './encoder.mlp.ts';
import { encoderCnn2d } from './encoder.cnn2d.ts';
import { encoderCnn1d } from './encoder.cnn1d.ts';
import { encoderEmbedding } from './encoder.embedding.ts';
import { encoderTransformer } from './encoder.transformer.ts';
import { encoderRnn } from './encoder.rnn.ts';
import { encoderPatches } from './encoder.patches.ts';
import { encoderProject } from './encoder.project.ts';
import { fusionEarly } from './fusion.early.ts';
import { fusionConcat } from './fusion.concat.ts';
import { fusionElementwise } from './fusion.elementwise.ts';
import { fusionLate } from './fusion.late.ts';
import { fusionModalityAttention } from './fusion.modalityAttention.ts';
import { fusionCrossAttention } from './fusion.crossAttention.ts';
import { fusionTransformer } from './fusion.transformer.ts';
import { fusionTensor } from './fusion.tensor.ts';
import { fusionLowRank } from './fusion.lowRank.ts';
import { fusionGated } from './fusion.gated.ts';
import { fusionFilm } from './fusion.film.ts';
import { fusionBilinear } from './fusion.bilinear.ts';
import { headClassify } from './head.classify.ts';
import { headRegress } from './head.regress.ts';
import { headMultilabel } from './head.multilabel.ts';
import { regDropout } from './reg.dropout.ts';
import { regModalityDropout } from './reg.modalityDropout.ts';

export const builders = {
  'input.image': inputImage,
  'input.audio': inputAudio,
  'input.text': inputText,
  'input.tabular': inputTabular,
  'input.sequence': inputSequence,
  'encoder.mlp': encoderMlp,
  'encoder.cnn2d': encoderCnn2d,
  'encoder.cnn1d': encoderCnn1d,
  'encoder.embedding': encoderEmbedding,
  'encoder.transformer': encoderTransformer,
  'encoder.rnn': encoderRnn,
  'encoder.patches': encoderPatches,
  'encoder.project': encoderProject,
  'fusion.early': fusionEarly,
  'fusion.concat': fusionConcat,
  'fusion.elementwise': fusionElementwise,
  'fusion.late': fusionLate,
  'fusion.modalityAttention': fusionModalityAttention,
  'fusion.crossAttention': fusionCrossAttention,
  'fusion.transformer': fusionTransformer,
  'fusion.tensor': fusionTensor,
  'fusion.lowRank': fusionLowRank,
  'fusion.gated': fusionGated,
  'fusion.film': fusionFilm,
  'fusion.bilinear': fusionBilinear,
  'head.classify': headClassify,
  'head.regress': headRegress,
  'head.multilabel': headMultilabel,
  'reg.dropout': regDropout,
  'reg.modalityDropout': regModalityDropout,
} satisfies Record<NodeKindId, Builder>;
