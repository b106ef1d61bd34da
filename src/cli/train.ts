// fusion-designer train <project.fusion.json> --out <dir> [--epochs N] [--backend cpu|wasm]
//
// Trains the project in Node as the app's worker does (same dataset loaders, same training loop,
// same evaluation), with progress on stderr, and writes the trained-model bundle into <dir>.
import * as tf from '@tensorflow/tfjs';
import { parseProject, TRAINING_LIMITS, type ProjectDocument } from '../graph/index.ts';
import { DatasetError } from '../data/types.ts';
import { registerCpuTrainingKernels } from '../train/backends/cpu/index.ts';
import { activateBackend, type BackendName } from '../train/backends/select.ts';
import { WorkerDatasets } from '../train/datasets.ts';
import { bundleFor, exportContext } from '../train/handlers/export.ts';
import { trainDocument, type TrainDocumentResult } from '../train/loop/index.ts';
import { intOption, parseArgs } from './args.ts';
import { diskAssets, writeInto, type CliFiles } from './files.ts';
import type { CliIo } from './main.ts';
import { formatReport, validateText } from './validate.ts';

export const TRAIN_USAGE = 'fusion-designer train <project.fusion.json> --out <dir> [--epochs N] [--backend cpu|wasm]';

const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
/** Seconds between two batch-progress lines. */
const PROGRESS_EVERY_S = 2;

export interface CommandContext {
  readonly io: CliIo;
  readonly files: CliFiles;
  usageError(message: string): number;
}

/** Reads and validates a project file as `validate` does; the report goes to stderr when it fails. */
export async function readProject(file: string, ctx: CommandContext): Promise<ProjectDocument | number> {
  let text: string;
  try {
    text = await ctx.io.readFile(file);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : err instanceof Error ? err.message : String(err);
    ctx.io.stderr(`fusion-designer: cannot read ${file}: ${why}.\n`);
    return EXIT.usage;
  }
  const report = validateText(text);
  const parsed = parseProject(text);
  if (!report.ok || !parsed.ok) {
    ctx.io.stderr(formatReport(file, report));
    return EXIT.problems;
  }
  return parsed.document;
}

const fmt = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));

/** Makes the backend current: wasm (the default when it initialises) or cpu. */
async function chooseBackend(requested: BackendName | null, ctx: CommandContext): Promise<BackendName | null> {
  const options = { wasmPaths: ctx.files.wasmDir };
  // tfjs's own cpu Conv2DBackpropFilter is a scalar loop (minutes per epoch for a CNN); this one is
  // a forward convolution (idempotent; it also serves when a wasm run falls back to cpu).
  registerCpuTrainingKernels();
  if (requested === 'cpu') return (await activateBackend('cpu')) ? 'cpu' : null;
  if (await activateBackend('wasm', options)) return 'wasm';
  if (requested === 'wasm') return null;
  ctx.io.stderr('The wasm backend could not start here; training on cpu (slower for convolutions).\n');
  return (await activateBackend('cpu')) ? 'cpu' : null;
}

