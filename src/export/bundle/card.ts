/**
 * README.md of a bundle: the model card. What goes in (modalities, shapes, preprocessing), what
 * comes out, the architecture, how it was trained, how well it does, how to use it, and the
 * dataset's credits and licences. Every text a person typed goes through mdText.
 */
import { getKind, type ProjectDocument } from '../../graph/index.ts';
import type { Preprocessing } from '../../graph/dataset.ts';
import { mdText } from '../python.ts';
import { BUNDLE_FILES, type BundleManifest } from './format.ts';
import type { MetricsReport } from './metrics.ts';

const pct = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits));
const row = (...cells: string[]): string => `| ${cells.join(' | ')} |`;
const count = (n: number): string => n.toLocaleString('en-US');

function fmtList(xs: readonly number[]): string {
  return xs.length <= 6 ? `[${xs.map((x) => String(x)).join(', ')}]` : `[${xs.slice(0, 6).map((x) => String(x)).join(', ')}, …] (${xs.length} values)`;
}

/** One line saying how raw data of this modality becomes model input. */
export function describePreprocessing(p: Preprocessing): string {
  switch (p.kind) {
    case 'image':
      return p.scale === 'unit'
        ? `${p.height}×${p.width}×${p.channels} pixels (HWC), value = pixel / 255 (0..1)`
        : `${p.height}×${p.width}×${p.channels} pixels (HWC), (pixel / 255 − mean) / std per channel, mean ${fmtList(p.mean ?? [])}, std ${fmtList(p.std ?? [])}`;
    case 'audio': {
      const frames = Math.floor((p.clipSamples - p.frameLength) / p.frameStep) + 1;
      return (
        `mono waveform at ${count(p.sampleRate)} Hz, padded or cut to ${count(p.clipSamples)} samples (${(p.clipSamples / p.sampleRate).toFixed(2)} s); ` +
        `log(\\|STFT\\| + ${p.epsilon}) with a Hann window of ${p.frameLength} samples every ${p.frameStep} (FFT ${p.fftLength}) → ${frames}×${p.fftLength / 2 + 1}; ` +
        `standardised with the training split's mean ${p.mean} and standard deviation ${p.std}`
      );
    }
    case 'text':
      return `lowercase word tokens (letters and digits); vocabulary of ${count(p.vocabulary.length)} from the training split (id 0 = padding, 1 = unknown word); padded or cut to ${p.maxLength} tokens`;
    case 'tabular':
      return `${p.columns.length} columns (${p.columns.slice(0, 8).map(mdText).join(', ')}${p.columns.length > 8 ? ', …' : ''}), (x − mean) / std with training-split statistics; a missing value takes the training mean`;
    case 'sequence':
      return `${p.steps}×${p.features} values, (x − mean) / std per feature`;
  }
}

function exampleValue(kind: Preprocessing['kind']): string {
  switch (kind) {
    case 'image':
      return 'pixels /* Uint8Array of H·W·C values 0..255, or ImageData */';
    case 'audio':
      return 'wavBytes /* a WAV file, or a Float32Array waveform */';
    case 'text':
      return "'a caption'";
    case 'tabular':
      return '[/* one number per column */]';
    case 'sequence':
      return '[/* T rows of F numbers */]';
  }
}

