// A person trains a template in the app and takes the model elsewhere: the Export menu (disabled
// until a run has finished) downloads the model bundle, the PyTorch code and the Keras code. The bundle, unzipped
// and loaded by plain Node with @tensorflow/tfjs, gives the browser's predictions for the same
// inputs; the PyTorch code, run with Debian's torch, agrees with the browser too.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test } from './fixtures/designer.ts';
import { Exporter, run, unzipTo } from './fixtures/exporter.ts';

/** What a person would write after reading the model card: load the folder, predict the samples. */
const CHECK = `
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { load } from './fusion-model.mjs';
const model = await load('.');
const s = await model.samples();
const inputs = Object.fromEntries(Object.entries(s.inputs).map(([k, a]) => [k, a.dtype === 'int32' ? Int32Array.from(a.data) : Float32Array.from(a.data)]));
const outs = await model.run(inputs, s.count);
let diff = 0;
let values = 0;
for (const [id, a] of Object.entries(s.outputs)) a.data.forEach((v, i) => { diff = Math.max(diff, Math.abs(outs[id][i] - v)); values++; });
const head = model.outputs[0];
const k = head.shape[0];
const labels = Array.from({ length: s.count }, (_, r) => { const row = Array.from(outs[head.nodeId].subarray(r * k, (r + 1) * k)); return head.classes[row.indexOf(Math.max(...row))]; });
writeFileSync('check.json', JSON.stringify({ diff, values, count: s.count, predictedOn: s.predictedOn, labels, backend: tf.getBackend() }));
`;

test('trains the attention template on AV-Digits, downloads the bundle, the PyTorch and the Keras code; Node and PyTorch give the browser’s predictions', async ({ designer: d }, testInfo) => {
  test.setTimeout(480_000);
  const ex = new Exporter(d.page, testInfo);
  await d.open();
  await d.loadTemplate('attention');
  await expect(ex.button).toBeDisabled();
  await expect(ex.button).toHaveAttribute('title', /^Train a model first/);

  await d.chooseDataset('avdigits', 120_000);
  await d.setTraining({ epochs: 3, batchSize: 32, learningRate: 0.003 });
  await d.page.getByTestId('train.backend').selectOption('wasm');
  await d.trainButton.click();
  await d.waitForRunPhase('done', 300_000);
  const valAcc = await d.validationAccuracy();
  expect(valAcc).toBeGreaterThan(0.25); // ten digits: chance is 0.1

  // The bundle.
  await ex.openMenu();
  await expect(ex.menu).toContainText(`validation accuracy ${(100 * valAcc).toFixed(1)}%`);
  await d.screenshot('export-menu');
  const bundleZip = await ex.download('bundle');
  expect(basename(bundleZip)).toBe('attention-fusion-image-audio-digits-bundle.zip');
  await expect(d.page.getByText(/^Downloaded attention-fusion-image-audio-digits-bundle\.zip \([\d.]+ MB, 8 files\)\.$/)).toBeVisible();
  await d.screenshot('export-bundle-downloaded');
  const dir = testInfo.outputPath('bundle');
  const files = unzipTo(readFileSync(bundleZip), dir);
  expect(files).toEqual(['README.md', 'fusion-bundle.json', 'fusion-model.mjs', 'metrics.json', 'model.json', 'project.fusion.json', 'samples.json', 'weights.bin']);

  // Plain Node loads it (the test folder is inside the project, so @tensorflow/tfjs resolves as in a user's project).
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'check.mjs'), CHECK);
  const node = run(process.execPath, ['check.mjs'], dir);
  expect(node.status, node.stderr).toBe(0);
  const check = JSON.parse(readFileSync(join(dir, 'check.json'), 'utf8')) as { diff: number; values: number; count: number; predictedOn: string; labels: string[]; backend: string };
  expect(check.predictedOn).toMatch(/^browser worker, tfjs \w+ backend$/);
  expect(check.count).toBe(8);
  expect(check.values).toBe(80);
  expect(check.diff).toBeLessThanOrEqual(1e-5);
  test.info().annotations.push({ type: 'bundle in Node', description: `max |node − browser| = ${check.diff} over ${check.values} logits (${check.predictedOn}; Node on ${check.backend}); labels ${check.labels.join(' ')}` });

  // What the bundle says about itself matches the page.
  const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as { validation: { accuracy: number }; run: { epochs: number; backend: string } };
  expect(metrics.validation.accuracy).toBeCloseTo(valAcc, 3);
  expect(metrics.run).toMatchObject({ epochs: 3, backend: 'wasm' });
  const card = readFileSync(join(dir, 'README.md'), 'utf8');
  expect(card).toContain('MNIST handwritten digits');
  expect(card).toContain('Free Spoken Digit Dataset');

  // The PyTorch code, with the dataset for train.py.
  const pytorchZip = await ex.download('pytorch', { includeDataset: true, timeout: 180_000 });
  expect(basename(pytorchZip)).toBe('attention-fusion-image-audio-digits-pytorch.zip');
  const pt = testInfo.outputPath('pytorch');
  expect(unzipTo(readFileSync(pytorchZip), pt)).toEqual(['DATASET.md', 'README.md', 'dataset.npz', 'model.py', 'project.fusion.json', 'sample_batch.npz', 'train.py', 'weights.npz']);
  const torch = run('/usr/bin/python3', ['model.py', '--weights', 'weights.npz', '--check', 'sample_batch.npz'], pt);
  expect(torch.status, torch.stderr + torch.stdout).toBe(0);
  // The head, and the attention weights when the run exposed them for the heatmaps.
  expect(torch.stdout).toMatch(/^digit\s+max \|torch - tfjs\| = [\d.e+-]+\n(.*\n)*OK\n$/);
  const npz = run('/usr/bin/python3', ['-c', "import numpy as np; d = np.load('dataset.npz'); print(sorted(d.files), d['labels'].shape[0])"], pt);
  expect(npz.stdout.trim()).toBe("['labels', 'split', 'x.digit_image', 'x.spoken_digit'] 3000");
  test.info().annotations.push({ type: 'pytorch', description: torch.stdout.trim().replace(/\n/g, ' | ') });

  // The Keras code, this time without the dataset.
  const kerasZip = await ex.download('keras', { includeDataset: false });
  expect(basename(kerasZip)).toBe('attention-fusion-image-audio-digits-keras.zip');
  const kd = testInfo.outputPath('keras');
  expect(unzipTo(readFileSync(kerasZip), kd)).toEqual(['README.md', 'model.py', 'project.fusion.json', 'sample_batch.npz', 'weights.npz']);
  const compiles = run('/usr/bin/python3', ['-m', 'py_compile', 'model.py'], kd);
  expect(compiles.status, compiles.stderr).toBe(0);
  await d.screenshot('export-keras-downloaded');
  for (const a of test.info().annotations) console.log(`${a.type}: ${a.description ?? ''}`);
});
