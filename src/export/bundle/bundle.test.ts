// The trained-model bundle. Its files (model card with credits, manifest with the preprocessing,
// the project, metrics, samples); and, run by plain Node with @tensorflow/tfjs on the extracted
// folder and on the zip, its fusion-model.mjs loads the model and gives the predictions of the
// model that produced it (samples.json: max |Δ| ≤ 1e-5), also from raw inputs (pixels, WAV files,
// texts, table rows) through the bundled preprocessing. Two models: the attention template on real
// AV-Digits, and a low-rank fusion of a table and a text from a CSV import.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph, type CompiledModel } from '../../compile/index.ts';
import { applyParamChanges, fitGraphToDataset, fitModality } from '../../graph/dataset.ts';
import { parseProject, TEMPLATES, type ProjectDocument } from '../../graph/index.ts';
import { edge, graphOf, node as gnode } from '../../graph/testing.ts';
import type { AvDigitsRaw } from '../../data/avdigits/load.ts';
import { wavBytes } from '../../data/avdigits/load.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { bundleFor, exportContext } from '../../train/handlers/export.ts';
import { nodeApis, perturbWeights, type NodeApis } from '../pytorch/testing.ts';
import { BUNDLE_FILES, type BundleManifest, type BundleSamples } from './format.ts';
import { readBundle, restoreCompiled, unzipBundle } from './read.ts';
import { avDigitsSubset, runNode, runRecord, shopDataset, shopRecords, writeRunnable } from './testing.ts';
import { zipFiles, type BundleFiles } from './write.ts';
import type { MetricsReport } from './metrics.ts';

const TOLERANCE = 1e-5;

let sys: NodeApis;
let root = '';
const decode = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

/** The script a user would write: load the folder and the zip, check samples.json, predict raw samples. */
const CHECK_SCRIPT = `
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { load } from './fusion-model.mjs';

const revive = (v) => (v && typeof v === 'object' && '$bytes' in v ? new Uint8Array(Buffer.from(v.$bytes, 'base64')) : v);
const raw = JSON.parse(readFileSync('raw.json', 'utf8')).map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, revive(v)])));
const result = { tfjs: tf.version.tfjs };
for (const [key, source] of [['folder', '.'], ['zip', './bundle.zip']]) {
  const model = await load(source);
  const samples = await model.samples();
  const inputs = Object.fromEntries(Object.entries(samples.inputs).map(([k, a]) => [k, a.dtype === 'int32' ? Int32Array.from(a.data) : Float32Array.from(a.data)]));
  const before = tf.memory().numTensors;
  const outs = await model.run(inputs, samples.count);
  let diff = 0;
  let compared = 0;
  for (const [id, a] of Object.entries(samples.outputs)) {
    const got = outs[id];
    for (let i = 0; i < a.data.length; i++) { diff = Math.max(diff, Math.abs(got[i] - a.data[i])); compared++; }
  }
  const entry = { diff, compared, count: samples.count, backend: tf.getBackend(), leaked: tf.memory().numTensors - before };
  if (key === 'folder') {
    const preds = await model.predictBatch(raw);
    entry.raw = preds.map((p) => ({ label: p.label, probabilities: p.probabilities, heads: Object.fromEntries(Object.entries(p.heads).map(([k, h]) => [k, h.values])) }));
  }
  model.dispose();
  result[key] = entry;
}
writeFileSync('result.json', JSON.stringify(result));
`;

interface CheckResult {
  readonly tfjs: string;
  readonly folder: { diff: number; compared: number; count: number; backend: string; leaked: number; raw: { label: string | null; probabilities: number[] | null; heads: Record<string, number[]> }[] };
  readonly zip: { diff: number; compared: number; count: number; backend: string; leaked: number };
}

interface Case {
  readonly name: string;
  readonly document: ProjectDocument;
  readonly data: DatasetArrays;
  readonly compiled: CompiledModel;
  readonly files: BundleFiles;
  /** Raw samples (JSON-able: bytes as { $bytes: base64 }) and the dataset rows they are. */
  readonly raw: readonly Record<string, unknown>[];
  readonly rows: readonly number[];
  result?: CheckResult;
}

