// AV-Digits facts shared by the packing script (scripts/pack-avdigits.ts) and the loader.

/** FSDD speakers, in the packed sample order. */
export const AVDIGITS_SPEAKERS = ['george', 'jackson', 'lucas', 'nicolas', 'theo', 'yweweler'] as const;
export type AvDigitsSpeaker = (typeof AVDIGITS_SPEAKERS)[number];

/** The speaker whose recordings form the test split unless the options say otherwise. */
export const DEFAULT_HELD_OUT: AvDigitsSpeaker = 'theo';

/** Seed of the shuffle that pairs each recording with an MNIST image of its digit. */
export const AVDIGITS_PAIRING_SEED = 20230101;

export const AVDIGITS_CREDITS = [
  {
    name: 'MNIST',
    credit: 'MNIST handwritten digits: Y. LeCun, C. Cortes, C. Burges. CC BY-SA 3.0.',
    authors: 'Y. LeCun, C. Cortes, C. J. C. Burges',
    title: 'The MNIST database of handwritten digits (test set)',
    licence: 'CC BY-SA 3.0',
    licenceUrl: 'https://creativecommons.org/licenses/by-sa/3.0/',
  },
  {
    name: 'Free Spoken Digit Dataset',
    credit: 'Free Spoken Digit Dataset (FSDD): Z. Jackson et al. CC BY-SA 4.0.',
    authors: 'Z. Jackson et al.',
    title: 'Free Spoken Digit Dataset, https://github.com/Jakobovski/free-spoken-digit-dataset (commit 26eb9aaf)',
    licence: 'CC BY-SA 4.0',
    licenceUrl: 'https://creativecommons.org/licenses/by-sa/4.0/',
  },
] as const;

/** samples.json */
export interface AvDigitsSamples {
  readonly version: 1;
  readonly count: number;
  readonly speakers: readonly string[];
  readonly digit: number[];
  /** Index into speakers. */
  readonly speaker: number[];
  readonly take: number[];
  readonly mnistIndex: number[];
  /** count + 1 byte offsets into audio.bin. */
  readonly audioOffset: number[];
}

/** manifest.json */
export interface AvDigitsManifest {
  readonly format: 'fusion-designer.dataset-assets';
  readonly version: 1;
  readonly id: 'avdigits';
  readonly title: string;
  readonly samples: number;
  readonly classes: readonly string[];
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[];
  readonly layout: Readonly<Record<string, string>>;
  readonly pairing: string;
  readonly sources: readonly { readonly name: string; readonly credit: string; readonly authors: string; readonly title: string; readonly licence: string; readonly licenceUrl: string }[];
  readonly licence: string;
  readonly rawChecksums: Readonly<Record<string, string>>;
  readonly packedBy: string;
}
