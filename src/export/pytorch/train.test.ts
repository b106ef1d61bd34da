// The exported train.py trains on the exported dataset.npz: one process on CPU, and two processes
// with `torchrun --nproc_per_node=2` (DistributedDataParallel over gloo). Rank 0 alone logs and
// writes the checkpoint. Needs Debian's python3-torch (/usr/bin/python3): without it this FAILS.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileGraph, type CompiledModel } from '../../compile/index.ts';
import { randomInputs } from '../../compile/testing.ts';
import { edge, graphOf, node } from '../../graph/testing.ts';
import { mulberry32 } from '../../compile/seed.ts';
import { pytorchDatasetNpz } from './samples.ts';
import { docOf, nodeApis, requireTorch, runPython, writeExport, type NodeApis } from './testing.ts';

const graph = graphOf(
  [
    node('tab', 'input.tabular', { features: 4 }, 'Table'),
    node('txt', 'input.text', { vocabSize: 9, maxLength: 5 }, 'Words'),
    node('img', 'input.image', { height: 6, width: 6, channels: 1 }, 'Picture'),
    node('mlp', 'encoder.mlp', { layers: 1, units: 4 }),
    node('emb', 'encoder.embedding', { dim: 4, pooling: 'mean' }),
    node('cnn', 'encoder.cnn2d', { blocks: 1, filters: 2, kernelSize: 3, units: 4 }),
    node('att', 'fusion.modalityAttention', { units: 4 }),
    node('cls', 'head.classify', { classes: 3 }, 'Class'),
    node('ml', 'head.multilabel', { labels: 3 }, 'Tags'),
    node('reg', 'head.regress', { targets: 1 }, 'Index'),
  ],
  [
    edge('e1', 'tab', 'mlp'),
    edge('e2', 'txt', 'emb'),
    edge('e3', 'img', 'cnn'),
    edge('e4', 'mlp', 'att'),
    edge('e5', 'emb', 'att'),
    edge('e6', 'cnn', 'att'),
    edge('e7', 'att', 'cls'),
    edge('e8', 'att', 'ml'),
    edge('e9', 'att', 'reg'),
  ],
);

const N = 48;
let sys: NodeApis;
let dir = '';
const join = (...parts: string[]): string => sys.join(...parts);
let compiled: CompiledModel | null = null;

beforeAll(async () => {
  await tf.setBackend('cpu');
  sys = await nodeApis();
  requireTorch(sys);
  dir = sys.mkdtempSync(join(sys.tmpdir(), 'fd-pytorch-train-'));
  compiled = compileGraph(graph, { seed: 3 });
  const doc = docOf(graph, 'train test');
  const sample = randomInputs(compiled, graph, 4, 1);
  writeExport(sys, dir, doc, compiled, sample);
  tf.dispose(sample);
  const xs = randomInputs(compiled, graph, N, 2);
  const rand = mulberry32(5);
  const dataset = {
    inputs: xs.map((x) => (x.dtype === 'int32' ? Int32Array.from(x.dataSync()) : Float32Array.from(x.dataSync()))),
    labels: Int32Array.from({ length: N }, () => Math.floor(rand() * 3)),
    split: Uint8Array.from({ length: N }, (_, i) => (i < 36 ? 0 : i < 44 ? 1 : 2)),
  };
  tf.dispose(xs);
  sys.writeFileSync(join(dir, 'dataset.npz'), pytorchDatasetNpz(doc, compiled, dataset));
}, 60_000);

afterAll(() => {
  compiled?.model.dispose();
  if (dir !== '') sys.rmSync(dir, { recursive: true, force: true });
});

it('train.py runs one epoch on one CPU process', () => {
  const run = runPython(sys, ['train.py', '--data', 'dataset.npz', '--epochs', '1', '--batch-size', '8', '--cpu', '--out', 'single'], { cwd: dir });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain('started from');
  expect(run.stdout).toMatch(/36 train \/ 8 validation samples, 1 process\(es\) on cpu/);
  // Heads are named after their labels ("Class" is a builtin-like name: class_).
  expect(run.stdout).toMatch(/epoch 1\/1 {2}loss \d+\.\d+ {2}class_: val loss \d+\.\d+ acc \d\.\d+ {2}tags: val loss \d+\.\d+ {2}index: val loss/);
  expect(sys.existsSync(join(dir, 'single', 'checkpoint.pt'))).toBe(true);
});

/**
 * torchrun in PyTorch 1.13 under Python 3.11 (Debian 12's python3-torch) dies before starting any
 * worker with "AttributeError: 'NoneType' object has no attribute 'get'": its --redirects / --tee
 * parsing iterates an IntFlag, which no longer yields the zero member in Python 3.11 (fixed in later
 * PyTorch releases). Any valid non-zero setting avoids it; "--redirects 2 --tee 2" (stderr to a log file,
 * echoed back) changes nothing else. The README tells users the same.
 */
const TORCHRUN_BUG = "'NoneType' object has no attribute 'get'";

it('torchrun --nproc_per_node=2 train.py runs one epoch with DistributedDataParallel (gloo)', () => {
  const launch = (workaround: string[]) =>
    runPython(
      sys,
      ['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node=2', ...workaround, 'train.py', '--data', 'dataset.npz', '--epochs', '1', '--batch-size', '8', '--cpu', '--out', 'ddp'],
      { cwd: dir, timeoutMs: 150_000 },
    );
  let run = launch([]);
  const workaround = run.status !== 0 && run.stderr.includes(TORCHRUN_BUG) ? ['--redirects', '2', '--tee', '2'] : [];
  if (run.status !== 0) run = launch(workaround);
  // One more try on a loaded 2-core machine: the standalone rendezvous failed once in a full
  // parallel test run (and passed alone). Both attempts' output is in the assertion message.
  if (run.status !== 0) run = launch(workaround);
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toMatch(/36 train \/ 8 validation samples, 2 process\(es\) on cpu/);
  // Rank 0 alone logs.
  expect(run.stdout.match(/epoch 1\/1/g)).toHaveLength(1);
  expect(sys.existsSync(join(dir, 'ddp', 'checkpoint.pt'))).toBe(true);
}, 160_000);
