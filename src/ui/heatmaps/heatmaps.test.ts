// The heatmap store (ticks, thinning, the timeline cursor, bad messages), the decoders, and the
// names the views give tokens, on the cross-attention template.
import { beforeEach, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../graph/index.ts';
import type { ProbeInfo, TrainingEvent } from '../../train/trainingProtocol.ts';
import { niceMax, rampColor } from './colors.ts';
import { classMeans, clsHeads, crossMap, gateShares, groupMass, meanCrossMap, sampleWeights, viewKindOf } from './decode.ts';
import { pngName } from './exportPng.ts';
import { FRAME_BUDGET_BYTES, applyPlan, beginHeatmaps, frameAt, heatmaps, pushProbe, resetHeatmaps, setCursor, shownTick } from './heatmapStore.ts';
import { modalityName, tokenLabels, tokenLayout } from './naming.ts';

const WEIGHTS: ProbeInfo = { nodeId: 'f', kind: 'fusion.modalityAttention', shape: [2], meaning: 'α', axes: ['modality'], groups: { axis: 0, ranges: [{ nodeId: 'a', start: 0, end: 1 }, { nodeId: 'b', start: 1, end: 2 }] } };
const CROSS: ProbeInfo = { nodeId: 'x', kind: 'fusion.crossAttention', shape: [2, 3, 4], meaning: 'A', axes: ['head', 'query token', 'context token'] };

function plan(probes: readonly ProbeInfo[], samples = 2, runId = 'r'): Extract<TrainingEvent, { type: 'train.plan' }> {
  return {
    type: 'train.plan',
    runId,
    epochs: 2,
    batchesPerEpoch: 10,
    samples: { train: 10, validation: 4, test: 0 },
    classes: ['no', 'yes'],
    bindings: {},
    paramCount: 10,
    probes,
    probeSamples: Array.from({ length: samples }, (_, i) => i),
    probeLabels: Array.from({ length: samples }, (_, i) => i % 2),
    probeInputs: [],
  };
}

function probe(nodeId: string, values: number[], shape: number[], epoch = 1, batch = 1, final = false, runId = 'r'): Extract<TrainingEvent, { type: 'train.probe' }> {
  return { type: 'train.probe', runId, epoch, batch, final, nodeId, values: Float32Array.from(values), shape };
}

beforeEach(() => resetHeatmaps());

describe('heatmap store', () => {
  it('keeps the watched run’s snapshots on one list of ticks that every probe lines up with', () => {
    beginHeatmaps('r');
    expect(applyPlan(plan([WEIGHTS, CROSS], 1))).toBe(true);
    expect(pushProbe(probe('f', [0.3, 0.7], [1, 2], 1, 1))).toBe(true);
    expect(pushProbe(probe('x', new Array(24).fill(0.25), [1, 2, 3, 4], 1, 1))).toBe(true);
    expect(pushProbe(probe('f', [0.4, 0.6], [1, 2], 1, 5))).toBe(true);
    const s = heatmaps();
    expect(s.ticks).toEqual([
      { epoch: 1, batch: 1, final: false },
      { epoch: 1, batch: 5, final: false },
    ]);
    const [f, x] = s.series;
    expect(f?.frames.map((v) => (v ? Array.from(v) : null))).toEqual([
      [0.30000001192092896, 0.699999988079071],
      [0.4000000059604645, 0.6000000238418579],
    ]);
    // The cross-attention probe missed tick 2: it shows its frame of tick 1 there.
    expect(x?.frames[1]).toBeNull();
    if (!x) throw new Error('no x');
    expect(frameAt(x, 1)?.tick).toBe(0);
  });

  it('ignores other runs, unknown probes and values of the wrong shape', () => {
    beginHeatmaps('r');
    expect(pushProbe(probe('f', [0.5, 0.5], [1, 2]))).toBe(false); // before the plan
    applyPlan(plan([WEIGHTS], 2));
    expect(applyPlan(plan([WEIGHTS], 2, 'other'))).toBe(false);
    expect(pushProbe(probe('f', [0.5, 0.5, 0.5, 0.5], [2, 2], 1, 1, false, 'other'))).toBe(false);
    expect(pushProbe(probe('nope', [0.5, 0.5, 0.5, 0.5], [2, 2]))).toBe(false);
    expect(pushProbe(probe('f', [0.5, 0.5], [1, 2]))).toBe(false);
    expect(pushProbe(probe('f', [0.5, 0.5, 0.5], [2, 2]))).toBe(false);
    expect(heatmaps().ticks).toEqual([]);
    expect(pushProbe(probe('f', [0.5, 0.5, 0.5, 0.5], [2, 2]))).toBe(true);
  });

  it('the timeline follows the newest tick until a cursor is set, and goes back to live', () => {
    beginHeatmaps('r');
    applyPlan(plan([WEIGHTS], 1));
    for (let b = 1; b <= 4; b++) pushProbe(probe('f', [b / 10, 1 - b / 10], [1, 2], 1, b));
    expect(shownTick(heatmaps())).toBe(3);
    setCursor(1);
    pushProbe(probe('f', [0.9, 0.1], [1, 2], 2, 10, true));
    expect(shownTick(heatmaps())).toBe(1);
    setCursor(99);
    expect(heatmaps().cursor).toBe(4);
    setCursor(null);
    expect(shownTick(heatmaps())).toBe(4);
    expect(heatmaps().ticks[4]?.final).toBe(true);
  });

  it('past the memory budget drops every other tick, keeping the first and the newest', () => {
    beginHeatmaps('r');
    const samples = 16;
    const info: ProbeInfo = { ...CROSS, shape: [4, 64, 64] };
    applyPlan(plan([info], samples));
    const size = samples * 4 * 64 * 64;
    const fits = Math.floor(FRAME_BUDGET_BYTES / (size * 4));
    const pushed = fits + 5;
    for (let i = 0; i < pushed; i++) {
      const values = new Float32Array(size).fill(i);
      expect(pushProbe({ type: 'train.probe', runId: 'r', epoch: 1, batch: i + 1, final: false, nodeId: 'x', values, shape: [samples, 4, 64, 64] })).toBe(true);
    }
    const s = heatmaps();
    expect(s.ticks.length).toBeLessThanOrEqual(fits);
    expect(s.ticks.length).toBeGreaterThan(fits / 2);
    expect(s.ticks[0]?.batch).toBe(1);
    expect(s.ticks.at(-1)?.batch).toBe(pushed);
    const frames = s.series[0]?.frames ?? [];
    expect(frames.length).toBe(s.ticks.length);
    // Each kept frame is still the one of its tick.
    s.ticks.forEach((t, i) => expect(frames[i]?.[0]).toBe(t.batch - 1));
  });

  it('a new run forgets the previous one', () => {
    beginHeatmaps('r');
    applyPlan(plan([WEIGHTS], 1));
    pushProbe(probe('f', [0.5, 0.5], [1, 2]));
    beginHeatmaps('r2');
    expect(heatmaps()).toMatchObject({ runId: 'r2', plan: null, ticks: [], series: [], cursor: null });
  });
});

describe('decoders', () => {
  it('weights: samples × modalities, and the mean of each class (NaN for a class without samples)', () => {
    const values = Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.7, 0.3]);
    const m = sampleWeights(WEIGHTS, values);
    expect([m.rows, m.cols]).toEqual([3, 2]);
    const means = classMeans(m, [0, 1, 0], 3);
    expect(Array.from(means.values.subarray(0, 4)).map((v) => Number(v.toFixed(4)))).toEqual([0.8, 0.2, 0.2, 0.8]);
    expect(Number.isNaN(means.values[4])).toBe(true);
  });

  it('cross: one head or the mean of heads per sample; the thumbnail averages samples too', () => {
    // 2 samples × 2 heads × 1 query × 2 keys.
    const info: ProbeInfo = { ...CROSS, shape: [2, 1, 2] };
    const values = Float32Array.from([1, 0, 0, 1, 0.5, 0.5, 0.25, 0.75]);
    expect(Array.from(crossMap(info, values, 0, 0).values)).toEqual([1, 0]);
    expect(Array.from(crossMap(info, values, 0, 1).values)).toEqual([0, 1]);
    expect(Array.from(crossMap(info, values, 1, 'mean').values)).toEqual([0.375, 0.625]);
    expect(Array.from(meanCrossMap(info, values).values)).toEqual([0.4375, 0.5625]);
  });

  it('cls: heads × tokens with a mean row, and the attention mass per modality', () => {
    const info: ProbeInfo = { nodeId: 't', kind: 'fusion.transformer', shape: [2, 3], meaning: '', axes: ['head', 'token'] };
    const values = Float32Array.from([0.2, 0.3, 0.5, 0.4, 0.4, 0.2]);
    const m = clsHeads(info, values, 0);
    expect([m.rows, m.cols]).toEqual([3, 3]);
    expect(Array.from(m.values.subarray(6)).map((v) => Number(v.toFixed(4)))).toEqual([0.3, 0.35, 0.35]);
    const mass = groupMass(info, values, [
      { start: 0, end: 1 },
      { start: 1, end: 3 },
    ]);
    expect(Array.from(mass.values).map((v) => Number(v.toFixed(4)))).toEqual([0.3, 0.7]);
  });

  it('gates: the share of each modality averaged over features (g and 1 − g for two)', () => {
    const info: ProbeInfo = { nodeId: 'g', kind: 'fusion.gated', shape: [2], meaning: '', axes: ['feature'] };
    const shares = gateShares(info, Float32Array.from([1, 0.5, 0, 0]));
    expect(Array.from(shares.values)).toEqual([0.75, 0.25, 0, 1]);
  });

  it('picks the view from the probe', () => {
    expect([WEIGHTS, CROSS].map(viewKindOf)).toEqual(['weights', 'cross']);
    expect(viewKindOf({ ...WEIGHTS, kind: 'fusion.late' })).toBe('weights');
    expect(viewKindOf({ ...WEIGHTS, kind: 'fusion.gated', groups: undefined as never })).toBe('gate');
    expect(viewKindOf({ nodeId: 't', kind: 'fusion.transformer', shape: [2, 5], meaning: '', axes: ['head', 'token'] })).toBe('cls');
  });
});

