// fusion-designer export <bundle.zip|dir> --format tfjs|pytorch|keras --out <dir> [--no-dataset]
//
// tfjs: the model and what loads it (model.json, weights, fusion-model.mjs, fusion-bundle.json,
// samples, model card). pytorch / keras: the code, the converted weights, the bundle's sample
// batch with the producer's outputs, and dataset.npz (the project's dataset, loaded as `train`
// does) unless --no-dataset.
import * as tf from '@tensorflow/tfjs';
import { DatasetError } from '../data/types.ts';
import { BUNDLE_FILES, BundleError, bundleWeightPaths, readBundle, restoreCompiled, unzipBundle, type ReadBundle } from '../export/bundle/index.ts';
import { codeFiles, type CodeExportInput } from '../export/code.ts';
import { WorkerDatasets } from '../train/datasets.ts';
import { exportContext, exportDataset } from '../train/handlers/export.ts';
import { parseArgs } from './args.ts';
import { diskAssets, writeInto } from './files.ts';
import type { CommandContext } from './train.ts';

export const EXPORT_USAGE = 'fusion-designer export <bundle.zip|dir> --format tfjs|pytorch|keras --out <dir> [--no-dataset]';

const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
const FORMATS = ['tfjs', 'pytorch', 'keras'] as const;
type Format = (typeof FORMATS)[number];

/** The files the tfjs export copies from the bundle (the weights file comes from model.json). */
const TFJS_FILES = [BUNDLE_FILES.modelJson, BUNDLE_FILES.runtime, BUNDLE_FILES.manifest, BUNDLE_FILES.samples, BUNDLE_FILES.card];

/** A bundle's files from a folder (the bundle's own files only) or a zip. */
async function bundleFiles(path: string, ctx: CommandContext): Promise<Map<string, Uint8Array>> {
  const { files } = ctx;
  const listing = await files.listFolder(path);
  if (listing === null) return unzipBundle(await files.readBytes(path), path);
  const out = new Map<string, Uint8Array>();
  if (!listing.includes(BUNDLE_FILES.manifest)) throw new BundleError(`${path} has no ${BUNDLE_FILES.manifest}: it is not a Fusion Designer model bundle (write one with fusion-designer train).`, path);
  const wanted = new Set<string>(Object.values(BUNDLE_FILES));
  for (const name of listing) if (wanted.has(name)) out.set(name, await files.readBytes(files.join(path, name)));
  const modelJson = out.get(BUNDLE_FILES.modelJson);
  if (modelJson !== undefined) {
    for (const p of bundleWeightPaths(modelJson)) {
      if (!listing.includes(p)) throw new BundleError(`${path} has no ${p}, the weights model.json names.`, p);
      out.set(p, await files.readBytes(files.join(path, p)));
    }
  }
  return out;
}

export async function exportCommand(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { io, files } = ctx;
  const parsed = parseArgs(args, { '--format': 'value', '--out': 'value', '--no-dataset': 'flag' }, 'export');
  if ('problem' in parsed) return ctx.usageError(parsed.problem);
  const [source, ...extra] = parsed.positional;
  if (source === undefined) return ctx.usageError(`"export" needs a model bundle (a folder or .zip written by fusion-designer train or the app): ${EXPORT_USAGE}`);
  if (extra.length > 0) return ctx.usageError(`"export" takes one bundle (got ${parsed.positional.length}).`);
  const format = parsed.values['--format'];
  if (format === undefined || !(FORMATS as readonly string[]).includes(format)) return ctx.usageError(`"export" needs --format ${FORMATS.join('|')}${format === undefined ? '' : ` (got ${format})`}.`);
  const out = parsed.values['--out'];
  if (out === undefined) return ctx.usageError('"export" needs --out <dir>, the folder to write into.');
  const outProblem = await files.folderProblem(out);
  if (outProblem !== null) return ctx.usageError(`--out ${outProblem}: give a folder to write into.`);

  let bundle: ReadBundle;
  let weightFiles: string[];
  try {
    bundle = readBundle(await bundleFiles(source, ctx));
    weightFiles = bundleWeightPaths(bundle.files.get(BUNDLE_FILES.modelJson));
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'ENOENT') {
      io.stderr(`fusion-designer: cannot read ${source}: no such file or folder.\n`);
      return EXIT.usage;
    }
    io.stderr(`fusion-designer: ${source}: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.problems;
  }

  /** Writes the files and says so on stdout, or says what could not be written on stderr. */
  const writeAll = async (entries: Iterable<readonly [string, Uint8Array]>, what: string): Promise<number> => {
    const wrote = await writeInto(files, out, entries);
    if ('problem' in wrote) {
      io.stderr(`fusion-designer: ${wrote.problem}\n`);
      return EXIT.problems;
    }
    io.stdout(`Wrote ${what} to ${out}: ${wrote.written.join(', ')}.\n`);
    return EXIT.ok;
  };

  if ((format as Format) === 'tfjs') {
    const entries = [...TFJS_FILES, ...weightFiles].flatMap((name): [string, Uint8Array][] => {
      const bytes = bundle.files.get(name);
      return bytes === undefined ? [] : [[name, bytes]];
    });
    return writeAll(entries, 'the TensorFlow.js model');
  }

  await tf.setBackend('cpu');
  let compiled;
  try {
    compiled = await restoreCompiled(bundle);
  } catch (err) {
    io.stderr(`fusion-designer: ${source}: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.problems;
  }
  try {
    const samples = bundle.samples;
    const sampleInputs = compiled.inputs.map((m) => {
      const a = samples?.inputs[m.name];
      if (a === undefined) throw new BundleError(`${BUNDLE_FILES.samples} has no values for the model input ${m.name}.`, BUNDLE_FILES.samples);
      return a.dtype === 'int32' ? Int32Array.from(a.data) : Float32Array.from(a.data);
    });
    let dataset: CodeExportInput['dataset'] = null;
    const choice = bundle.document.dataset;
    if (!parsed.flags.has('--no-dataset') && choice !== null) {
      io.stderr(`Loading the dataset "${choice.id}" for dataset.npz…\n`);
      try {
        const data = await new WorkerDatasets({ assets: (name) => diskAssets(files, name) }).arraysFor(bundle.document);
        dataset = exportDataset(exportContext(bundle.document, compiled, data));
      } catch (err) {
        const why = err instanceof DatasetError || err instanceof Error ? err.message : String(err);
        io.stderr(`fusion-designer: dataset.npz cannot be written: ${why}\nExport without it with --no-dataset (train.py then needs your own dataset.npz).\n`);
        return EXIT.problems;
      }
    }
    const input: CodeExportInput = {
      document: bundle.document,
      compiled,
      sample: { count: samples?.count ?? 0, inputs: sampleInputs },
      dataset,
      datasetInfo: { id: bundle.manifest.dataset.id, title: bundle.manifest.dataset.title, credits: bundle.manifest.dataset.credits },
    };
    const code = codeFiles(format as Exclude<Format, 'tfjs'>, input);
    return await writeAll(code, `the ${format === 'pytorch' ? 'PyTorch' : 'Keras'} export`);
  } catch (err) {
    io.stderr(`fusion-designer: the ${format} export failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.problems;
  } finally {
    compiled.model.dispose();
  }
}
