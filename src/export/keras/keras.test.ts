// The Keras export. Neither TensorFlow nor Keras can be installed on this machine (no pip; Debian
// does not package them), so model.py is not run against real Keras here. What is checked, with
// /usr/bin/python3 and numpy: for small graphs that together use every node kind and mode, and for
// every template, model.py compiles; it builds one layer per tfjs layer with the same name, every
// Fusion* layer as a class of its own, the same inputs and outputs; its WEIGHTS table names every
// tfjs weight (name, shape, order) and weights.npz holds exactly those values; sample_batch.npz has
// the arrays check_sample reads. Run on a NumPy stand-in for TensorFlow (numpy_tf/: the tf ops the
// custom layers call and the Keras layers it builds, from their documented semantics, with Keras's
// constructor signatures), model.py reproduces the tfjs outputs and probes within 1e-4. Hostile
// labels change no token of model.py.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_KIND_IDS, TEMPLATES } from '../../graph/index.ts';
import { compileGraph, type CompiledModel } from '../../compile/index.ts';
import { FUSION_LAYER_CLASSES } from '../../compile/layers/index.ts';
import { randomInputs } from '../../compile/testing.ts';
import { kerasFiles } from '../code.ts';
import { EXPORT_CASES, HOSTILE_LABEL_GROUPS, hostileCase, type ExportCase } from '../pytorch/cases.testing.ts';
import { checkScript, docOf, nodeApis, perturbWeights, requireTorch, runPython, type NodeApis } from '../pytorch/testing.ts';
import { KERAS_CUSTOM_CLASSES } from './library.ts';

interface Inspected {
  readonly dir: string;
  readonly error?: string;
  readonly inputs: string[];
  readonly outputs: string[];
  readonly probes: string[];
  readonly weights: Record<string, [string, string, number[]][]>;
  readonly classes: string[];
  readonly built: { class: string; name: string | null }[];
  readonly arrays: Record<string, { shape: number[]; dtype: string; sum: number; first: number }>;
  readonly sample: string[];
}

interface Numeric {
  readonly dir: string;
  readonly error?: string;
  readonly diffs?: Record<string, number>;
  readonly scale?: Record<string, number>;
}

interface Case {
  readonly name: string;
  readonly dir: string;
  readonly compiled: CompiledModel;
  /** tfjs weights by layer: [short name, shape, sum, first value]. */
  readonly tfjs: Map<string, [string, number[], number, number][]>;
  readonly layerClasses: Map<string, string>;
}

let sys: NodeApis;
let root = '';
const cases: Case[] = [];
const results = new Map<string, Inspected>();
const numeric = new Map<string, Numeric>();
const inspectScript = (): string => sys.fileURLToPath(new URL('./check_keras.py', import.meta.url));

/** The Keras export of a compiled case, with a random sample batch of `count`. */
function exportOf(c: Pick<ExportCase, 'graph' | 'projectName'>, compiled: CompiledModel, count: number, seed: number): Map<string, Uint8Array> {
  const xs = randomInputs(compiled, c.graph, count, seed);
  try {
    return kerasFiles({
      document: docOf(c.graph, c.projectName),
      compiled,
      sample: { count, inputs: xs.map((x) => (x.dtype === 'int32' ? Int32Array.from(x.dataSync()) : Float32Array.from(x.dataSync()))) },
      dataset: null,
      datasetInfo: null,
    });
  } finally {
    tf.dispose(xs);
  }
}

