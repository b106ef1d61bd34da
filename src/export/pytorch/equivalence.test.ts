// The PyTorch export reproduces tfjs: for small graphs that together use every node kind and every
// fusion mode, the exported model.py loaded with the converted weights.npz (strict load_state_dict)
// gives the tfjs outputs (and probes) on an exported sample batch within 1e-4. One python process
// runs every graph. Needs Debian's python3-torch (/usr/bin/python3): without it these tests FAIL.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_KIND_IDS, TEMPLATES } from '../../graph/index.ts';
import { compileGraph } from '../../compile/index.ts';
import { randomInputs } from '../../compile/testing.ts';
import { npz } from '../npz.ts';
import { MODEL_FOOTER, MODEL_IMPORTS } from './generate.ts';
import { librarySource } from './library.ts';
import { EXPORT_CASES } from './cases.testing.ts';
import { checkScript, docOf, nodeApis, perturbWeights, requireTorch, runPython, writeExport, type NodeApis } from './testing.ts';
import { permute } from './weights.ts';

const TOLERANCE = 1e-4;
const BATCH = 4;

interface Result {
  readonly dir: string;
  readonly diffs?: Record<string, number>;
  readonly scale?: Record<string, number>;
  readonly error?: string;
}

let node: NodeApis;
let root = '';
const join = (...parts: string[]): string => node.join(...parts);
const results = new Map<string, Result>();
const expected = new Map<string, string[]>();

/**
 * TensorFlow 'same' padding where it is asymmetric (stride 2, even kernels), which the graph
 * builders never produce (odd kernels, stride 1) but Conv2dSame / Conv1dSame must still get right.
 */
function writePaddingCase(dir: string): string[] {
  const convs = [
    { name: 'k3s2', kernel: [3, 3], strides: [2, 2] },
    { name: 'k4s1', kernel: [4, 4], strides: [1, 1] },
    { name: 'k2x3s2x1', kernel: [2, 3], strides: [2, 1] },
  ];
  const convs1d = [
    { name: 'k4s2', kernel: 4, strides: 2 },
    { name: 'k3s3', kernel: 3, strides: 3 },
  ];
  const x2 = tf.randomNormal([3, 7, 8, 2], 0, 1, 'float32', 11);
  const x1 = tf.randomNormal([3, 9, 2], 0, 1, 'float32', 12);
  const arrays = new Map<string, { dtype: 'float32'; shape: number[]; data: Float32Array }>();
  const weights = new Map<string, { dtype: 'float32'; shape: number[]; data: Float32Array }>();
  const f32 = (t: tf.Tensor) => ({ dtype: 'float32' as const, shape: [...t.shape], data: Float32Array.from(t.dataSync()) });
  arrays.set('x.x2', f32(x2));
  arrays.set('x.x1', f32(x1));
  const lines: string[] = [];
  const forward: string[] = [];
  convs.forEach((c, i) => {
    const layer = tf.layers.conv2d({ filters: 3, kernelSize: c.kernel, strides: c.strides, padding: 'same', biasInitializer: 'randomNormal' });
    arrays.set(`y.${c.name}`, f32(layer.apply(x2) as tf.Tensor));
    const [k, b] = layer.getWeights() as [tf.Tensor, tf.Tensor];
    const p = permute(Float32Array.from(k.dataSync()), k.shape, [3, 2, 0, 1]);
    weights.set(`${c.name}.weight`, { dtype: 'float32', shape: p.shape, data: p.data });
    weights.set(`${c.name}.bias`, f32(b));
    lines.push(`        self.${c.name} = Conv2dSame(2, 3, (${c.kernel.join(', ')}), stride=(${c.strides.join(', ')}))`);
    forward.push(`self.${c.name}(x2.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)`);
    void i;
  });
  convs1d.forEach((c) => {
    const layer = tf.layers.conv1d({ filters: 2, kernelSize: c.kernel, strides: c.strides, padding: 'same', biasInitializer: 'randomNormal' });
    arrays.set(`y.${c.name}`, f32(layer.apply(x1) as tf.Tensor));
    const [k, b] = layer.getWeights() as [tf.Tensor, tf.Tensor];
    const p = permute(Float32Array.from(k.dataSync()), k.shape, [2, 1, 0]);
    weights.set(`${c.name}.weight`, { dtype: 'float32', shape: p.shape, data: p.data });
    weights.set(`${c.name}.bias`, f32(b));
    lines.push(`        self.${c.name} = Conv1dSame(2, 2, ${c.kernel}, stride=${c.strides})`);
    forward.push(`self.${c.name}(x1.transpose(1, 2)).transpose(1, 2)`);
  });
  const names = [...convs, ...convs1d].map((c) => c.name);
  const source = [
    MODEL_IMPORTS,
    '',
    librarySource(['Conv2dSame', 'Conv1dSame']),
    '',
    'class FusionModel(nn.Module):',
    "    INPUTS = ('x2', 'x1')",
    `    OUTPUTS = (${names.map((n) => `'${n}'`).join(', ')})`,
    '    PROBES = ()',
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...lines,
    '',
    '    def forward(self, x2, x1, return_probes=False):',
    `        outputs = (${forward.join(', ')})`,
    '        return (outputs, ()) if return_probes else outputs',
    '',
    '',
    MODEL_FOOTER,
  ].join('\n');
  node.writeFileSync(join(dir, 'model.py'), source);
  node.writeFileSync(join(dir, 'weights.npz'), npz(weights));
  node.writeFileSync(join(dir, 'sample_batch.npz'), npz(arrays));
  tf.dispose([x2, x1]);
  return names;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  node = await nodeApis();
  requireTorch(node);
  root = node.mkdtempSync(join(node.tmpdir(), 'fd-pytorch-eq-'));
  const dirs: string[] = [];
  EXPORT_CASES.forEach((c, i) => {
    const compiled = compileGraph(c.graph, { seed: 100 + i, probes: c.probes ?? true });
    perturbWeights(compiled.model, 200 + i);
    const raw = randomInputs(compiled, c.graph, BATCH, 300 + i);
    const scale = c.inputScale ?? 1;
    const xs = scale === 1 ? raw : raw.map((x) => (x.dtype === 'float32' ? tf.mul(x, scale) : x.clone()));
    if (scale !== 1) tf.dispose(raw);
    const dir = join(root, `case_${i}`);
    writeExport(node, dir, docOf(c.graph, c.projectName), compiled, xs);
    tf.dispose(xs);
    compiled.model.dispose();
    dirs.push(dir);
    expected.set(dir, [...compiled.outputs.map((o) => o.nodeId), ...compiled.probes.map((p) => `probe:${p.nodeId}`)]);
  });
  // The templates users start from, at their real sizes (0.5–1.1M parameters).
  TEMPLATES.forEach((t, i) => {
    const doc = t.build();
    const compiled = compileGraph(doc.graph, { seed: 400 + i });
    perturbWeights(compiled.model, 500 + i, 0.05);
    const xs = randomInputs(compiled, doc.graph, 2, 600 + i);
    const dir = join(root, `template_${t.id}`);
    writeExport(node, dir, doc, compiled, xs);
    tf.dispose(xs);
    compiled.model.dispose();
    dirs.push(dir);
    expected.set(dir, [...compiled.outputs.map((o) => o.nodeId), ...compiled.probes.map((p) => `probe:${p.nodeId}`)]);
  });
  const paddingDir = join(root, 'padding');
  node.mkdirSync(paddingDir);
  expected.set(paddingDir, writePaddingCase(paddingDir));
  dirs.push(paddingDir);

  const run = runPython(node, [checkScript(node), 'equivalence', ...dirs], { timeoutMs: 170_000 });
  if (run.status !== 0) throw new Error(`check_exports.py failed (${run.status}): ${run.stderr}`);
  expect(run.stdout).not.toContain('pwned');
  expect(run.stderr).not.toContain('pwned');
  for (const line of run.stdout.split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as Result;
    results.set(r.dir, r);
  }
}, 180_000);

