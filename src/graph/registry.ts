// The node-kind registry: every kind the editor knows, in palette order.
import type { Category, NodeKind } from './types.ts';
import { inputImage } from './nodes/input.image.ts';
import { inputAudio } from './nodes/input.audio.ts';
import { inputText } from './nodes/input.text.ts';
import { inputTabular } from './nodes/input.tabular.ts';
import { inputSequence } from './nodes/input.sequence.ts';
import { encoderMlp } from './nodes/encoder.mlp.ts';
import { encoderCnn2d } from './nodes/encoder.cnn2d.ts';
import { fusionConcat } from './nodes/fusion.concat.ts';
import { headClassify } from './nodes/head.classify.ts';

/** Keyed by id, in palette order. A kind's key must equal its id (checked below and in registry.test.ts). */
const KINDS = {
  'input.image': inputImage,
  'input.audio': inputAudio,
  'input.text': inputText,
  'input.tabular': inputTabular,
  'input.sequence': inputSequence,
  'encoder.mlp': encoderMlp,
  'encoder.cnn2d': encoderCnn2d,
  'fusion.concat': fusionConcat,
  'head.classify': headClassify,
} as const;

// Compile-time check: each entry's id literal equals its key.
KINDS satisfies { readonly [K in keyof typeof KINDS]: NodeKind & { readonly id: K } };

/** The id of a registered kind. A later compile module can type its builders as `Record<NodeKindId, Builder>`. */
export type NodeKindId = keyof typeof KINDS;

/** Every registered kind, in palette order (inputs, encoders, fusion, heads). */
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
