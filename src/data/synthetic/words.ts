// The synthetic text modality's vocabulary and tokenising.
import { PAD_ID, UNKNOWN_ID } from '../modalities.ts';
import type { Rng } from '../random.ts';

/** Token id i is VOCABULARY[i]; 0 pads, 1 is unknown. Shared by every synthetic text modality. */
export const VOCABULARY = [
  '<pad>',
  '<unk>',
  // filler
  'a', 'the', 'there', 'is', 'near', 'and', 'with', 'looks', 'note', 'today', 'unit', 'fan', 'seems',
  // sizes and places
  'small', 'big', 'top', 'bottom', 'left', 'right',
  // colours
  'red', 'orange', 'yellow', 'green', 'blue', 'purple',
  // shapes (and the word used when the shape is not said)
  'circle', 'square', 'triangle', 'cross', 'thing',
  // states
  'on', 'off',
] as const;

export const TEXT_LENGTH = 10;

const ID = new Map<string, number>(VOCABULARY.map((w, i) => [w, i]));

export function tokenId(word: string): number {
  return ID.get(word) ?? UNKNOWN_ID;
}

/** The words of the vocabulary that carry no label information (for noise). */
const FILLER = ['a', 'the', 'there', 'is', 'near', 'and', 'with', 'looks', 'note', 'today', 'unit', 'seems'];

/**
 * Writes words as token ids into out[offset … offset + TEXT_LENGTH), padding with PAD_ID and
 * cutting longer texts. Each word not in `keep` is swapped for a random filler word with
 * probability `swap` (text noise that leaves the label words alone).
 */
export function writeTokens(out: Int32Array, offset: number, words: readonly string[], rng: Rng, swap: number, keep: ReadonlySet<string>): void {
  for (let i = 0; i < TEXT_LENGTH; i++) {
    const w = words[i];
    if (w === undefined) {
      out[offset + i] = PAD_ID;
      continue;
    }
    out[offset + i] = !keep.has(w) && swap > 0 && rng.chance(swap) ? tokenId(rng.pick(FILLER)) : tokenId(w);
  }
}