export function modelCard(doc: ProjectDocument, manifest: BundleManifest, metrics: MetricsReport | null): string {
  const nodes = doc.graph.nodes;
  const fusion = nodes.filter((n) => n.kind.startsWith('fusion.'));
  const label = (l: string | null, id: string): string => mdText(l ?? id);
  const lines: string[] = [
    `# ${mdText(manifest.name)}`,
    '',
    `A multimodal fusion model trained with Fusion Designer (${mdText(manifest.producedBy)}, ${manifest.createdAt.slice(0, 10)}).`,
    `It reads ${manifest.inputs.map((i) => `${mdText(i.modality)} (${i.kind})`).join(' and ')}${manifest.classes.length > 0 ? ` and predicts one of ${manifest.classes.length} classes` : ''}.`,
    '',
    '## Files',
    '',
    row('file', 'what'),
    row('---', '---'),
    row(BUNDLE_FILES.modelJson, `the TensorFlow.js model (layers format) and its weights, ${BUNDLE_FILES.weights}`),
    row(BUNDLE_FILES.runtime, 'an ES module: registers the custom fusion layers, loads this folder, predicts from raw inputs with the training preprocessing'),
    row(BUNDLE_FILES.manifest, 'inputs (modality, shape, preprocessing with statistics and vocabulary), outputs, classes'),
    row(BUNDLE_FILES.project, 'the Fusion Designer project: graph, dataset choice with preprocessing, training settings (open it in the app)'),
    row(BUNDLE_FILES.metrics, 'validation and test metrics, confusion matrix, per-class accuracy, modality ablation, training curves'),
    row(BUNDLE_FILES.samples, 'a few dataset samples (model inputs) and the predictions the trained model made for them'),
    '',
    '## Use',
    '',
    'Node 20+ or a browser, with `@tensorflow/tfjs` 4.x installed (`npm install @tensorflow/tfjs`):',
    '',
    '```js',
    "import { load } from './fusion-model.mjs';",
    "const model = await load('./');   // this folder, the .zip, a URL, or the files",
    `const result = await model.predict({ ${manifest.inputs.map((i) => `${JSON.stringify(i.modality)}: ${exampleValue(i.kind)}`).join(', ')} });`,
    'console.log(result.label, result.probabilities);',
    '```',
    '',
    '`model.run(inputs, batch)` takes inputs that are already preprocessed (as in samples.json); `model.model` is the',
    "`tf.LayersModel`. Without the module, register the layers first: `import './fusion-model.mjs'` then `tf.loadLayersModel(...)`.",
    '',
    '## Inputs',
    '',
    row('modality', 'input node', 'kind', 'model input', 'preprocessing'),
    row('---', '---', '---', '---', '---'),
    ...manifest.inputs.map((i) =>
      row(`\`${mdText(i.modality)}\``, label(i.label, i.nodeId), i.kind, `[batch, ${i.shape.join(', ')}] ${i.dtype}`, describePreprocessing(i.preprocessing)),
    ),
    '',
    'A missing modality is fed as zeros (as in training); the preprocessing statistics and vocabulary are in',
    `${BUNDLE_FILES.manifest}.`,
    '',
    '## Outputs',
    '',
    row('output', 'kind', 'shape', 'meaning'),
    row('---', '---', '---', '---'),
    ...manifest.outputs.map((o) =>
      row(
        label(o.label, o.nodeId),
        getKind(o.kind)?.title ?? o.kind,
        `[batch, ${o.shape.join(', ')}]`,
        o.decision === 'softmax'
          ? `logits of ${o.classes ? o.classes.map(mdText).join(', ') : `${o.shape[0] ?? 0} classes`} (softmax for probabilities)`
          : o.decision === 'sigmoid'
            ? 'one logit per label (sigmoid for probabilities)'
            : 'values',
      ),
    ),
    '',
    '## Architecture',
    '',
    `${nodes.length} nodes, ${count(metrics?.parameters ?? 0)} trainable parameters${fusion.length > 0 ? `; fusion: ${fusion.map((n) => `${getKind(n.kind)?.title ?? n.kind}${n.label ? ` "${mdText(n.label)}"` : ''}`).join(', ')}` : ''}.`,
    '',
    ...nodes.map((n) => `- ${getKind(n.kind)?.title ?? n.kind}${n.label ? ` "${mdText(n.label)}"` : ''} (\`${mdText(n.id)}\`)`),
    '',
  ];
  if (metrics !== null) {
    const t = metrics.training;
    lines.push(
      '## Training',
      '',
      `Dataset: ${mdText(metrics.dataset.title)} (\`${mdText(metrics.dataset.id)}\`), ${count(metrics.dataset.size)} samples: ${count(metrics.dataset.splits.train)} train, ${count(metrics.dataset.splits.validation)} validation, ${count(metrics.dataset.splits.test)} test (${mdText(metrics.dataset.splitNote)}).`,
      '',
      `${metrics.run.epochs} epochs of ${t.optimizer} (learning rate ${t.learningRate}, batch ${t.batchSize}, seed ${t.seed}) on the tfjs ${mdText(metrics.run.backend)} backend, ${metrics.run.secondsPerEpoch.toFixed(1)} s per epoch${metrics.run.earlyStop ? `; early stopping after epoch ${metrics.run.earlyStop.epoch} restored epoch ${metrics.run.earlyStop.bestEpoch}` : ''}.`,
      '',
      '## Metrics',
      '',
      row('split', 'samples', 'accuracy', 'loss'),
      row('---', '---', '---', '---'),
      ...(metrics.validation ? [row('validation', count(metrics.validation.samples), pct(metrics.validation.accuracy), num(metrics.validation.loss))] : []),
      ...(metrics.test ? [row('test', count(metrics.test.samples), pct(metrics.test.accuracy), num(metrics.test.loss))] : []),
      '',
    );
    if (metrics.confusion) {
      lines.push('Validation accuracy per class: ' + metrics.confusion.classes.map((c, i) => `${mdText(c)} ${pct(metrics.confusion?.perClass[i])}`).join(', ') + '.', '');
    }
    if (metrics.ablation.length > 0) {
      lines.push(
        'Modality ablation (validation accuracy with one modality fed as zeros):',
        '',
        ...metrics.ablation.map((a) => `- without ${mdText(a.modality)}: ${pct(a.accuracy)} (it contributes ${(100 * a.contribution).toFixed(1)} points)`),
        '',
      );
    }
  }
  const credits = manifest.dataset.credits;
  lines.push('## Dataset credit', '');
  if (credits.length === 0) {
    lines.push(`Trained on ${mdText(manifest.dataset.title)}${manifest.dataset.id.startsWith('synthetic.') ? ', synthetic data generated by Fusion Designer (no credit needed)' : ''}.`, '');
  } else {
    lines.push(
      `Trained on ${mdText(manifest.dataset.title)}, built from:`,
      '',
      ...credits.map((c) => `- ${mdText(c)}`),
      '',
      'Keep these credits with the model. Share-alike (CC BY-SA) data may bind what you share that is built from it:',
      'check the licences before you redistribute the model.',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
