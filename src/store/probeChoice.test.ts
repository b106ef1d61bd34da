import { describe, expect, it } from 'vitest';
import { createAppStore } from './createAppStore.ts';
import { DEFAULT_PROBE_CHOICE, describeProbeChoice, nextShuffle, probeChoiceStale, probeRequest, type ProbeChoice } from './probeChoice.ts';

const keep: ProbeChoice = { kind: 'keep', datasetKey: 'digits|{}', samples: [4, 9, 12], labels: [0, 1, 0] };

describe('probe choice', () => {
  it('starts at the default, which sends nothing (the worker picks)', () => {
    const store = createAppStore();
    expect(store.getState().probeChoice).toEqual(DEFAULT_PROBE_CHOICE);
    expect(probeRequest(store.getState().probeChoice, 'digits|{}')).toEqual({});
  });

  it('is kept in the ui slice and encoded for the next train.start', () => {
    const store = createAppStore();
    store.getState().setProbeChoice({ kind: 'pick', count: 12, shuffle: 0 });
    expect(probeRequest(store.getState().probeChoice, 'x')).toEqual({ probePick: { count: 12, shuffle: 0 } });
    store.getState().setProbeChoice({ kind: 'pick', count: 8, shuffle: 77 });
    expect(probeRequest(store.getState().probeChoice, 'x')).toEqual({ probePick: { count: 8, shuffle: 77 } });
    store.getState().setProbeChoice(keep);
    expect(probeRequest(store.getState().probeChoice, 'digits|{}')).toEqual({ probeSamples: [4, 9, 12] });
  });

  it('does not save the choice with the project', () => {
    const store = createAppStore();
    store.getState().setProbeChoice(keep);
    expect(JSON.stringify(store.getState().doc)).not.toContain('probe');
  });

  it('drops a kept set on another dataset choice (the worker picks the default)', () => {
    expect(probeChoiceStale(keep, 'digits|{"n":100}')).toBe(true);
    expect(probeChoiceStale(keep, 'digits|{}')).toBe(false);
    expect(probeChoiceStale(DEFAULT_PROBE_CHOICE, null)).toBe(false);
    expect(probeRequest(keep, 'digits|{"n":100}')).toEqual({});
    expect(probeRequest(keep, null)).toEqual({});
  });

  it('never sends more than 16 kept samples', () => {
    const many: ProbeChoice = { kind: 'keep', datasetKey: 'k', samples: Array.from({ length: 20 }, (_, i) => i), labels: [] };
    expect(probeRequest(many, 'k').probeSamples).toHaveLength(16);
  });

  it('shuffles to a seed that is neither 0 (split order) nor the last one', () => {
    expect(nextShuffle(5, () => 0)).toBe(1);
    expect(nextShuffle(1, () => 0)).toBe(2);
    const seeds = new Set(Array.from({ length: 20 }, () => nextShuffle(0)));
    expect(seeds.has(0)).toBe(false);
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('says what the next run probes', () => {
    expect(describeProbeChoice(DEFAULT_PROBE_CHOICE)).toBe('8 validation samples, the classes taking turns, in the validation split’s order');
    expect(describeProbeChoice({ kind: 'pick', count: 16, shuffle: 3 })).toContain('16 validation samples');
    expect(describeProbeChoice({ kind: 'pick', count: 16, shuffle: 3 })).toContain('shuffled');
    expect(describeProbeChoice(keep, ['zero', 'one'])).toBe('the same 3 samples as the last run (zero, one)');
    const ten: ProbeChoice = { kind: 'keep', datasetKey: 'k', samples: [...Array(10).keys()], labels: [...Array(10).keys()] };
    expect(describeProbeChoice(ten, [])).toBe('the same 10 samples as the last run (10 classes)');
  });
});