const cases: Case[] = [];

const base64 = (b: Uint8Array): string => {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
};

async function makeCase(name: string, document: ProjectDocument, data: DatasetArrays, seed: number, raw: (row: number) => Record<string, unknown>, rows: readonly number[]): Promise<Case> {
  const compiled = compileGraph(document.graph, { seed, probes: false });
  perturbWeights(compiled.model, seed + 1, 0.05);
  const ctx = exportContext(document, compiled, data);
  const files = await bundleFor(ctx, {
    record: runRecord(document, data.info.id, compiled.paramCount),
    evaluation: { confusion: data.info.classes.map((_, i) => data.info.classes.map((__, j) => (i === j ? 5 : 1))), perClass: data.info.classes.map(() => 0.8) },
    producedBy: 'Fusion Designer (test)',
    predictedOn: 'vitest, tfjs cpu backend',
  });
  return { name, document, data, compiled, files, raw: rows.map(raw), rows };
}

/** The document with its graph fitted to the dataset (inputs' sizes, vocabulary, classes). */
function fitted(doc: ProjectDocument, data: DatasetArrays): ProjectDocument {
  const fit = fitGraphToDataset(doc.graph, data.info.modalities.map(fitModality), data.info.classes.length);
  return { ...doc, graph: applyParamChanges(doc.graph, fit.changes), dataset: { id: data.info.id, bindings: fit.bindings } };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  sys = await nodeApis();
  root = sys.mkdtempSync(sys.join(sys.tmpdir(), 'fd-bundle-'));

  const av: { raw: AvDigitsRaw; data: DatasetArrays } = await avDigitsSubset(sys, 5);
  const attention = TEMPLATES.find((t) => t.id === 'attention');
  if (!attention) throw new Error('no attention template');
  const avRows = [3, 40, 77, 118, 151];
  cases.push(
    await makeCase('attention template on AV-Digits', fitted(attention.build(), av.data), av.data, 11, (r) => ({ image: Array.from(av.raw.images.subarray(r * 784, (r + 1) * 784)), audio: { $bytes: base64(wavBytes(av.raw, r)) } }), avRows),
  );

  const shop = await shopDataset();
  const text = shop.info.modalities.find((m) => m.kind === 'text');
  const table = shop.info.modalities.find((m) => m.kind === 'tabular');
  if (!text || !table) throw new Error('the CSV import gave no text or table');
  const graph = graphOf(
    [
      gnode('t', 'input.tabular', { features: 1 }, 'Shop table'),
      gnode('w', 'input.text', { vocabSize: 2, maxLength: 1 }, 'Review'),
      gnode('m', 'encoder.mlp', { layers: 1, units: 6 }),
      gnode('e', 'encoder.embedding', { dim: 6, pooling: 'mean' }),
      gnode('f', 'fusion.lowRank', { rank: 3, units: 5 }),
      gnode('h', 'head.classify', { classes: 2, hidden: 0 }, 'Bought?'),
    ],
    [edge('e1', 't', 'm'), edge('e2', 'w', 'e'), edge('e3', 'm', 'f'), edge('e4', 'e', 'f'), edge('e5', 'f', 'h')],
  );
  const records = shopRecords();
  const shopDoc = fitted({ ...attention.build(), name: 'Shop reviews', graph }, shop);
  cases.push(await makeCase('low-rank fusion of a CSV table and text', shopDoc, shop, 21, (r) => ({ [table.name]: { age: records[r]?.age ?? null, height: records[r]?.height ?? null, colour: records[r]?.colour }, [text.name]: records[r]?.review }), [0, 1, 3, 4, 9]));

  for (const [i, c] of cases.entries()) {
    const dir = sys.join(root, `case_${i}`);
    writeRunnable(sys, dir, c.files);
    sys.writeFileSync(sys.join(dir, 'bundle.zip'), zipFiles(c.files, 'my-model'));
    sys.writeFileSync(sys.join(dir, 'raw.json'), JSON.stringify(c.raw));
    sys.writeFileSync(sys.join(dir, 'check.mjs'), CHECK_SCRIPT);
    const run = runNode(sys, dir, ['check.mjs']);
    if (run.status !== 0) throw new Error(`node check.mjs failed for ${c.name} (${run.status}): ${run.stderr}`);
    c.result = JSON.parse(decode(sys.readFileSync(sys.join(dir, 'result.json')))) as CheckResult;
  }
}, 180_000);

