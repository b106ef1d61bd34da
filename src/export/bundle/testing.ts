/**
 * Test support for the bundle (imported by *.test.ts only): a small real AV-Digits dataset from the
 * packed files, a CSV dataset through the importer, a run record, and writing a bundle to a folder
 * that Node can run (with node_modules linked, as a project with @tensorflow/tfjs installed has).
 */
import type { AssetSource } from '../../data/assets.ts';
import { buildAvDigits, readAvDigits, wavBytes, type AvDigitsRaw } from '../../data/avdigits/load.ts';
import { importCsv, inspectCsv } from '../../data/import/importCsv.ts';
import { defaultMapping } from '../../data/import/mapping.ts';
import { fakeDecoders } from '../../data/import/testing.ts';
import type { DatasetArrays } from '../../data/types.ts';
import type { ProjectDocument } from '../../graph/index.ts';
import type { RunRecord } from '../../train/trainingProtocol.ts';
import type { NodeApis } from '../pytorch/testing.ts';

/** The packed AV-Digits files of public/datasets/avdigits, read from disk. */
export function diskAssets(node: NodeApis): AssetSource {
  const dir = node.fileURLToPath(new URL('../../../public/datasets/avdigits/', import.meta.url));
  return { where: dir, read: async (name) => new Uint8Array(node.readFileSync(node.join(dir, name))) };
}

/** AV-Digits with every `every`-th take of each speaker and digit (raw files and the built dataset). */
export async function avDigitsSubset(node: NodeApis, every = 5): Promise<{ raw: AvDigitsRaw; data: DatasetArrays }> {
  const full = await readAvDigits(diskAssets(node));
  const ids = full.samples.take.flatMap((t, i) => (t % every === 0 ? [i] : []));
  const wavs = ids.map((i) => wavBytes(full, i));
  const audio = new Uint8Array(wavs.reduce((a, w) => a + w.byteLength, 0));
  const offsets = [0];
  for (const w of wavs) {
    audio.set(w, offsets.at(-1));
    offsets.push((offsets.at(-1) ?? 0) + w.byteLength);
  }
  const images = new Uint8Array(ids.length * 784);
  ids.forEach((i, k) => images.set(full.images.subarray(i * 784, (i + 1) * 784), k * 784));
  const pick = (a: number[]) => ids.map((i) => a[i] as number);
  const raw: AvDigitsRaw = {
    manifest: full.manifest,
    images,
    audio,
    samples: { ...full.samples, count: ids.length, digit: pick(full.samples.digit), speaker: pick(full.samples.speaker), take: pick(full.samples.take), mnistIndex: pick(full.samples.mnistIndex), audioOffset: offsets },
  };
  return { raw, data: await buildAvDigits(raw, { hard: false, seed: 42, heldOut: 'theo' }) };
}

/** A small shop-review CSV: numbers with gaps, a category, a free text, a yes/no label. */
export const SHOP_CSV = [
  'age,height,colour,review,label',
  '34,1.70,red,"Great, really great product!",yes',
  ',1.82,blue,Fine fine FINE,no',
  '41,1.65,red,Two words,yes',
  '29,,green,Café au lait — très bien,no',
  '52,1.60,red,Unheard-of vocabulary here,yes',
  '38,1.75,blue,okay then,no',
  '45,1.90,green,great GREAT great,yes',
  '33,1.71,blue,Another quote,no',
  '27,1.68,green,Last row,yes',
  '30,1.74,red,fine product,no',
  '36,1.77,blue,so so,no',
  '48,1.66,red,great value great price,yes',
].join('\n');

/** SHOP_CSV's rows as raw samples (what a person would pass to predict()). */
export function shopRecords(): { age: number | null; height: number | null; colour: string; review: string }[] {
  return SHOP_CSV.split('\n')
    .slice(1)
    .map((line) => {
      const m = /^([^,]*),([^,]*),([^,]*),(".*"|[^,]*),(.*)$/.exec(line);
      if (!m) throw new Error(`bad test row ${line}`);
      return { age: m[1] === '' ? null : Number(m[1]), height: m[2] === '' ? null : Number(m[2]), colour: m[3] as string, review: (m[4] as string).replace(/^"|"$/g, '') };
    });
}

/** SHOP_CSV through the importer (text, table with a one-hot category). */
export async function shopDataset(): Promise<DatasetArrays> {
  const input = { csv: new Blob([SHOP_CSV], { type: 'text/csv' }), csvName: 'shop.csv', files: null };
  const inspection = await inspectCsv(input);
  const { arrays } = await importCsv(input, defaultMapping(inspection), { decoders: fakeDecoders() }, inspection);
  return arrays;
}

/** A finished run's record for `document` (numbers as a run would report them). */
export function runRecord(document: ProjectDocument, datasetId: string, paramCount: number): RunRecord {
  return {
    runId: 'run-test',
    document,
    datasetId,
    settings: document.training,
    status: 'done',
    metrics: { validation: { samples: 40, loss: 0.52, accuracy: 0.85 }, test: { samples: 50, loss: 0.61, accuracy: 0.8 }, paramCount, epochs: 2, secondsPerEpoch: 1.5, backend: 'cpu' },
    ablation: [{ modality: 'image', accuracy: 0.4, contribution: 0.45 }],
    history: [
      { epoch: 1, epochs: 2, trainLoss: 1.2, trainAcc: 0.6, valLoss: 0.9, valAcc: 0.7, numTensors: 10, numBytes: 1000, epochSeconds: 1.4, best: true },
      { epoch: 2, epochs: 2, trainLoss: 0.7, trainAcc: 0.8, valLoss: 0.52, valAcc: 0.85, numTensors: 10, numBytes: 1000, epochSeconds: 1.6, best: true },
    ],
    earlyStop: null,
    startedAt: Date.UTC(2025, 0, 2, 10, 0, 0),
    finishedAt: Date.UTC(2025, 0, 2, 10, 0, 3),
  };
}

/** Writes files into `dir` (created) and links the repository's node_modules into it. */
export function writeRunnable(node: NodeApis, dir: string, files: ReadonlyMap<string, Uint8Array>): void {
  node.mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of files) node.writeFileSync(node.join(dir, name), bytes);
  linkNodeModules(node, dir);
}

/** node_modules of the repository, linked into `dir` (so that `import '@tensorflow/tfjs'` resolves). */
export function linkNodeModules(node: NodeApis, dir: string): void {
  const modules = node.fileURLToPath(new URL('../../../node_modules', import.meta.url));
  if (!node.existsSync(node.join(dir, 'node_modules'))) node.symlinkSync(modules, node.join(dir, 'node_modules'), 'dir');
}

/** Runs `node <script>` in `cwd` with the Node running the tests; returns its exit code and output. */
export function runNode(node: NodeApis, cwd: string, args: readonly string[], timeoutMs = 120_000): { status: number | null; stdout: string; stderr: string } {
  const nodeBinary = (globalThis as unknown as { process: { execPath: string } }).process.execPath;
  const r = node.spawnSync(nodeBinary, [...args], { encoding: 'utf8', cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}