function writeCase(name: string, c: ExportCase | { graph: ExportCase['graph']; projectName?: string; probes?: boolean }, seed: number): void {
  const compiled = compileGraph(c.graph, { seed, probes: c.probes ?? true });
  perturbWeights(compiled.model, seed + 1, 0.1);
  const files = exportOf(c, compiled, 3, seed + 2);
  const dir = sys.join(root, `case_${cases.length}`);
  sys.mkdirSync(dir, { recursive: true });
  for (const [file, bytes] of files) sys.writeFileSync(sys.join(dir, file), bytes);
  const tfjs = new Map<string, [string, number[], number, number][]>();
  for (const layer of compiled.model.layers) {
    if (layer.weights.length === 0) continue;
    tfjs.set(
      layer.name,
      layer.weights.map((w) => {
        const v = w.read().dataSync();
        return [w.originalName.slice(layer.name.length + 1), w.shape.map((d) => d ?? 0), Array.from(v).reduce((a, b) => a + b, 0), v[0] ?? Number.NaN];
      }),
    );
  }
  const layerClasses = new Map(compiled.model.layers.map((l) => [l.name, l.getClassName()]));
  cases.push({ name, dir, compiled, tfjs, layerClasses });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  sys = await nodeApis();
  requireTorch(sys); // numpy comes with Debian's python3-torch
  root = sys.mkdtempSync(sys.join(sys.tmpdir(), 'fd-keras-'));
  EXPORT_CASES.forEach((c, i) => writeCase(c.name, c, 700 + 10 * i));
  TEMPLATES.forEach((t, i) => writeCase(`template ${t.id}`, { graph: t.build().graph, probes: true }, 900 + 10 * i));
  const run = runPython(sys, [inspectScript(), 'inspect', ...cases.map((c) => c.dir)], { timeoutMs: 120_000 });
  if (run.status !== 0) throw new Error(`check_keras.py failed (${run.status}): ${run.stderr}`);
  for (const line of run.stdout.split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as Inspected;
    results.set(r.dir, r);
  }
  const numpyTf = sys.fileURLToPath(new URL('./numpy_tf', import.meta.url));
  const num = runPython(sys, [inspectScript(), 'numeric', ...cases.map((c) => c.dir)], { timeoutMs: 150_000, env: { PYTHONPATH: numpyTf } });
  if (num.status !== 0) throw new Error(`check_keras.py numeric failed (${num.status}): ${num.stderr}`);
  for (const line of num.stdout.split('\n')) {
    if (line.trim() === '' || !line.startsWith('{')) continue;
    const r = JSON.parse(line) as Numeric;
    numeric.set(r.dir, r);
  }
}, 240_000);

afterAll(() => {
  for (const c of cases) c.compiled.model.dispose();
  if (root !== '') sys.rmSync(root, { recursive: true, force: true });
});

it('the cases use every node kind; the library has a class for every custom tfjs layer', () => {
  const kinds = new Set(EXPORT_CASES.flatMap((c) => c.graph.nodes.map((n) => n.kind)));
  expect([...kinds].sort()).toEqual([...NODE_KIND_IDS].sort());
  expect([...KERAS_CUSTOM_CLASSES].sort()).toEqual(FUSION_LAYER_CLASSES.map((c) => c.className).sort());
});

