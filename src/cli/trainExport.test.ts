// fusion-designer train and export. In-process (main() with the real file system): a tabular + text
// project on the synthetic "mixed" dataset trains on cpu, the bundle it writes loads in plain Node
// and reproduces its samples, and its PyTorch export (with dataset.npz) agrees with tfjs in
// PyTorch. Through the real launcher: the AV-Digits example project trains one epoch on the
// default backend (wasm) and exports. Bad input: the app's diagnostics and conventional exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyParamChanges, fitGraphToDataset } from '../graph/dataset.ts';
import { exampleProject, newProject, serializeProject, DEFAULT_TRAINING, type ProjectDocument } from '../graph/index.ts';
import { edge, graphOf, node as gnode } from '../graph/testing.ts';
import { datasetsCatalogue } from '../data/catalogue.ts';
import { BUNDLE_FILES } from '../export/bundle/format.ts';
import { linkNodeModules, runNode } from '../export/bundle/testing.ts';
import { nodeApis, requireTorch, runPython, type NodeApis } from '../export/pytorch/testing.ts';
import { nodeCliFiles, type CliFiles } from './files.ts';
import { captureCli, type CliRun } from './testing.ts';
import { formatReport, validateText } from './validate.ts';

let sys: NodeApis;
let files: CliFiles;
let root = '';
const join = (...p: string[]): string => sys.join(...p);
const text = (path: string): string => new TextDecoder().decode(sys.readFileSync(path));

