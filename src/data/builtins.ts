// The built-in datasets: the synthetic teaching suite and AV-Digits (normal and hard), each with
// its catalogue entry and its loader.
import type { ParamSpec, ParamValue } from '../graph/index.ts';
import type { DatasetDescriptor } from '../graph/dataset.ts';
import type { AssetSource } from './assets.ts';
import { AVDIGITS_CREDITS, AVDIGITS_SPEAKERS, DEFAULT_HELD_OUT } from './avdigits/constants.ts';
import {
  AVDIGITS_AUDIO,
  AVDIGITS_DESCRIPTION,
  AVDIGITS_HARD_DESCRIPTION,
  AVDIGITS_HARD_TITLE,
  AVDIGITS_IMAGE,
  AVDIGITS_TITLE,
  AVDIGITS_VALIDATION,
  buildAvDigits,
  readAvDigits,
} from './avdigits/load.ts';
import type { AvDigitsRaw } from './avdigits/load.ts';
import { spectrogramShape } from './spectrogram.ts';
import { SYNTHETIC_DATASETS, describeSynthetic, generateSynthetic, syntheticOptions } from './synthetic/index.ts';
import type { DatasetArrays, LoadContext } from './types.ts';
import { DatasetError } from './types.ts';

export interface LoadEnv extends LoadContext {
  /** Where a real dataset's packed files are (required for AV-Digits). */
  readonly assets?: (dataset: string) => AssetSource;
}

export interface LoadedDataset {
  readonly data: DatasetArrays;
  /** Provenance of sample i for the preview (e.g. "speaker theo, take 3"). */
  readonly note?: (i: number) => string | undefined;
}

export interface BuiltinDataset {
  readonly descriptor: DatasetDescriptor;
  load(options: Readonly<Record<string, ParamValue>> | undefined, env: LoadEnv): Promise<LoadedDataset>;
}

// ---------------------------------------------------------------- AV-Digits

const AVDIGITS_OPTIONS: readonly ParamSpec[] = [
  { name: 'heldOut', label: 'Test speaker', kind: 'enum', default: DEFAULT_HELD_OUT, options: [...AVDIGITS_SPEAKERS], help: 'Every recording of this speaker forms the test split (a voice never heard in training).' },
  { name: 'seed', label: 'Seed', kind: 'int', default: 42, min: 0, max: 2147483647, help: 'Seeds the validation split (and the hard variant’s noise).' },
];

const rawCache = new Map<string, AvDigitsRaw>();

function avDigitsOptions(raw: Readonly<Record<string, ParamValue>> | undefined): { seed: number; heldOut: string } {
  const seed = raw?.['seed'];
  const heldOut = raw?.['heldOut'];
  return {
    seed: typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 ? seed : 42,
    heldOut: typeof heldOut === 'string' && (AVDIGITS_SPEAKERS as readonly string[]).includes(heldOut) ? heldOut : DEFAULT_HELD_OUT,
  };
}

function avDigits(hard: boolean): BuiltinDataset {
  const total = 3000;
  const test = 500;
  const validation = Math.round(((total - test) / 10) * AVDIGITS_VALIDATION) * 10;
  return {
    descriptor: {
      id: hard ? 'avdigits.hard' : 'avdigits',
      title: hard ? AVDIGITS_HARD_TITLE : AVDIGITS_TITLE,
      source: 'real',
      summary: hard ? 'Image + audio, 10 classes; both degraded so neither alone suffices' : 'Image + audio, 10 classes; real handwriting and voices, test on an unheard speaker',
      description: hard ? AVDIGITS_HARD_DESCRIPTION : AVDIGITS_DESCRIPTION,
      credits: AVDIGITS_CREDITS.map((c) => c.credit),
      classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      modalities: [
        { name: 'image', kind: 'image', shape: [AVDIGITS_IMAGE.height, AVDIGITS_IMAGE.width, AVDIGITS_IMAGE.channels], inputParams: { ...AVDIGITS_IMAGE } },
        { name: 'audio', kind: 'audio', shape: spectrogramShape(AVDIGITS_AUDIO), inputParams: { ...AVDIGITS_AUDIO } },
      ],
      size: total,
      splits: { train: total - test - validation, validation, test },
      options: AVDIGITS_OPTIONS,
    },
    async load(options, env) {
      const assets = env.assets?.('avdigits');
      if (assets === undefined) throw new DatasetError('AV-Digits needs its packed files, but no location was given.', 'avdigits');
      let raw = rawCache.get(assets.where);
      if (raw === undefined) {
        raw = await readAvDigits(assets, env);
        rawCache.clear(); // keep one copy of the 24 MB of packed files
        rawCache.set(assets.where, raw);
      }
      const data = await buildAvDigits(raw, { hard, ...avDigitsOptions(options) }, env);
      const s = raw.samples;
      return {
        data,
        note: (i) => `${s.speakers[s.speaker[i] as number] ?? '?'}, take ${s.take[i]}; MNIST test #${s.mnistIndex[i]}`,
      };
    },
  };
}

// ---------------------------------------------------------------- the list

export const BUILTIN_DATASETS: readonly BuiltinDataset[] = [
  avDigits(false),
  avDigits(true),
  ...SYNTHETIC_DATASETS.map(
    (d): BuiltinDataset => ({
      descriptor: describeSynthetic(d),
      async load(options, env) {
        return { data: generateSynthetic(d, syntheticOptions(options), env) };
      },
    }),
  ),
];

export function builtinDataset(id: string): BuiltinDataset | undefined {
  return BUILTIN_DATASETS.find((d) => d.descriptor.id === id);
}

/** Forget the cached packed files (tests). */
export function clearAssetCache(): void {
  rawCache.clear();
}