export async function trainCommand(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { io, files } = ctx;
  const parsed = parseArgs(args, { '--out': 'value', '--epochs': 'value', '--backend': 'value' }, 'train');
  if ('problem' in parsed) return ctx.usageError(parsed.problem);
  const [file, ...extra] = parsed.positional;
  if (file === undefined) return ctx.usageError(`"train" needs a project file: ${TRAIN_USAGE}`);
  if (extra.length > 0) return ctx.usageError(`"train" takes one project file (got ${parsed.positional.length}).`);
  const out = parsed.values['--out'];
  if (out === undefined) return ctx.usageError(`"train" needs --out <dir>, the folder to write the model bundle into.`);
  const epochsText = parsed.values['--epochs'];
  const epochs = epochsText === undefined ? null : intOption(epochsText, TRAINING_LIMITS.epochs.min, TRAINING_LIMITS.epochs.max);
  if (epochsText !== undefined && epochs === null) return ctx.usageError(`--epochs must be a whole number from ${TRAINING_LIMITS.epochs.min} to ${TRAINING_LIMITS.epochs.max} (got ${epochsText}).`);
  const backendText = parsed.values['--backend'];
  if (backendText !== undefined && backendText !== 'cpu' && backendText !== 'wasm') return ctx.usageError(`--backend must be cpu or wasm (got ${backendText}).`);

  const outProblem = await files.folderProblem(out);
  if (outProblem !== null) return ctx.usageError(`--out ${outProblem}: give a folder to write into.`);

  const read = await readProject(file, ctx);
  if (typeof read === 'number') return read;
  const document: ProjectDocument = epochs === null ? read : { ...read, training: { ...read.training, epochs } };
  if (document.dataset === null) {
    io.stderr(`fusion-designer: ${file} has no dataset. Choose one in the app's Data panel (or set "dataset": { "id": "avdigits" }; see fusion-designer datasets).\n`);
    return EXIT.problems;
  }

  // Datasets are prepared on cpu, as in the app's worker (the spectrograms' FFT).
  await tf.setBackend('cpu');
  const datasets = new WorkerDatasets({ assets: (name) => diskAssets(files, name) });
  let lastLabel = '';
  let data;
  try {
    const loaded = await datasets.load(document.dataset, {
      onProgress: (p) => {
        if (p.label === lastLabel) return;
        lastLabel = p.label;
        io.stderr(`${p.label}…\n`);
      },
    });
    data = loaded.data;
  } catch (err) {
    const where = err instanceof DatasetError ? ` (${err.where})` : '';
    io.stderr(`fusion-designer: the dataset "${document.dataset.id}" could not be loaded${where}: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.problems;
  }

  const backend = await chooseBackend(backendText === undefined ? null : backendText, ctx);
  if (backend === null) {
    io.stderr(`fusion-designer: the ${backendText ?? 'cpu'} backend could not be initialised here.${backendText === 'wasm' ? ' Try --backend cpu.' : ''}\n`);
    return EXIT.problems;
  }

  let lastBatchLine = 0;
  const result: TrainDocumentResult = await trainDocument({
    runId: `cli-${Date.now().toString(36)}`,
    document,
    data,
    evaluateTest: true,
    keepModel: true,
    probes: null,
    onPlan: (p) =>
      io.stderr(
        `Training "${document.name}" on ${data.info.title} with the tfjs ${backend} backend: ${p.samples.train} train / ${p.samples.validation} validation / ${p.samples.test} test samples, ` +
          `${p.paramCount.toLocaleString('en-US')} parameters, ${p.epochs} epoch${p.epochs === 1 ? '' : 's'} of ${p.batchesPerEpoch} batches.\n`,
      ),
    onBatch: (b) => {
      const now = Date.now();
      if (now - lastBatchLine < PROGRESS_EVERY_S * 1000 || b.batch === b.batches) return;
      lastBatchLine = now;
      io.stderr(`  epoch ${b.epoch}/${b.epochs}  batch ${b.batch}/${b.batches}  loss ${fmt(b.loss)}  ${Math.round(b.samplesPerSec).toLocaleString('en-US')} samples/s  ${Math.ceil(b.etaSeconds)} s left\n`);
    },
    onEpoch: (e) =>
      io.stderr(`epoch ${e.epoch}/${e.epochs}  loss ${fmt(e.trainLoss)}  acc ${fmt(e.trainAcc, 3)}  val loss ${fmt(e.valLoss)}  val acc ${fmt(e.valAcc, 3)}  (${e.epochSeconds.toFixed(1)} s)\n`),
    onFallback: (r) => io.stderr(`${r.from} failed (${r.reason}); continuing on ${r.to}.\n`),
    onPhase: (phase) => {
      if (phase === 'evaluating') io.stderr('Evaluating on the validation and test splits…\n');
    },
  });

  if (result.status !== 'done' || result.compiled === null || result.record === null) {
    const p = result.problem ?? { message: `Training ${result.status === 'stopped' ? 'stopped' : 'failed'}.` };
    io.stderr(`fusion-designer: ${p.message}${p.nodeId ? ` (node ${p.nodeId})` : ''}\n${p.fix && !p.message.includes(p.fix) ? `${p.fix}\n` : ''}`);
    result.compiled?.model.dispose();
    return EXIT.problems;
  }
  const compiled = result.compiled;
  try {
    // The bundle's sample predictions are made on cpu, as in the app (the runtime's default in Node).
    await tf.setBackend('cpu');
    const ctxExport = exportContext(document, compiled, data);
    const bundle = await bundleFor(ctxExport, {
      record: result.record,
      evaluation: result.validation ? { confusion: result.validation.confusion, perClass: result.validation.perClass } : null,
      producedBy: `fusion-designer train (Node, tfjs ${backend} backend)`,
      predictedOn: 'fusion-designer train (Node), tfjs cpu backend',
    });
    const wrote = await writeInto(files, out, bundle);
    if ('problem' in wrote) {
      io.stderr(`fusion-designer: ${wrote.problem}\n`);
      return EXIT.problems;
    }
    const m = result.record.metrics;
    io.stdout(
      `Wrote the model bundle to ${out} (${bundle.size} files): validation accuracy ${fmt(m.validation?.accuracy, 3)}, test accuracy ${fmt(m.test?.accuracy, 3)}, ` +
        `${m.epochs} epoch${m.epochs === 1 ? '' : 's'} at ${m.secondsPerEpoch.toFixed(1)} s each on ${backend}.\n`,
    );
    return EXIT.ok;
  } finally {
    compiled.model.dispose();
  }
}