afterAll(() => {
  if (root !== '') node.rmSync(root, { recursive: true, force: true });
});

function check(dir: string): Record<string, number> {
  const r = results.get(dir);
  expect(r, `no result for ${dir}`).toBeDefined();
  expect(r?.error).toBeUndefined();
  const diffs = r?.diffs ?? {};
  // One number per head and per probe; every one within tolerance.
  expect(Object.keys(diffs)).toHaveLength(expected.get(dir)?.length ?? -1);
  for (const [name, d] of Object.entries(diffs)) {
    expect(d, `${name}: max |torch − tfjs| = ${d}`).toBeLessThanOrEqual(TOLERANCE);
  }
  // The outputs are not degenerate (a zero model would agree trivially).
  for (const [name, s] of Object.entries(r?.scale ?? {})) expect(s, `${name} is all zeros`).toBeGreaterThan(1e-3);
  return diffs;
}

it('the cases use every node kind and every mode', () => {
  const used = new Set<string>();
  const modes = new Set<string>();
  for (const c of EXPORT_CASES) {
    for (const n of c.graph.nodes) {
      used.add(n.kind);
      if (n.kind === 'fusion.elementwise') modes.add(`op:${String(n.params['op'])}`);
      if (n.kind === 'fusion.late') modes.add(`late:${String(n.params['combine'])}`);
      if (n.kind === 'encoder.rnn') modes.add(`rnn:${String(n.params['cell'])}`);
      if (n.kind === 'fusion.gated') modes.add(`gated:${c.graph.edges.filter((e) => e.target === n.id).length}`);
    }
  }
  expect([...used].sort()).toEqual([...NODE_KIND_IDS].sort());
  for (const m of ['op:sum', 'op:mean', 'op:max', 'op:product', 'late:mean', 'late:weighted', 'late:stacking', 'rnn:gru', 'rnn:lstm', 'gated:2', 'gated:3']) {
    expect(modes).toContain(m);
  }
});

describe.each(EXPORT_CASES.map((c, i) => ({ ...c, index: i })))('$name', ({ index }) => {
  it('torch reproduces the tfjs outputs and probes within 1e-4', () => {
    const diffs = check(join(root, `case_${index}`));
    // Reported for the record (vitest --reporter=verbose shows it).
    console.info(`case ${index}: max diff ${Math.max(...Object.values(diffs)).toExponential(2)} over ${Object.keys(diffs).length} outputs`);
  });
});

it.each(TEMPLATES.map((t) => ({ id: t.id })))('template $id: torch reproduces tfjs within 1e-4', ({ id }) => {
  check(join(root, `template_${id}`));
});

it("Conv2dSame / Conv1dSame reproduce TensorFlow's asymmetric 'same' padding (stride 2, even kernels)", () => {
  check(join(root, 'padding'));
});
