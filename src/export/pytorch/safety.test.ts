// Generated code is safe: labels, ids and project names a user typed cannot inject code. With
// hostile text everywhere, model.py and train.py still parse, and their token structure is exactly
// that of the same graph with plain labels (user text changes only identifier spellings and the
// contents of string literals and comments). The hostile export also runs and matches tfjs (see
// equivalence.test.ts, which fails if "pwned" is ever printed). Needs /usr/bin/python3.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileGraph } from '../../compile/index.ts';
import { pyStr } from '../python.ts';
import { HOSTILE_LABEL_GROUPS, HOSTILE_LABELS, hostileCase, type ExportCase } from './cases.testing.ts';
import { generatePytorch } from './generate.ts';
import { checkScript, docOf, nodeApis, requireTorch, runPython, type NodeApis } from './testing.ts';

let node: NodeApis;
let root = '';
const join = (...parts: string[]): string => node.join(...parts);

beforeAll(async () => {
  await tf.setBackend('cpu');
  node = await nodeApis();
  requireTorch(node);
  root = node.mkdtempSync(join(node.tmpdir(), 'fd-pytorch-safety-'));
});

afterAll(() => {
  if (root !== '') node.rmSync(root, { recursive: true, force: true });
});

function generate(c: ExportCase): ReturnType<typeof generatePytorch> {
  const compiled = compileGraph(c.graph, { seed: 1 });
  try {
    return generatePytorch(docOf(c.graph, c.projectName), compiled);
  } finally {
    compiled.model.dispose();
  }
}

interface Skeleton {
  readonly tokens: readonly string[];
  readonly names: readonly string[];
}

it('hostile labels, ids and project names change no token of model.py or train.py', () => {
  const plain = generate(hostileCase(null));
  const files: string[] = [];
  const write = (name: string, text: string): string => {
    const f = join(root, name);
    node.writeFileSync(f, text);
    files.push(f);
    return f;
  };
  write('plain_model.py', plain['model.py']);
  write('plain_train.py', plain['train.py']);
  HOSTILE_LABEL_GROUPS.forEach((labels, g) => {
    const hostile = generate(hostileCase(labels));
    write(`hostile_${g}_model.py`, hostile['model.py']);
    write(`hostile_${g}_train.py`, hostile['train.py']);
    // README: one line per plain line (no label breaks a line or a table), no raw HTML.
    expect(hostile['README.md'].split('\n')).toHaveLength(plain['README.md'].split('\n').length);
    const angles = (t: string): number => t.split('<').length;
    expect(angles(hostile['README.md'])).toBe(angles(plain['README.md']));
    // The payloads appear only inside string literals / comments, never as code.
    expect(hostile['model.py']).not.toMatch(/^\s*(import os|__import__|os\.system)/m);
  });

  const run = runPython(node, [checkScript(node), 'skeleton', ...files]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const skeletons = JSON.parse(run.stdout) as Record<string, Skeleton>;
  const plainModel = skeletons[join(root, 'plain_model.py')];
  const plainTrain = skeletons[join(root, 'plain_train.py')];
  expect(plainModel?.tokens.length).toBeGreaterThan(500);
  HOSTILE_LABEL_GROUPS.forEach((_, g) => {
    const model = skeletons[join(root, `hostile_${g}_model.py`)];
    const train = skeletons[join(root, `hostile_${g}_train.py`)];
    expect(model?.tokens, `group ${g}: model.py`).toEqual(plainModel?.tokens);
    expect(train?.tokens, `group ${g}: train.py`).toEqual(plainTrain?.tokens);
    // Every name the hostile code uses that the plain code does not is a sanitised identifier.
    const extra = (model?.names ?? []).filter((n) => !(plainModel?.names ?? []).includes(n));
    for (const n of extra) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(extra).not.toContain('system');
    expect(extra).not.toContain('__import__');
  });
});

it('every string literal the generator writes evaluates back to the text (Python literal_eval)', () => {
  const texts = [...HOSTILE_LABELS, "'''", '"', "\\'", 'tab\there', '\u0085\u00a0\u00ad', '\ud83d', '\udc00x', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'e\u0301', '\u061c\u200f\u2066'];
  const file = join(root, 'literals.json');
  node.writeFileSync(file, JSON.stringify(texts.map((t) => [t, pyStr(t)])));
  const run = runPython(node, [checkScript(node), 'literals', file]);
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as { checked: number; bad: unknown[] };
  expect(result.bad).toEqual([]);
  expect(result.checked).toBe(texts.length);
});
