// The node-kind registry: every kind the editor knows, in palette order.
import type { Category, NodeKind } from './types.ts';
import { inputImage } from './nodes/input.image.ts';
import { inputAudio } from './nodes/input.audio.ts';
import { inputText } from './nodes/input.text.ts';
import { inputTabular } from './nodes/input.tabular.ts';
import { inputSequence } from './nodes/input.sequence.ts';
import { encoderMlp } from './nodes/encoder.mlp.ts';
import { encoderCnn2d } from './nodes/encoder.cnn2d.ts';
import { encoderCnn1d } from './nodes/encoder.cnn1d.ts';
import { encoderEmbedding } from './nodes/encoder.embedding.ts';
import { encoderTransformer } from './nodes/encoder.transformer.ts';
import { encoderRnn } from './nodes/encoder.rnn.ts';
import { encoderPatches } from './nodes/encoder.patches.ts';
import { encoderProject } from './nodes/encoder.project.ts';
import { fusionEarly } from './nodes/fusion.early.ts';
import { fusionConcat } from './nodes/fusion.concat.ts';
import { fusionElementwise } from './nodes/fusion.elementwise.ts';
import { fusionLate } from './nodes/fusion.late.ts';
import { fusionModalityAttention } from './nodes/fusion.modalityAttention.ts';
import { fusionCrossAttention } from './nodes/fusion.crossAttention.ts';
import { fusionTransformer } from './nodes/fusion.transformer.ts';
import { fusionTensor } from './nodes/fusion.tensor.ts';
import { fusionLowRank } from './nodes/fusion.lowRank.ts';
import { fusionGated } from './nodes/fusion.gated.ts';
import { fusionFilm } from './nodes/fusion.film.ts';
import { fusionBilinear } from './nodes/fusion.bilinear.ts';
import { headClassify } from './nodes/head.classify.ts';
import { headRegress } from './nodes/head.regress.ts';
import { headMultilabel } from './nodes/head.multilabel.ts';
import { regDropout } from './nodes/reg.dropout.ts';
import { regModalityDropout } from './nodes/reg.modalityDropout.ts';

/** Keyed by id, in palette order. A kind's key must equal its id (checked below and in registry.test.ts). */
const KINDS = {
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
} as const;

// Compile-time check: each entry's id literal equals its key.
KINDS satisfies { readonly [K in keyof typeof KINDS]: NodeKind & { readonly id: K } };

/** The id of a registered kind. src/compile types its builders as `Record<NodeKindId, Builder>`. */
export type NodeKindId = keyof typeof KINDS;

/** Every registered kind, in palette order (inputs, encoders, fusion, heads, regularisation). */
export const NODE_KINDS: readonly NodeKind[] = Object.values(KINDS);

/** Registered ids, in palette order. */
export const NODE_KIND_IDS = Object.keys(KINDS) as readonly NodeKindId[];

/** Is `id` a registered kind? */
export function isNodeKindId(id: string): id is NodeKindId {
  return Object.hasOwn(KINDS, id);
}

/** The kind with this id, or undefined when this version doesn't know it. */
export function getKind(id: string): NodeKind | undefined {
  return isNodeKindId(id) ? KINDS[id] : undefined;
}

/** The kinds of one palette section, in palette order. */
export function kindsInCategory(category: Category): readonly NodeKind[] {
  return NODE_KINDS.filter((k) => k.category === category);
}
