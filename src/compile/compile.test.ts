// compileGraph over graphs that together use every node kind: shapes as promised (symbolically and
// when run), parameter counts equal shape inference, one training step reaches every weight,
// save/load keeps predictions, probes come after the heads.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferShapes, NODE_KIND_IDS, TEMPLATES, validateGraph } from '../graph/index.ts';
import { compileGraph } from './compileGraph.ts';
import { headLoss } from './loss.ts';
import { asList, randomInputs, randomTargets, roundTrip, TEST_GRAPHS } from './testing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('the test graphs are valid and use every node kind', () => {
  const used = new Set<string>();
  for (const { name, graph } of TEST_GRAPHS) {
    expect(validateGraph(graph), name).toEqual([]);
    for (const n of graph.nodes) used.add(n.kind);
  }
  expect([...used].sort()).toEqual([...NODE_KIND_IDS].sort());
});

describe.each(TEST_GRAPHS)('$name', ({ graph }) => {
  it('builds every node with the parameters and output shapes shape inference promised', () => {
    const shapes = inferShapes(graph);
    const compiled = compileGraph(graph, { seed: 1 });
    expect([...compiled.order].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    expect(compiled.paramCounts).toEqual(shapes.paramCounts);
    expect(compiled.paramCount).toBe(Object.values(shapes.paramCounts).reduce((a, b) => a + b, 0));

    // Run a model that outputs every node's every port: the runtime shapes match inference too.
    const ports = Object.entries(compiled.tensors).flatMap(([id, outs]) => Object.entries(outs).map(([port, t]) => ({ id, port, t })));
    const everything = tf.model({ inputs: compiled.model.inputs, outputs: ports.map((p) => p.t) });
    const xs = randomInputs(compiled, graph, 2, 3);
    const ys = asList(everything.predict(xs) as tf.Tensor | tf.Tensor[]);
    ports.forEach((p, i) => {
      expect([p.id, p.port, ys[i]?.shape]).toEqual([p.id, p.port, [2, ...(shapes.nodeOutputs[p.id]?.[p.port]?.shape ?? [])]]);
    });
    tf.dispose([...xs, ...ys]);

    // Heads first (document order), then probes; every layer is named after its node.
    compiled.outputs.forEach((h, i) => {
      expect(h.outputIndex).toBe(i);
      expect(compiled.model.outputs[i]?.shape.slice(1)).toEqual(shapes.nodeOutputs[h.nodeId]?.['out']?.shape);
    });
    compiled.probes.forEach((p, i) => {
      expect(p.outputIndex).toBe(compiled.outputs.length + i);
      expect(compiled.model.outputs[p.outputIndex]?.shape.slice(1)).toEqual(p.shape);
    });
    expect(compiled.model.outputs.length).toBe(compiled.outputs.length + compiled.probes.length);
    for (const layer of compiled.model.layers) {
      const owner = Object.entries(compiled.layers).find(([, names]) => names.includes(layer.name))?.[0];
      expect(owner, layer.name).toBeDefined();
      expect(layer.name === owner || layer.name.startsWith(`${owner}__`), layer.name).toBe(true);
    }
    compiled.model.dispose();
  });

  it('one training step gives every trainable weight a non-zero gradient', () => {
    const compiled = compileGraph(graph, { seed: 2 });
    // 32 samples: modality dropout (rate 0.5, unseeded) must leave every branch some samples,
    // or its upstream weights rightly get no gradient (with 4 samples that happened 1 run in 7).
    const xs = randomInputs(compiled, graph, 32, 5);
    const targets = randomTargets(compiled, 32, 6);
    const vars = compiled.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => {
      const outs = asList(compiled.model.apply(xs, { training: true }) as tf.Tensor | tf.Tensor[]);
      return headLoss(compiled.outputs, outs, targets);
    }, vars);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    for (const w of compiled.model.trainableWeights) {
      const g = grads[(w.read() as tf.Variable).name];
      expect(g, w.name).toBeDefined();
      if (!g) continue;
      const values = Array.from(g.dataSync());
      expect(values.every(Number.isFinite), `${w.name} finite`).toBe(true);
      // The key bias of attention gets no gradient by construction: softmax ignores a constant per row.
      if (w.originalName.endsWith('/k_bias')) continue;
      expect(Math.max(...values.map(Math.abs)), `${w.name} non-zero`).toBeGreaterThan(0);
    }
    tf.dispose([value, ...Object.values(grads), ...xs, ...targets]);
    compiled.model.dispose();
  });

  it('saves to memory and loads back with identical predictions (heads and probes)', async () => {
    const compiled = compileGraph(graph, { seed: 3 });
    const loaded = await roundTrip(compiled.model);
    const xs = randomInputs(compiled, graph, 3, 7);
    const a = asList(compiled.model.predict(xs) as tf.Tensor | tf.Tensor[]);
    const b = asList(loaded.predict(xs) as tf.Tensor | tf.Tensor[]);
    expect(b.map((t) => t.arraySync())).toEqual(a.map((t) => t.arraySync()));
    expect(loaded.layers.map((l) => l.name)).toEqual(compiled.model.layers.map((l) => l.name));
    tf.dispose([...xs, ...a, ...b]);
    compiled.model.dispose();
    loaded.dispose();
  });
});

describe('templates', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s compiles with the parameter counts of shape inference', (_id, t) => {
    const graph = t.build().graph;
    const compiled = compileGraph(graph, { probes: true });
    expect(compiled.paramCounts).toEqual(inferShapes(graph).paramCounts);
    expect(compiled.outputs.map((o) => [o.kind, o.shape, o.loss])).toEqual([[t.id === 'late' ? 'fusion.late' : 'head.classify', [10], 'softmaxCrossEntropy']]);
    expect(compiled.inputs.map((i) => [i.nodeId, i.shape])).toEqual([
      ['n1', [28, 28, 1]],
      ['n2', [61, 129]],
    ]);
    compiled.model.dispose();
  });
});
