// Compile options (seed, probes, batch size for memory), the probes' values, and FusionPositions.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from './compileGraph.ts';
import { FusionPositions } from './layers/index.ts';
import { asList, edge, graphOf, node, randomInputs, TEST_GRAPHS } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const small = () =>
  graphOf(
    [node('a', 'input.tabular', { features: 4 }), node('m', 'encoder.mlp', { layers: 1, units: 3 }), node('h', 'head.classify', { classes: 2 })],
    [edge('e1', 'a', 'm'), edge('e2', 'm', 'h')],
  );

function weights(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

describe('seed', () => {
  it('the same seed gives the same initial weights, another seed others; Math.random is restored', () => {
    const random = Math.random;
    const graph = TEST_GRAPHS[3]?.graph ?? small();
    const [a, b, c] = [compileGraph(graph, { seed: 5 }), compileGraph(graph, { seed: 5 }), compileGraph(graph, { seed: 6 })];
    expect(weights(b.model)).toEqual(weights(a.model));
    expect(weights(c.model)).not.toEqual(weights(a.model));
    expect(Math.random).toBe(random);
    for (const x of [a, b, c]) x.model.dispose();
  });
});

describe('memory estimate', () => {
  it('weights + gradients + Adam moments (16 bytes per parameter) + activations and their gradients per batch', () => {
    const compiled = compileGraph(small(), { batchSize: 10 });
    // a: its batch, 4 values × 10 × 4 B. m: 15 params; output 3 values, kept and its gradient.
    // h: 8 params; output 2 values.
    expect(compiled.memory).toEqual({
      batchSize: 10,
      perNode: {
        a: { params: 0, weights: 0, gradients: 0, optimizer: 0, activations: 160, total: 160 },
        m: { params: 15, weights: 60, gradients: 60, optimizer: 120, activations: 240, total: 480 },
        h: { params: 8, weights: 32, gradients: 32, optimizer: 64, activations: 160, total: 288 },
      },
      totalBytes: 928,
    });
    compiled.model.dispose();
  });

  it('counts the hidden values of attention layers', () => {
    const graph = TEST_GRAPHS[3]?.graph;
    if (!graph) throw new Error('missing graph');
    const compiled = compileGraph(graph, { batchSize: 1 });
    const ft = compiled.memory.perNode['ft'];
    // More than the outputs of its layers alone: attention maps and feed-forward units.
    expect(ft?.activations).toBeGreaterThan(2 * 4 * (5 * 4 * 3 + 2 * 2 * 5 * 5));
    compiled.model.dispose();
  });
});

describe('probes', () => {
  function run(name: string): { outs: tf.Tensor[]; compiled: ReturnType<typeof compileGraph> } {
    const t = TEST_GRAPHS.find((g) => g.name.startsWith(name));
    if (!t) throw new Error(name);
    const compiled = compileGraph(t.graph, { seed: 4 });
    const xs = randomInputs(compiled, t.graph, 3, 9);
    const outs = asList(compiled.model.predict(xs) as tf.Tensor | tf.Tensor[]);
    tf.dispose(xs);
    return { outs, compiled };
  }
  const rowSums = (t: tf.Tensor): number[] => Array.from(tf.sum(t, -1).dataSync());

  it('modality attention weights and the M > 2 gates sum to 1; the two-modality gate lies in (0, 1)', () => {
    const { outs, compiled } = run('vector fusions');
    const byNode = Object.fromEntries(compiled.probes.map((p) => [p.nodeId, outs[p.outputIndex] as tf.Tensor]));
    expect(compiled.probes.map((p) => [p.nodeId, p.shape])).toEqual([
      ['g2', [3]],
      ['g3', [3, 3]],
      ['att', [3]],
    ]);
    for (const s of rowSums(byNode['att'] as tf.Tensor)) expect(s).toBeCloseTo(1, 5);
    for (const s of Array.from(tf.sum(byNode['g3'] as tf.Tensor, 1).dataSync())) expect(s).toBeCloseTo(1, 5);
    for (const g of Array.from((byNode['g2'] as tf.Tensor).dataSync())) expect(g > 0 && g < 1).toBe(true);
    tf.dispose(outs);
    compiled.model.dispose();
  });

  it('cross-attention and CLS attention rows sum to 1, grouped by modality', () => {
    for (const name of ['tokens', 'joint']) {
      const { outs, compiled } = run(name);
      const probe = compiled.probes[0];
      if (!probe) throw new Error('no probe');
      for (const s of rowSums(outs[probe.outputIndex] as tf.Tensor)) expect(s).toBeCloseTo(1, 5);
      const last = probe.groups?.ranges[probe.groups.ranges.length - 1];
      expect(last?.end).toBe(probe.shape[probe.shape.length - 1]);
      tf.dispose(outs);
      compiled.model.dispose();
    }
  });

  it('probes: false gives the heads only', () => {
    const t = TEST_GRAPHS.find((g) => g.name.startsWith('vector fusions'));
    if (!t) throw new Error('missing');
    const compiled = compileGraph(t.graph, { probes: false });
    expect(compiled.probes).toEqual([]);
    expect(compiled.model.outputs.length).toBe(compiled.outputs.length);
    compiled.model.dispose();
  });
});

describe('FusionPositions', () => {
  it('prepends the CLS token and adds the position embedding: out = [c; X] + P', () => {
    const layer = new FusionPositions({ cls: true, positions: true });
    const x = tf.tensor3d([[[1, 2], [3, 4]]]);
    tf.dispose(layer.apply(x) as tf.Tensor); // build
    const c = tf.tensor3d([[[10, 20]]]);
    const p = tf.tensor3d([[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]]);
    layer.setWeights([c, p]);
    const out = layer.apply(x) as tf.Tensor;
    const values = (out.arraySync() as number[][][])[0] ?? [];
    const expected = [
      [10.1, 20.2],
      [1.3, 2.4],
      [3.5, 4.6],
    ];
    values.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]?.[j] ?? NaN, 5)));
    tf.dispose([x, c, p, out]);
  });
});