function cli(argv: string[]): Promise<CliRun> {
  return captureCli(argv, async (path) => {
    if (!sys.existsSync(path)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text(path);
  }, files);
}

/** Readings (table) and notes (text) of synthetic.mixed → MLP / embedding → gated fusion → classifier. */
function mixedProject(): ProjectDocument {
  const d = datasetsCatalogue().find((x) => x.id === 'synthetic.mixed');
  if (!d) throw new Error('no synthetic.mixed');
  const graph = graphOf(
    [
      gnode('t', 'input.tabular', { features: 1 }, 'Readings'),
      gnode('w', 'input.text', { vocabSize: 2, maxLength: 1 }, 'Note'),
      gnode('m', 'encoder.mlp', { layers: 1, units: 16 }),
      gnode('e', 'encoder.embedding', { dim: 16, pooling: 'mean' }),
      gnode('g', 'fusion.gated', { units: 16 }),
      gnode('h', 'head.classify', { classes: 2, hidden: 16 }, 'Machine state'),
    ],
    [edge('e1', 't', 'm'), edge('e2', 'w', 'e'), edge('e3', 'm', 'g'), edge('e4', 'e', 'g'), edge('e5', 'g', 'h')],
  );
  const fit = fitGraphToDataset(graph, d.modalities, d.classes.length);
  return {
    ...newProject('Machine notes'),
    graph: applyParamChanges(graph, fit.changes),
    dataset: { id: d.id, options: { samples: 600, noise: 0.1 }, bindings: fit.bindings },
    training: { ...DEFAULT_TRAINING, epochs: 5, batchSize: 32, learningRate: 0.01 },
  };
}

/** The example with the head's classes set to 0 (FD002). */
function broken(): ProjectDocument {
  const doc = exampleProject();
  return { ...doc, graph: { ...doc.graph, nodes: doc.graph.nodes.map((n) => (n.id === 'n6' ? { ...n, params: { ...n.params, classes: 0 } } : n)) } };
}

const LOAD_AND_CHECK = `
import { writeFileSync } from 'node:fs';
import { load } from './fusion-model.mjs';
const model = await load(process.argv[2]);
const s = await model.samples();
const inputs = Object.fromEntries(Object.entries(s.inputs).map(([k, a]) => [k, a.dtype === 'int32' ? Int32Array.from(a.data) : Float32Array.from(a.data)]));
const outs = await model.run(inputs, s.count);
let diff = 0;
for (const [id, a] of Object.entries(s.outputs)) a.data.forEach((v, i) => (diff = Math.max(diff, Math.abs(outs[id][i] - v))));
writeFileSync('check.json', JSON.stringify({ diff, count: s.count, inputs: model.inputs.map((i) => i.modality) }));
`;

beforeAll(async () => {
  sys = await nodeApis();
  files = await nodeCliFiles(new URL('../../', import.meta.url));
  root = sys.mkdtempSync(join(sys.tmpdir(), 'fd-cli-'));
  sys.writeFileSync(join(root, 'mixed.fusion.json'), serializeProject(mixedProject()));
  sys.writeFileSync(join(root, 'broken.fusion.json'), serializeProject(broken()));
  sys.writeFileSync(join(root, 'example.fusion.json'), serializeProject(exampleProject()));
  sys.writeFileSync(join(root, 'nodata.fusion.json'), serializeProject({ ...exampleProject(), dataset: null }));
});

afterAll(() => {
  if (root !== '') sys.rmSync(root, { recursive: true, force: true });
});

describe('train and export in-process', () => {
  let trained: CliRun;
  beforeAll(async () => {
    trained = await cli(['train', join(root, 'mixed.fusion.json'), '--out', join(root, 'bundle'), '--epochs', '3', '--backend', 'cpu']);
  }, 120_000);

  it('train: progress on stderr, a summary on stdout, exit 0, the bundle in --out', () => {
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stderr).toMatch(/Training "Machine notes" on Mixed: .* with the tfjs cpu backend: \d+ train \/ \d+ validation \/ \d+ test samples/);
    // --epochs overrides the project's 5.
    expect(trained.stderr).toMatch(/epoch 1\/3 {2}loss \d\.\d{4} {2}acc \d\.\d{3} {2}val loss \d\.\d{4} {2}val acc \d\.\d{3}/);
    expect(trained.stderr).toContain('epoch 3/3');
    expect(trained.stderr).not.toContain('epoch 4/');
    expect(trained.stdout).toMatch(new RegExp(`^Wrote the model bundle to ${join(root, 'bundle').replace(/[/.]/g, '\\$&')} \\(8 files\\): validation accuracy 0\\.\\d{3}, test accuracy 0\\.\\d{3}, 3 epochs at [\\d.]+ s each on cpu\\.\\n$`));
    const acc = Number(/validation accuracy (0\.\d+)/.exec(trained.stdout)?.[1]);
    expect(acc).toBeGreaterThan(0.4); // four classes: chance is 0.25
    for (const f of Object.values(BUNDLE_FILES)) expect(sys.existsSync(join(root, 'bundle', f)), f).toBe(true);
    const metrics = JSON.parse(text(join(root, 'bundle', BUNDLE_FILES.metrics))) as { run: { epochs: number; backend: string }; training: { epochs: number } };
    expect(metrics.run).toMatchObject({ epochs: 3, backend: 'cpu' });
    expect(metrics.training.epochs).toBe(3);
  });

  it('the bundle it wrote loads in plain Node and reproduces its samples', () => {
    const dir = join(root, 'bundle');
    sys.writeFileSync(join(dir, 'check.mjs'), LOAD_AND_CHECK);
    linkNodeModules(sys, dir);
    const run = runNode(sys, dir, ['check.mjs', '.']);
    expect(run.status, run.stderr).toBe(0);
    const r = JSON.parse(text(join(dir, 'check.json'))) as { diff: number; count: number; inputs: string[] };
    expect(r.inputs).toEqual(['readings', 'note']);
    expect(r.count).toBe(8);
    expect(r.diff).toBeLessThanOrEqual(1e-5);
  });

  it('export --format tfjs writes the model and what loads it', async () => {
    const r = await cli(['export', join(root, 'bundle'), '--format', 'tfjs', '--out', join(root, 'tfjs')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Wrote the TensorFlow.js model to ${join(root, 'tfjs')}: model.json, fusion-model.mjs, fusion-bundle.json, samples.json, README.md, weights.bin.\n`);
    expect(sys.readFileSync(join(root, 'tfjs', 'weights.bin'))).toEqual(sys.readFileSync(join(root, 'bundle', 'weights.bin')));
  });

  it('export --format pytorch (from the folder) writes code, weights, the sample batch and dataset.npz; PyTorch agrees with tfjs', async () => {
    requireTorch(sys);
    const r = await cli(['export', join(root, 'bundle'), '--format', 'pytorch', '--out', join(root, 'pt')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('README.md, model.py, train.py, weights.npz, sample_batch.npz, dataset.npz, DATASET.md, project.fusion.json');
    const check = runPython(sys, ['model.py', '--weights', 'weights.npz', '--check', 'sample_batch.npz'], { cwd: join(root, 'pt') });
    expect(check.status, check.stderr + check.stdout).toBe(0);
    expect(check.stdout).toMatch(/machine_state\s+max \|torch - tfjs\| = [\d.e+-]+\nOK/);
    const train = runPython(sys, ['train.py', '--epochs', '1', '--cpu', '--out', 'ckpt'], { cwd: join(root, 'pt') });
    expect(train.status, train.stderr).toBe(0);
    expect(train.stdout).toMatch(/\d+ train \/ \d+ validation samples, 1 process\(es\) on cpu/);
  }, 120_000);

  it('export from a zip of the bundle, --no-dataset leaves dataset.npz out', async () => {
    const { zipFiles } = await import('../export/bundle/write.ts');
    const names = Object.values(BUNDLE_FILES);
    const bundleFiles = new Map(names.map((n) => [n, sys.readFileSync(join(root, 'bundle', n))]));
    sys.writeFileSync(join(root, 'bundle.zip'), zipFiles(bundleFiles, 'machine-notes'));
    const r = await cli(['export', join(root, 'bundle.zip'), '--format=pytorch', '--out', join(root, 'pt2'), '--no-dataset']);
    expect(r.code, r.stderr).toBe(0);
    expect(sys.existsSync(join(root, 'pt2', 'model.py'))).toBe(true);
    expect(sys.existsSync(join(root, 'pt2', 'dataset.npz'))).toBe(false);
  });

  it('a bundle whose model.json names a weights file outside the bundle (../) is refused: nothing is read or written outside', async () => {
    const { zipFiles } = await import('../export/bundle/write.ts');
    const names = Object.values(BUNDLE_FILES).filter((n) => n !== BUNDLE_FILES.modelJson && n !== BUNDLE_FILES.weights);
    const modelJson = JSON.parse(text(join(root, 'bundle', BUNDLE_FILES.modelJson))) as { weightsManifest: { paths: string[] }[] };
    for (const g of modelJson.weightsManifest) g.paths = g.paths.map(() => '../escaped.bin');
    const hostile = new Map<string, Uint8Array>(names.map((n) => [n, sys.readFileSync(join(root, 'bundle', n))]));
    hostile.set(BUNDLE_FILES.modelJson, new TextEncoder().encode(JSON.stringify(modelJson)));
    hostile.set('../escaped.bin', sys.readFileSync(join(root, 'bundle', BUNDLE_FILES.weights)));
    sys.writeFileSync(join(root, 'hostile.zip'), zipFiles(hostile, 'h'));
    const r = await cli(['export', join(root, 'hostile.zip'), '--format', 'tfjs', '--out', join(root, 'slip', 'out')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('names the weights file "../escaped.bin", which is not a file inside the bundle');
    expect(sys.existsSync(join(root, 'slip', 'escaped.bin'))).toBe(false);
    // The same from a folder: the file next to the folder is not read.
    const dir = join(root, 'hostile-dir');
    sys.mkdirSync(dir, { recursive: true });
    for (const [n, bytes] of hostile) if (!n.startsWith('../')) sys.writeFileSync(join(dir, n), bytes);
    sys.writeFileSync(join(root, 'escaped.bin'), sys.readFileSync(join(root, 'bundle', BUNDLE_FILES.weights)));
    const f = await cli(['export', dir, '--format', 'tfjs', '--out', join(root, 'slip2', 'out')]);
    expect(f.code, f.stderr).toBe(1);
    expect(f.stderr).toContain('names the weights file "../escaped.bin", which is not a file inside the bundle');
    expect(sys.existsSync(join(root, 'slip2', 'escaped.bin'))).toBe(false);
  });

  it('export --format keras writes model.py (it compiles), the weights, the sample batch and dataset.npz', async () => {
    const r = await cli(['export', join(root, 'bundle'), '--format', 'keras', '--out', join(root, 'keras')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Wrote the Keras export to ${join(root, 'keras')}: README.md, model.py, weights.npz, sample_batch.npz, dataset.npz, DATASET.md, project.fusion.json.\n`);
    const compiles = runPython(sys, ['-m', 'py_compile', 'model.py'], { cwd: join(root, 'keras') });
    expect(compiles.status, compiles.stderr).toBe(0);
    expect(text(join(root, 'keras', 'model.py'))).toMatch(/= FusionGated\(16, return_weights=False, name='g__\w+'\)\(\[m_\w+, e_\w+\]\)/);
  });
});

describe('bad input', () => {
  it('a project with errors: the diagnostics of validate on stderr, exit 1, nothing written', async () => {
    const file = join(root, 'broken.fusion.json');
    const r = await cli(['train', file, '--out', join(root, 'never')]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: formatReport(file, validateText(text(file))) });
    expect(r.stderr).toContain('error   FD002 n6: Classifier "Digit" (n6): Classes must be a whole number between 2 and 1000; got 0.');
    expect(sys.existsSync(join(root, 'never'))).toBe(false);
  });

  it('a project without a dataset, or not a project at all: exit 1 with what to do', async () => {
    const r = await cli(['train', join(root, 'nodata.fusion.json'), '--out', join(root, 'never')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has no dataset. Choose one');
    sys.writeFileSync(join(root, 'x.json'), '{"format": "excalidraw"}');
    const x = await cli(['train', join(root, 'x.json'), '--out', join(root, 'never')]);
    expect(x.code).toBe(1);
    expect(x.stderr).toContain('not a valid project');
  });

  it('usage problems: exit 2 with the problem and the usage on stderr', async () => {
    const p = join(root, 'mixed.fusion.json');
    for (const [argv, message] of [
      [['train'], '"train" needs a project file'],
      [['train', p], '"train" needs --out <dir>'],
      [['train', p, '--out'], '--out needs a value.'],
      [['train', p, '--out', 'x', '--epochs', '0'], '--epochs must be a whole number from 1 to 1000 (got 0).'],
      [['train', p, '--out', 'x', '--backend', 'gpu'], '--backend must be cpu or wasm (got gpu).'],
      [['train', p, '--out', 'x', '--fast'], 'unknown option --fast for "train".'],
      [['export', join(root, 'bundle')], '"export" needs --format tfjs|pytorch|keras.'],
      [['export', join(root, 'bundle'), '--format', 'onnx', '--out', 'x'], '"export" needs --format tfjs|pytorch|keras (got onnx).'],
    ] as const) {
      const r = await cli([...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.startsWith(`fusion-designer: ${message}`), `${argv.join(' ')}: ${r.stderr}`).toBe(true);
      expect(r.stderr).toContain('Usage:');
    }
    const missing = await cli(['train', join(root, 'nope.json'), '--out', 'x']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: `fusion-designer: cannot read ${join(root, 'nope.json')}: no such file.\n` });
  });

  it('--out that is a file: exit 2 saying so before any training or writing (not a stack trace)', async () => {
    const file = join(root, 'a-file');
    sys.writeFileSync(file, 'x');
    const message = `fusion-designer: --out ${file} is a file, not a folder: give a folder to write into.`;
    const t = await cli(['train', join(root, 'mixed.fusion.json'), '--out', file, '--backend', 'cpu']);
    expect(t.code, t.stderr).toBe(2);
    expect(t.stderr.startsWith(message), t.stderr).toBe(true);
    expect(t.stderr).not.toContain('Training');
    for (const format of ['tfjs', 'keras']) {
      const e = await cli(['export', join(root, 'bundle'), '--format', format, '--out', join(file, 'below'), '--no-dataset']);
      expect(e.code, e.stderr).toBe(2);
      expect(e.stderr.startsWith(`fusion-designer: --out ${join(file, 'below')} is below a file, not a folder: give a folder to write into.`), e.stderr).toBe(true);
    }
  });

  it('export of something that is not a bundle: exit 1 naming what is missing', async () => {
    sys.mkdirSync(join(root, 'empty'), { recursive: true });
    const r = await cli(['export', join(root, 'empty'), '--format', 'pytorch', '--out', join(root, 'o')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has no fusion-bundle.json: it is not a Fusion Designer model bundle');
    const notZip = await cli(['export', join(root, 'mixed.fusion.json'), '--format', 'tfjs', '--out', join(root, 'o')]);
    expect(notZip.code).toBe(1);
    expect(notZip.stderr).toContain('is not a readable zip');
  });
});

describe('the launcher', () => {
  it('trains the AV-Digits example for one epoch on the default backend (wasm) and exports PyTorch code', () => {
    const bin = sys.fileURLToPath(new URL('../../bin/fusion-designer.mjs', import.meta.url));
    const train = runNode(sys, root, [bin, 'train', 'example.fusion.json', '--out', 'av', '--epochs', '1'], 170_000);
    expect(train.status, train.stderr).toBe(0);
    expect(train.stderr).toContain('Computing spectrograms (STFT)');
    expect(train.stderr).toMatch(/with the tfjs wasm backend: 2250 train \/ 250 validation \/ 500 test samples/);
    expect(train.stdout).toMatch(/^Wrote the model bundle to av \(8 files\): validation accuracy 0\.\d{3}, test accuracy 0\.\d{3}, 1 epoch at [\d.]+ s each on wasm\.\n$/);
    const card = text(join(root, 'av', 'README.md'));
    expect(card).toContain('MNIST handwritten digits');
    const exp = runNode(sys, root, [bin, 'export', 'av', '--format', 'pytorch', '--out', 'av-pt', '--no-dataset'], 60_000);
    expect(exp.status, exp.stderr).toBe(0);
    expect(sys.existsSync(join(root, 'av-pt', 'model.py'))).toBe(true);
  }, 200_000);
});