describe.each(EXPORT_CASES.map((c) => c.name).concat(TEMPLATES.map((t) => `template ${t.id}`)))('%s', (name) => {
  const get = (): { c: Case; r: Inspected } => {
    const c = cases.find((x) => x.name === name);
    const r = c === undefined ? undefined : results.get(c.dir);
    if (!c || !r) throw new Error(`no result for ${name}`);
    return { c, r };
  };

  it('model.py compiles and builds one Keras layer per tfjs layer, with the same names, inputs and outputs', () => {
    const { c, r } = get();
    expect(r.error).toBeUndefined();
    const tfjsLayers = c.compiled.model.layers.map((l) => l.name);
    expect(r.built.map((b) => b.name).sort()).toEqual([...tfjsLayers].sort());
    // Keras's own class for standard layers, ours for the Fusion* layers.
    r.built.forEach((b) => {
      const cls = c.layerClasses.get(b.name ?? '') ?? '?';
      expect(b.class, b.name ?? '').toBe(cls === 'InputLayer' ? 'keras.Input' : cls.startsWith('Fusion') ? cls : `layers.${cls}`);
    });
    const custom = [...new Set([...c.layerClasses.values()].filter((x) => x.startsWith('Fusion')))].sort();
    expect(r.classes).toEqual(custom);
    expect(r.inputs).toHaveLength(c.compiled.inputs.length);
    expect(r.outputs).toHaveLength(c.compiled.outputs.length);
    expect(r.probes).toHaveLength(c.compiled.probes.length);
    expect(r.sample).toEqual([...r.inputs.map((n) => `x.${n}`), ...r.outputs.map((n) => `y.${n}`), ...r.probes.map((n) => `p.${n}`)].sort());
  });

  it('on the NumPy stand-in for TensorFlow, model.py with weights.npz reproduces the tfjs outputs and probes within 1e-4', () => {
    const { c } = get();
    const r = numeric.get(c.dir);
    expect(r?.error).toBeUndefined();
    const diffs = r?.diffs ?? {};
    expect(Object.keys(diffs)).toHaveLength(c.compiled.outputs.length + c.compiled.probes.length);
    for (const [output, d] of Object.entries(diffs)) expect(d, `${output}: max |keras − tfjs| = ${d}`).toBeLessThanOrEqual(1e-4);
    console.info(`${name}: ${Object.entries(diffs).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', ')}`);
    for (const [output, s] of Object.entries(r?.scale ?? {})) expect(s, `${output} is all zeros`).toBeGreaterThan(1e-3);
  });

  it('WEIGHTS names every tfjs weight in order with its shape, and weights.npz holds its values', () => {
    const { c, r } = get();
    expect(Object.keys(r.weights)).toEqual([...c.tfjs.keys()]);
    const keys = new Set<string>();
    for (const [layer, entries] of Object.entries(r.weights)) {
      const expected = c.tfjs.get(layer) ?? [];
      expect(entries.map(([n, , s]) => [n, s]), layer).toEqual(expected.map(([n, s]) => [n, s]));
      entries.forEach(([n, key], i) => {
        const a = r.arrays[key];
        const [, shape, sum, first] = expected[i] ?? ['', [], Number.NaN, Number.NaN];
        expect(a?.shape, `${layer}/${n}`).toEqual(shape);
        expect(a?.dtype).toBe('float32');
        expect(a?.sum, `${layer}/${n}`).toBeCloseTo(sum, 3);
        expect(a?.first, `${layer}/${n}`).toBeCloseTo(first, 6);
        keys.add(key);
      });
    }
    // Nothing in weights.npz that WEIGHTS does not name.
    expect(Object.keys(r.arrays).sort()).toEqual([...keys].sort());
  });
});

describe('safety', () => {
  const generate = (c: ExportCase): string => {
    const compiled = compileGraph(c.graph, { seed: 1 });
    try {
      return new TextDecoder().decode(exportOf(c, compiled, 1, 1).get('model.py'));
    } finally {
      compiled.model.dispose();
    }
  };

  it('hostile labels, ids and project names change no token of model.py', () => {
    const files: string[] = [];
    const write = (name: string, text: string): string => {
      const f = sys.join(root, name);
      sys.writeFileSync(f, text);
      files.push(f);
      return f;
    };
    const plain = write('plain_model.py', generate(hostileCase(null)));
    HOSTILE_LABEL_GROUPS.forEach((labels, g) => {
      const text = generate(hostileCase(labels));
      expect(text).not.toMatch(/^\s*(import os|__import__|os\.system)/m);
      write(`hostile_${g}_model.py`, text);
    });
    const run = runPython(sys, [checkScript(sys), 'skeleton', ...files]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const skeletons = JSON.parse(run.stdout) as Record<string, { tokens: string[]; names: string[] }>;
    const base = skeletons[plain];
    expect(base?.tokens.length).toBeGreaterThan(500);
    HOSTILE_LABEL_GROUPS.forEach((_, g) => {
      const s = skeletons[sys.join(root, `hostile_${g}_model.py`)];
      expect(s?.tokens, `group ${g}`).toEqual(base?.tokens);
      const extra = (s?.names ?? []).filter((n) => !(base?.names ?? []).includes(n));
      for (const n of extra) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(extra).not.toContain('system');
      expect(extra).not.toContain('__import__');
    });
  });
});
