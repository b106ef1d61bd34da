// The built-in datasets as a list: what `fusion-designer datasets --json` prints and what the
// dataset picker shows before anything is loaded.
import type { DatasetDescriptor } from '../graph/dataset.ts';
import { BUILTIN_DATASETS } from './builtins.ts';

export type { DatasetDescriptor };

/** id, title, source, summary, description, credits, classes, modalities with shapes, size, splits, options. */
export function datasetsCatalogue(): DatasetDescriptor[] {
  return BUILTIN_DATASETS.map((d) => d.descriptor);
}