describe('names on the cross-attention template', () => {
  const doc = TEMPLATES.find((t) => t.id === 'crossAttention')?.build();
  if (!doc) throw new Error('no cross-attention template');
  const bindings = { n1: 'image', n2: 'audio' };

  it('image patch tokens map onto a 4 × 4 grid of the 28 × 28 image', () => {
    expect(tokenLayout(doc.graph, 'n3', 16)).toEqual({ kind: 'patches', inputId: 'n1', tokens: 16, rows: 4, cols: 4, patch: 7 });
    expect(tokenLabels(tokenLayout(doc.graph, 'n3', 16)).slice(0, 6)).toEqual(['patch 1,1', 'patch 1,2', 'patch 1,3', 'patch 1,4', 'patch 2,1', 'patch 2,2']);
  });

  it('audio frame tokens map onto the spectrogram’s time axis, labelled in seconds', () => {
    const layout = tokenLayout(doc.graph, 'n4', 61);
    expect(layout).toEqual({ kind: 'frames', inputId: 'n2', tokens: 61, steps: 61, secondsPerStep: 128 / 8000 });
    expect(tokenLabels(layout)[10]).toBe('0.16 s');
  });

  it('names modalities by the dataset binding of their input, else by the node', () => {
    expect(modalityName(doc.graph, bindings, 'n3')).toBe('image');
    expect(modalityName(doc.graph, bindings, 'n4')).toBe('audio');
    expect(modalityName(doc.graph, {}, 'n4')).toBe('Spoken digit');
    expect(modalityName(doc.graph, bindings, null)).toBe('CLS');
  });
});

describe('colours and files', () => {
  it('the scale runs from pale to dark, and rounds its top up', () => {
    expect(rampColor(0, 1)).toBe('rgb(255, 255, 229)');
    expect(rampColor(1, 1)).toBe('rgb(8, 29, 88)');
    expect(rampColor(Number.NaN, 1)).toBe('#e2e8f0');
    expect([niceMax(0.23), niceMax(0.031), niceMax(0.9), niceMax(0)]).toEqual([0.25, 0.05, 1, 1]);
  });

  it('PNG names say what and when', () => {
    expect(pngName('Audio reads image (Cross-attention)', 3, 12, false)).toBe('attention-audio-reads-image-cross-attention-e3-b12.png');
    expect(pngName('Modality attention', 8, 71, true)).toBe('attention-modality-attention-trained-e8.png');
    expect(pngName('', null, null, false)).toBe('attention-map.png');
  });
});
