// The worker's datasets: built-ins loaded on request and kept by choice key (a small LRU, since
// AV-Digits takes about 100 MB), and datasets registered by importers (kept until replaced).
import * as tf from '@tensorflow/tfjs';
import type { DatasetChoice, ProjectDocument } from '../graph/index.ts';
import { datasetChoiceKey } from '../graph/dataset.ts';
import type { AssetSource } from '../data/assets.ts';
import { builtinDataset } from '../data/builtins.ts';
import type { DatasetArrays, LoadContext } from '../data/types.ts';
import { DatasetError } from '../data/types.ts';

export interface LoadedEntry {
  readonly key: string;
  readonly data: DatasetArrays;
  readonly note?: (i: number) => string | undefined;
  /** True when the arrays came from the cache. */
  readonly cached: boolean;
}

export interface WorkerDatasetsOptions {
  /** Where real datasets' packed files are, by dataset folder (e.g. "avdigits"). */
  readonly assets: (dataset: string) => AssetSource;
  /** Built-in datasets kept at once (default 2). */
  readonly capacity?: number;
}

export class WorkerDatasets {
  private readonly cache = new Map<string, Omit<LoadedEntry, 'cached'>>();
  private readonly registered = new Map<string, DatasetArrays>();
  private readonly options: WorkerDatasetsOptions;

  constructor(options: WorkerDatasetsOptions) {
    this.options = options;
  }

  /** Keys of everything held (built-ins most recent last, then registered ids). */
  keys(): string[] {
    return [...this.cache.keys(), ...this.registered.keys()];
  }

  /** A dataset already held under `key` (built-in choice key or registered id). */
  get(key: string): DatasetArrays | undefined {
    return this.cache.get(key)?.data ?? this.registered.get(key);
  }

  /** Keeps an imported dataset under its id (replacing one with the same id). */
  register(arrays: DatasetArrays): void {
    this.registered.set(arrays.info.id, arrays);
  }

  /** Forgets one dataset, or every built-in one. */
  evict(key?: string): void {
    if (key === undefined) this.cache.clear();
    else {
      this.cache.delete(key);
      this.registered.delete(key);
    }
  }

  /** Loads a choice (or takes it from the cache). Throws DatasetError, or LoadCancelled through ctx.signal. */
  async load(choice: DatasetChoice, ctx: LoadContext = {}): Promise<LoadedEntry> {
    const key = datasetChoiceKey(choice);
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recently used last
      return { ...hit, cached: true };
    }
    const imported = this.registered.get(choice.id);
    if (imported !== undefined) return { key: choice.id, data: imported, cached: true };
    const builtin = builtinDataset(choice.id);
    if (builtin === undefined) {
      if (choice.id.startsWith('user.')) {
        throw new DatasetError(`The imported dataset "${choice.id}" is not in this tab any more (imported data is not stored). Import the files again.`, 'dataset.id');
      }
      throw new DatasetError(`There is no built-in dataset "${choice.id}". Pick one from the dataset panel.`, 'dataset.id');
    }
    const before = tf.memory().numTensors;
    const loaded = await builtin.load(choice.options, { ...ctx, assets: this.options.assets });
    const leaked = tf.memory().numTensors - before;
    if (leaked > 0) console.warn(`Loading ${key} left ${leaked} tensors undisposed.`);
    const entry = { key, data: loaded.data, ...(loaded.note === undefined ? {} : { note: loaded.note }) };
    this.cache.set(key, entry);
    while (this.cache.size > (this.options.capacity ?? 2)) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return { ...entry, cached: false };
  }

  /** For training: the arrays under `key` when given and held, else the document's dataset choice. */
  async arraysFor(doc: ProjectDocument, key?: string): Promise<DatasetArrays> {
    if (key !== undefined) {
      const held = this.get(key);
      if (held !== undefined) return held;
    }
    if (doc.dataset === null) throw new DatasetError('The project has no dataset: choose one in the Data panel first.', 'dataset');
    return (await this.load(doc.dataset)).data;
  }
}
