// Which validation samples the next run's attention heatmaps probe (issue 6): the worker's pick
// (how many, in split order or shuffled), or the last run's samples kept as they are so the next
// run's maps compare sample by sample. Kept in the ui slice only: not saved with the project.
import type { ProbePick } from '../train/trainingProtocol.ts';

export type ProbeChoice =
  /** The worker picks `count` validation samples (8 to 16), the classes taking turns; `shuffle` 0 keeps the split's order. */
  | { readonly kind: 'pick'; readonly count: number; readonly shuffle: number }
  /** These dataset rows (a run's probe set) on the dataset choice `datasetKey`, with their labels to show. */
  | { readonly kind: 'keep'; readonly datasetKey: string; readonly samples: readonly number[]; readonly labels: readonly number[] };

export type ProbePickChoice = Extract<ProbeChoice, { readonly kind: 'pick' }>;

/** The worker's default: 8 samples (more with more classes, one each), in the split's order. */
export const DEFAULT_PROBE_CHOICE: ProbePickChoice = { kind: 'pick', count: 8, shuffle: 0 };

/** The counts offered (the probe set is 8 to 16 samples). */
export const PROBE_COUNTS: readonly number[] = [8, 12, 16];

/** Most samples a kept set holds (the worker's pick never takes more). */
export const MAX_PROBE_SAMPLES = 16;

const isDefault = (c: ProbeChoice): boolean => c.kind === 'pick' && c.count === 8 && c.shuffle === 0;

/** True when the choice is a kept set from another dataset choice than `datasetKey` (the next run falls back to the default pick). */
export function probeChoiceStale(choice: ProbeChoice, datasetKey: string | null): boolean {
  return choice.kind === 'keep' && choice.datasetKey !== datasetKey;
}

/**
 * The train.start fields for `choice` when the run trains on `datasetKey`: none for the default
 * (the worker picks), probePick for another pick, probeSamples for a kept set of this dataset.
 */
export function probeRequest(choice: ProbeChoice, datasetKey: string | null): { readonly probeSamples?: readonly number[]; readonly probePick?: ProbePick } {
  if (choice.kind === 'keep') {
    if (probeChoiceStale(choice, datasetKey) || choice.samples.length === 0) return {};
    return { probeSamples: choice.samples.slice(0, MAX_PROBE_SAMPLES) };
  }
  return isDefault(choice) ? {} : { probePick: { count: choice.count, shuffle: choice.shuffle } };
}

/** A shuffle seed other than `previous` and 0 (0 means the split's order). */
export function nextShuffle(previous: number, random: () => number = Math.random): number {
  const seed = 1 + Math.floor(random() * 0x7ffffffe);
  return seed === previous ? seed + 1 : seed;
}

/** One line for the control: what the next run probes. */
export function describeProbeChoice(choice: ProbeChoice, classes: readonly string[] = []): string {
  if (choice.kind === 'keep') {
    const names = [...new Set(choice.labels.map((l) => classes[l] ?? `class ${l}`))];
    const which = names.length === 0 ? '' : names.length <= 4 ? ` (${names.join(', ')})` : ` (${names.length} classes)`;
    return `the same ${choice.samples.length} samples as the last run${which}`;
  }
  const order = choice.shuffle === 0 ? 'in the validation split’s order' : 'shuffled';
  return `${choice.count} validation samples, the classes taking turns, ${order}`;
}
