// The data slice: the built-in dataset catalogue (from the worker), where loading the chosen
// dataset stands (one discriminated union), and the dataset edits of the document: choosing a
// dataset (with its bindings and the input/head params that make the graph fit, one undo step),
// changing an option, and recording the preprocessing once the data is loaded. Never imports tfjs
// or the worker: the UI's worker client dispatches here.
import { applyParamChanges, canonicalPreprocessing, datasetChoiceKey, fitGraphToDataset, fitModality } from '../graph/dataset.ts';
import type { DatasetDescriptor, DatasetInfo, FitModality, GraphFit, ParamChange, Preprocessing } from '../graph/dataset.ts';
import type { DatasetChoice, ParamValue, ProjectDocument } from '../graph/index.ts';
import type { AppState, DataSlice, DataStatus } from './types.ts';
import type { StateCreator } from 'zustand/vanilla';

/** The fit of the document's graph to a dataset's modalities (bindings, param edits, leftovers). */
export function fitFor(doc: ProjectDocument, modalities: readonly FitModality[], classes: number): GraphFit {
  return fitGraphToDataset(doc.graph, modalities, classes, doc.dataset?.bindings ?? {});
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The dataset choice with only id and options (and bindings when given). */
function choiceOf(id: string, options: DatasetChoice['options'], bindings?: Readonly<Record<string, string>>): DatasetChoice {
  return {
    id,
    ...(options === undefined || Object.keys(options).length === 0 ? {} : { options }),
    ...(bindings === undefined || Object.keys(bindings).length === 0 ? {} : { bindings }),
  };
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set, get) => ({
  data: { state: 'idle' },
  catalogue: null,

  setCatalogue(catalogue) {
    set({ catalogue });
  },

  setDataStatus(status: DataStatus) {
    set({ data: status });
  },

  chooseDataset(id) {
    const s = get();
    if (id === null) {
      if (s.doc.dataset !== null) s.editDocument({ ...s.doc, dataset: null });
      return [];
    }
    if (s.doc.dataset?.id === id) return [];
    const d: DatasetDescriptor | undefined = s.catalogue?.find((x) => x.id === id);
    if (d === undefined) {
      s.editDocument({ ...s.doc, dataset: { id } });
      return [];
    }
    const fit = fitGraphToDataset(s.doc.graph, d.modalities, d.classes.length);
    const graph = applyParamChanges(s.doc.graph, fit.changes);
    s.editDocument({ ...s.doc, graph, dataset: choiceOf(id, undefined, fit.bindings) });
    return fit.changes;
  },

  setDatasetOption(name: string, value: ParamValue) {
    const s = get();
    const cur = s.doc.dataset;
    if (cur === null || cur.options?.[name] === value) return;
    const options = { ...(cur.options ?? {}), [name]: value };
    // New options make new data: the recorded preprocessing no longer applies.
    s.editDocument({ ...s.doc, dataset: choiceOf(cur.id, options, cur.bindings) }, `dataset-option:${name}`);
  },

  fitGraphToData(info: DatasetInfo) {
    const s = get();
    if (s.doc.dataset === null) return [];
    const fit = fitFor(s.doc, info.modalities.map(fitModality), info.classes.length);
    const graph = applyParamChanges(s.doc.graph, fit.changes);
    const dataset = { ...s.doc.dataset, bindings: fit.bindings };
    if (fit.changes.length === 0 && sameJson(dataset.bindings, s.doc.dataset.bindings)) return [];
    s.editDocument({ ...s.doc, graph, dataset });
    return fit.changes;
  },

  recordPreprocessing(key: string, info: DatasetInfo) {
    const s = get();
    const cur = s.doc.dataset;
    if (cur === null || datasetChoiceKey(cur) !== key) return;
    const preprocessing: Record<string, Preprocessing> = {};
    for (const m of info.modalities) preprocessing[m.name] = canonicalPreprocessing(m.preprocessing);
    if (sameJson(preprocessing, cur.preprocessing)) return;
    // Follows from the choice (the same options always give the same numbers): no undo step of its own.
    set({ doc: { ...s.doc, dataset: { ...cur, preprocessing } } });
  },
});

export type { ParamChange };

// ---------- selectors ----------
export const selectDataStatus = (s: AppState): DataStatus => s.data;
export const selectCatalogue = (s: AppState): readonly DatasetDescriptor[] | null => s.catalogue;
export const selectDatasetChoice = (s: AppState): DatasetChoice | null => s.doc.dataset;
/** datasetChoiceKey of the document's dataset (id and options), or null. A string, so it compares by value. */
export const selectDatasetKey = (s: AppState): string | null => (s.doc.dataset === null ? null : datasetChoiceKey(s.doc.dataset));