afterAll(() => {
  for (const c of cases) c.compiled.model.dispose();
  if (root !== '') sys.rmSync(root, { recursive: true, force: true });
});

describe.each([0, 1])('case %i', (index) => {
  const c = (): Case => {
    const x = cases[index];
    if (!x) throw new Error('setup failed');
    return x;
  };

  it('plain Node loads the folder and the zip and reproduces samples.json within 1e-5, without leaking tensors', () => {
    const { result, compiled } = c();
    expect(result?.tfjs).toBe(tf.version.tfjs);
    for (const r of [result?.folder, result?.zip]) {
      expect(r?.count).toBeGreaterThanOrEqual(5);
      expect(r?.compared).toBe((r?.count ?? 0) * compiled.outputs.reduce((a, o) => a + (o.shape[0] ?? 0), 0));
      expect(r?.diff).toBeLessThanOrEqual(TOLERANCE);
      expect(r?.leaked).toBe(0);
    }
    console.info(`${c().name}: max |node − producer| = ${result?.folder.diff.toExponential(2)} over ${result?.folder.compared} values`);
  });

  it('predict() from raw inputs gives what the model gives on the training preprocessing, within 1e-5', () => {
    const { result, compiled, data, rows } = c();
    const ctx = exportContext(c().document, compiled, data);
    const xs = ctx.binding.inputs.map((b) => {
      const values = data.inputs[b.modality] as Float32Array | Int32Array;
      const picked = b.dtype === 'int32' ? new Int32Array(rows.length * b.rowSize) : new Float32Array(rows.length * b.rowSize);
      rows.forEach((r, k) => picked.set(values.subarray(r * b.rowSize, (r + 1) * b.rowSize), k * b.rowSize));
      return tf.tensor(picked, [rows.length, ...b.shape], b.dtype);
    });
    const ys = compiled.model.predict(xs) as tf.Tensor;
    const expected = ys.arraySync() as number[][];
    tf.dispose([...xs, ys]);
    const head = compiled.outputs[0]?.nodeId ?? '';
    let diff = 0;
    rows.forEach((_, k) => {
      const got = result?.folder.raw[k]?.heads[head] ?? [];
      expect(got).toHaveLength(expected[k]?.length ?? -1);
      got.forEach((v, j) => (diff = Math.max(diff, Math.abs(v - (expected[k]?.[j] ?? Number.NaN)))));
    });
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
    // Labels are class names and the probabilities sum to 1.
    for (const p of result?.folder.raw ?? []) {
      expect(data.info.classes).toContain(p.label);
      expect((p.probabilities ?? []).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it('the zip round-trips, and the weights go back into the project’s compiled graph exactly', async () => {
    const { files, compiled } = c();
    const back = unzipBundle(zipFiles(files, 'nested/folder'));
    expect([...back.keys()].sort()).toEqual([...files.keys()].sort());
    const bundle = readBundle(back);
    const restored = await restoreCompiled(bundle);
    try {
      const samples = bundle.samples as BundleSamples;
      const xs = compiled.inputs.map((m) => {
        const a = samples.inputs[m.name];
        if (!a) throw new Error(`no sample input ${m.name}`);
        return tf.tensor(a.data as number[], a.shape as number[], a.dtype);
      });
      const [a, b] = [compiled.model.predict(xs) as tf.Tensor, restored.model.predict(xs) as tf.Tensor];
      expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBe(0);
      tf.dispose([...xs, a, b]);
    } finally {
      restored.model.dispose();
    }
  });
});

describe('the files of the AV-Digits bundle', () => {
  const files = (): BundleFiles => (cases[0] as Case).files;
  const json = <T,>(name: string): T => JSON.parse(decode(files().get(name))) as T;

  it('has the model, the runtime, the manifest, the project, metrics, samples and the model card', () => {
    expect([...files().keys()].sort()).toEqual(Object.values(BUNDLE_FILES).sort());
    const modelJson = json<{ format: string; weightsManifest: { paths: string[] }[]; modelTopology: unknown }>(BUNDLE_FILES.modelJson);
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0]?.paths).toEqual([BUNDLE_FILES.weights]);
    expect(JSON.stringify(modelJson.modelTopology)).toContain('FusionModalityAttention');
    const runtime = decode(files().get(BUNDLE_FILES.runtime));
    const imports = [...runtime.matchAll(/^\s*import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(imports).toEqual(['@tensorflow/tfjs']);
  });

  it('the manifest and the project record the preprocessing: spectrogram settings and training statistics', () => {
    const manifest = json<BundleManifest>(BUNDLE_FILES.manifest);
    const av = (cases[0] as Case).data;
    expect(manifest.inputs.map((i) => [i.modality, i.kind, i.shape])).toEqual([
      ['image', 'image', [28, 28, 1]],
      ['audio', 'audio', [61, 129]],
    ]);
    const audio = av.info.modalities.find((m) => m.name === 'audio');
    expect(manifest.inputs[1]?.preprocessing).toEqual(audio?.preprocessing);
    expect(manifest.outputs).toEqual([expect.objectContaining({ nodeId: 'n6', label: 'Digit', decision: 'softmax', classes: av.info.classes })]);
    expect(manifest.dataset.credits.join(' ')).toMatch(/MNIST.*CC BY-SA 3\.0.*FSDD.*CC BY-SA 4\.0/);
    const parsed = parseProject(decode(files().get(BUNDLE_FILES.project)));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.document.dataset?.preprocessing?.['audio']).toEqual(audio?.preprocessing);
    expect(parsed.document.dataset?.bindings).toEqual({ n1: 'image', n2: 'audio' });
    expect(parsed.document.graph).toEqual((cases[0] as Case).document.graph);
  });

  it('metrics.json has the run, validation and test metrics, the confusion matrix and the curves', () => {
    const m = json<MetricsReport>(BUNDLE_FILES.metrics);
    expect(m.validation?.accuracy).toBe(0.85);
    expect(m.test?.accuracy).toBe(0.8);
    expect(m.confusion?.matrix).toHaveLength(10);
    expect(m.confusion?.classes).toEqual((cases[0] as Case).data.info.classes);
    expect(m.history.map((h) => h.valAcc)).toEqual([0.7, 0.85]);
    expect(m.dataset.splits.train).toBeGreaterThan(0);
    expect(m.run.startedAt).toBe('2025-01-02T10:00:00.000Z');
  });

  it('the model card names the modalities, shapes, preprocessing, metrics and the dataset credits', () => {
    const card = decode(files().get(BUNDLE_FILES.card));
    expect(card).toContain('# Attention fusion: image \\+ audio digits');
    expect(card).toMatch(/\| `image` \| Digit image \| image \| \[batch, 28, 28, 1\] float32 \| 28×28×1 pixels \(HWC\), value = pixel \/ 255/);
    expect(card).toMatch(/\| `audio` \|.*\[batch, 61, 129\] float32 \| mono waveform at 8,000 Hz.*Hann window of 256 samples every 128 \(FFT 256\) → 61×129; standardised with the training split's mean -?\d+\.\d+ and standard deviation \d+\.\d+ \|$/m);
    // Every table row has its 5 cells (no unescaped "|" inside a cell).
    for (const line of card.split('\n').filter((l) => l.startsWith('| `'))) expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(7);
    expect(card).toMatch(/\| validation \| 40 \| 85\.0% \| 0\.5200 \|/);
    expect(card).toMatch(/MNIST handwritten digits.*CC BY\\-SA 3\\\.0/);
    expect(card).toMatch(/Free Spoken Digit Dataset.*CC BY\\-SA 4\\\.0/);
    expect(card).toContain("import { load } from './fusion-model.mjs';");
  });
});
