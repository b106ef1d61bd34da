import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_INFO } from './diagnostics.ts';
import { exampleProject } from './templates.ts';
import { edge, graphOf, node } from './testing.ts';
import type { Diagnostic, DiagnosticCode, Graph } from './types.ts';
import { validateGraph } from './validate.ts';

/** tabular → MLP → classifier: valid. */
const base = (): Graph =>
  graphOf(
    [node('t', 'input.tabular', { features: 8 }, 'Sensors'), node('m', 'encoder.mlp', { units: 16 }), node('h', 'head.classify', { classes: 3 })],
    [edge('e1', 't', 'm'), edge('e2', 'm', 'h')],
  );

function only(graph: Graph, code: DiagnosticCode): Diagnostic[] {
  return validateGraph(graph).filter((d) => d.code === code);
}

describe('validateGraph', () => {
  it('finds nothing wrong with a minimal valid graph and with the example project', () => {
    expect(validateGraph(base())).toEqual([]);
    expect(validateGraph(exampleProject().graph)).toEqual([]);
  });

  it('numbers every code stably, FD001…FD014', () => {
    const numbers = Object.values(DIAGNOSTIC_INFO).map((i) => i.number);
    expect(numbers).toEqual(Array.from({ length: 14 }, (_, i) => `FD${String(i + 1).padStart(3, '0')}`));
    expect(DIAGNOSTIC_INFO['unreachable'].severity).toBe('warning');
    expect(DIAGNOSTIC_INFO['cost'].severity).toBe('warning');
  });

  it('FD001 unknown-kind', () => {
    const g = base();
    const d = only(graphOf([...g.nodes, node('x', 'fusion.fancy', {}, 'Mixer')], g.edges), 'unknown-kind');
    expect(d).toEqual([
      {
        code: 'unknown-kind',
        number: 'FD001',
        severity: 'error',
        nodeId: 'x',
        message: 'Node x ("Mixer") has kind "fusion.fancy", which this version of Fusion Designer doesn\'t know. Delete it and use a node from the palette instead.',
      },
    ]);
  });

  it('FD002 param-range', () => {
    const g = base();
    const nodes = g.nodes.map((n) => (n.id === 'm' ? node('m', 'encoder.mlp', { units: 0 }) : n));
    expect(validateGraph(graphOf(nodes, g.edges))).toEqual([
      {
        code: 'param-range',
        number: 'FD002',
        severity: 'error',
        nodeId: 'm',
        param: 'units',
        message: 'MLP encoder (m): Units must be a whole number between 1 and 4096; got 0.',
      },
    ]);
  });

  it('FD003 dangling-edge', () => {
    const g = base();
    expect(only(graphOf(g.nodes, [...g.edges, edge('e9', 'm', 'ghost')]), 'dangling-edge')).toEqual([
      {
        code: 'dangling-edge',
        number: 'FD003',
        severity: 'error',
        edgeId: 'e9',
        nodeId: 'm',
        message: 'Edge e9 connects MLP encoder (m) to "ghost", but there is no node "ghost". Delete the edge.',
      },
    ]);
  });

  it('FD004 unknown-port', () => {
    const g = graphOf(base().nodes, [edge('e1', 't', 'm', 'left'), edge('e2', 'm', 'h', 'in', 'features')]);
    const d = only(g, 'unknown-port');
    expect(d.map((x) => [x.edgeId, x.nodeId, x.port])).toEqual([
      ['e1', 'm', 'left'],
      ['e2', 'm', 'features'],
    ]);
    expect(d[0]?.message).toBe(
      'Edge e1 enters MLP encoder (m) at an input "left" it doesn\'t have (its inputs: "in"). Delete the edge and connect it again.',
    );
  });

  it('FD005 duplicate-edge', () => {
    const g = base();
    const d = only(graphOf(g.nodes, [...g.edges, edge('e3', 't', 'm')]), 'duplicate-edge');
    expect(d).toEqual([
      {
        code: 'duplicate-edge',
        number: 'FD005',
        severity: 'error',
        edgeId: 'e3',
        nodeId: 'm',
        port: 'in',
        message: 'Edge e3 repeats edge e1: both connect Tabular input "Sensors" (t) (out) to MLP encoder (m) (in). Delete one of them.',
      },
    ]);
    // …and the repeat does not also count as a second input.
    expect(only(graphOf(g.nodes, [...g.edges, edge('e3', 't', 'm')]), 'too-many-inputs')).toEqual([]);
  });

  it('FD006 self-loop', () => {
    const g = base();
    const d = only(graphOf(g.nodes, [...g.edges, edge('e3', 'm', 'm')]), 'self-loop');
    expect(d.map((x) => [x.edgeId, x.nodeId, x.message])).toEqual([
      ['e3', 'm', "MLP encoder (m) is connected to itself (edge e3). A node can't feed its own input; delete the edge."],
    ]);
  });

  it('FD007 cycle: reported on each edge of the loop', () => {
    const g = graphOf(
      [node('a', 'encoder.mlp', {}, 'A'), node('b', 'encoder.mlp', {}, 'B'), node('h', 'head.classify')],
      [edge('e1', 'a', 'b'), edge('e2', 'b', 'a'), edge('e3', 'b', 'h')],
    );
    const d = only(g, 'cycle');
    expect(d.map((x) => [x.edgeId, x.nodeId])).toEqual([
      ['e1', 'b'],
      ['e2', 'a'],
    ]);
    expect(d[0]?.message).toBe(
      'Edge e1 (MLP encoder "A" (a) → MLP encoder "B" (b)) is part of a loop: MLP encoder "A" (a) → MLP encoder "B" (b) → MLP encoder "A" (a). Data must flow one way, from inputs to heads; delete one edge of the loop.',
    );
    // No cascading noise: nodes in the loop are simply not inferred.
    expect(only(g, 'shape')).toEqual([]);
  });

  it('FD008 port-type: names both sides and what the port accepts', () => {
    const g = graphOf(
      [node('t', 'input.text'), node('c', 'encoder.cnn2d'), node('h', 'head.classify')],
      [edge('e1', 't', 'c'), edge('e2', 'c', 'h')],
    );
    expect(only(g, 'port-type')).toEqual([
      {
        code: 'port-type',
        number: 'FD008',
        severity: 'error',
        edgeId: 'e1',
        nodeId: 'c',
        port: 'in',
        message: 'CNN encoder (c): its "Image" input accepts image, but Text input (t) gives text tokens (edge e1). Connect it to a node that accepts text (Token embedding) instead, or delete the edge.',
      },
    ]);
    const g2 = graphOf([node('v', 'input.tabular'), node('h', 'head.classify')], [edge('e1', 'v', 'h')]);
    expect(only(g2, 'port-type')[0]?.message).toBe(
      'Classifier (h): its "Features" input accepts vector, but Tabular input (v) gives tabular features (edge e1). Connect it to a node that accepts tabular (MLP encoder, Projection, Early fusion, Dropout and Modality dropout) instead, or delete the edge.',
    );
  });

  it('FD009 too-many-inputs', () => {
    const g = graphOf(
      [node('a', 'input.image'), node('b', 'input.image'), node('c', 'encoder.cnn2d'), node('h', 'head.classify')],
      [edge('e1', 'a', 'c'), edge('e2', 'b', 'c'), edge('e3', 'c', 'h')],
    );
    expect(only(g, 'too-many-inputs')).toEqual([
      {
        code: 'too-many-inputs',
        number: 'FD009',
        severity: 'error',
        nodeId: 'c',
        port: 'in',
        message: 'CNN encoder (c): its "Image" input takes one edge but has 2 (from Image input (a) and Image input (b)). Delete the extra edge.',
      },
    ]);
  });

  it('FD010 missing-input: an open required port, and a fusion port with too few edges', () => {
    const g = graphOf(
      [node('m', 'encoder.mlp'), node('f', 'fusion.concat', {}, 'Fuse'), node('h', 'head.classify')],
      [edge('e1', 'm', 'f'), edge('e2', 'f', 'h')],
    );
    expect(only(g, 'missing-input').map((d) => [d.nodeId, d.port, d.message])).toEqual([
      ['m', 'in', 'MLP encoder (m): its "Data" input is not connected. Connect a node that gives tabular, vector, image, audio or sequence to it.'],
      ['f', 'in', 'Concatenate "Fuse" (f): its "Features" input needs at least 2 edges but has 1. Connect 1 more (vector or tokens).'],
    ]);
  });

  it('FD011 shape: tied to the node, without noise downstream', () => {
    const g = graphOf(
      [node('i', 'input.image', { height: 4, width: 4 }), node('c', 'encoder.cnn2d', { blocks: 3 }), node('h', 'head.classify')],
      [edge('e1', 'i', 'c'), edge('e2', 'c', 'h')],
    );
    expect(validateGraph(g)).toEqual([
      {
        code: 'shape',
        number: 'FD011',
        severity: 'error',
        nodeId: 'c',
        message:
          'CNN encoder (c): Each block halves the image, and a 4×4 image is down to 1×1 before block 3, too small to pool again. Use at most 2 blocks, or a larger image.',
      },
    ]);
  });

  it('FD012 no-head, not tied to a node', () => {
    const g = graphOf([node('t', 'input.tabular'), node('m', 'encoder.mlp')], [edge('e1', 't', 'm')]);
    expect(validateGraph(g)).toEqual([
      {
        code: 'no-head',
        number: 'FD012',
        severity: 'error',
        message:
          'The model has no head, so it has nothing to predict. Add a head from the Heads section (e.g. Classifier) and connect your fused features to it.',
      },
    ]);
    expect(validateGraph(graphOf([])).map((d) => d.code)).toEqual(['no-head']);
  });

  it('FD013 unreachable (a warning), only when a head exists', () => {
    const g = base();
    const d = validateGraph(graphOf([...g.nodes, node('x', 'input.image', {}, 'Spare')], g.edges));
    expect(d).toEqual([
      {
        code: 'unreachable',
        number: 'FD013',
        severity: 'warning',
        nodeId: 'x',
        message: 'Image input "Spare" (x) doesn\'t lead to any head, so it won\'t affect the predictions. Connect it on a path to a head, or delete it.',
      },
    ]);
  });

  it('sorts errors before warnings', () => {
    const g = base();
    const d = validateGraph(graphOf([node('x', 'input.image'), ...g.nodes, node('y', 'encoder.mlp', { units: -1 })], g.edges));
    expect(d.map((x) => [x.severity, x.code, x.nodeId])).toEqual([
      ['error', 'param-range', 'y'],
      ['error', 'missing-input', 'y'],
      ['warning', 'unreachable', 'x'],
      ['warning', 'unreachable', 'y'],
    ]);
  });

  it('produces every DiagnosticCode somewhere above', () => {
    const graphs: Graph[] = [
      graphOf([node('x', 'nope')]),
      graphOf([node('m', 'encoder.mlp', { units: 0 }), node('m2', 'encoder.mlp'), node('t', 'input.text'), node('h', 'head.classify')], [
        edge('a', 'm', 'ghost'),
        edge('b', 'm', 'm2', 'zz'),
        edge('c', 'm', 'm2'),
        edge('d', 'm', 'm2'),
        edge('e', 'm', 'm'),
        edge('f', 'm2', 'm'),
        edge('g', 't', 'h'),
      ]),
      graphOf([node('i', 'input.image', { height: 2, width: 2 }), node('c', 'encoder.cnn2d', { blocks: 2 }), node('i2', 'input.image'), node('h', 'head.classify')], [
        edge('a', 'i', 'c'),
        edge('b', 'i2', 'c'),
      ]),
      graphOf([node('i', 'input.image', { height: 2, width: 2 }), node('c', 'encoder.cnn2d', { blocks: 2 }), node('h', 'head.classify')], [edge('a', 'i', 'c')]),
      graphOf(
        [
          node('a', 'input.tabular'),
          ...['m1', 'm2', 'm3'].map((id) => node(id, 'encoder.mlp', { units: 32, layers: 1 })),
          node('t', 'fusion.tensor', { units: 64 }),
          node('h', 'head.classify'),
        ],
        [edge('e1', 'a', 'm1'), edge('e2', 'a', 'm2'), edge('e3', 'a', 'm3'), edge('e4', 'm1', 't'), edge('e5', 'm2', 't'), edge('e6', 'm3', 't'), edge('e7', 't', 'h')],
      ),
    ];
    const codes = new Set(graphs.flatMap((g) => validateGraph(g).map((d) => d.code)));
    expect([...codes].sort()).toEqual(Object.keys(DIAGNOSTIC_INFO).sort());
  });

  it('every message says where: a node id, an edge id or the whole model', () => {
    const g = base();
    const all = validateGraph(graphOf([...g.nodes, node('x', 'encoder.cnn2d', { filters: 0 })], [...g.edges, edge('e7', 'x', 'x')]));
    expect(all.length).toBeGreaterThan(0);
    for (const d of all) expect(d.message).toMatch(d.nodeId ? new RegExp(`\\(${d.nodeId}\\)|${d.nodeId}`) : /model/);
  });
});

describe('validateGraph: catalogue additions', () => {
  const vec3 = (): Graph =>
    graphOf(
      [
        node('a', 'input.tabular', { features: 32 }),
        node('b', 'input.tabular', { features: 32 }),
        node('c', 'input.tabular', { features: 32 }),
        node('ma', 'encoder.mlp', { units: 32, layers: 1 }),
        node('mb', 'encoder.mlp', { units: 32, layers: 1 }),
        node('mc', 'encoder.mlp', { units: 32, layers: 1 }),
        node('t', 'fusion.tensor', { units: 64 }),
        node('h', 'head.classify', { classes: 2 }),
      ],
      [
        edge('e1', 'a', 'ma'),
        edge('e2', 'b', 'mb'),
        edge('e3', 'c', 'mc'),
        edge('e4', 'ma', 't'),
        edge('e5', 'mb', 't'),
        edge('e6', 'mc', 't'),
        edge('e7', 't', 'h'),
      ],
    );

  it('FD014 cost: tensor fusion of three 32-wide modalities at h = 64 warns and suggests low-rank fusion', () => {
    const d = validateGraph(vec3());
    expect(d).toEqual([
      {
        code: 'cost',
        number: 'FD014',
        severity: 'warning',
        nodeId: 't',
        message:
          'Tensor fusion (t): creates 2.3M parameters (about 37 MB for weights, gradients and optimiser state while training), so training may be slow or run out of memory; the outer product has 35,937 features (Π(dₘ+1)) before the dense layer to h = 64; consider fusion.lowRank, which needs 25,412 parameters at rank 4, or narrower inputs (encoder.project).',
      },
    ]);
    // 35,937 · 64 + 64
    expect(d[0]?.message).toContain('2.3M');
  });

  it('no cost warning for low-rank fusion of the same inputs', () => {
    const g = vec3();
    const nodes = g.nodes.map((n) => (n.id === 't' ? node('t', 'fusion.lowRank', { units: 64, rank: 4 }) : n));
    expect(validateGraph(graphOf(nodes, g.edges))).toEqual([]);
  });

  it('FD010 for a mirrored output whose input is open (reg.modalityDropout out_3 without in_3)', () => {
    const g = graphOf(
      [
        node('a', 'input.tabular'),
        node('b', 'input.tabular'),
        node('d', 'reg.modalityDropout'),
        node('ma', 'encoder.mlp'),
        node('mb', 'encoder.mlp'),
        node('f', 'fusion.concat'),
        node('h', 'head.classify'),
      ],
      [
        edge('e1', 'a', 'd', 'in_1'),
        edge('e2', 'b', 'd', 'in_2'),
        edge('e3', 'd', 'ma', 'in', 'out_1'),
        edge('e4', 'd', 'mb', 'in', 'out_3'),
        edge('e5', 'ma', 'f'),
        edge('e6', 'mb', 'f'),
        edge('e7', 'f', 'h'),
      ],
    );
    expect(validateGraph(g)).toEqual([
      {
        code: 'missing-input',
        number: 'FD010',
        severity: 'error',
        nodeId: 'd',
        port: 'out_3',
        message:
          'Modality dropout (d): its "Modality 3" output feeds MLP encoder (mb) but gives nothing, because the matching input is not connected. Connect its "Modality 3" input, or move the edge to an output whose input is connected.',
      },
    ]);
  });

  it('named ports: cross-attention query and context, FiLM features and condition', () => {
    const g = graphOf(
      [
        node('s', 'input.sequence', { steps: 6, features: 4 }),
        node('t', 'input.text', { maxLength: 5, vocabSize: 50 }),
        node('emb', 'encoder.embedding', { dim: 8, pooling: 'none' }),
        node('x', 'fusion.crossAttention', { dModel: 8, heads: 2, ffDim: 16 }),
        node('c', 'input.tabular', { features: 3 }),
        node('film', 'fusion.film'),
        node('p', 'encoder.rnn', { units: 4 }),
        node('h', 'head.classify', { classes: 2 }),
      ],
      [
        edge('e1', 't', 'emb'),
        edge('e2', 'emb', 'x', 'query'),
        edge('e3', 's', 'x', 'context'),
        edge('e4', 'x', 'film', 'features'),
        edge('e5', 'c', 'film', 'condition'),
        edge('e6', 'film', 'p'),
        edge('e7', 'p', 'h'),
      ],
    );
    // tabular is not a vector: FiLM's condition refuses it.
    expect(validateGraph(g).map((d) => [d.number, d.nodeId, d.port])).toEqual([['FD008', 'film', 'condition']]);
  });
});
