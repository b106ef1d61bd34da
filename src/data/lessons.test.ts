// The built-in lessons against the real dataset catalogue: every lesson names a dataset that
// exists, with options it takes and modalities it has, and every graph of a lesson fits that
// dataset (each input binds to a modality, each classifier predicts its classes) and still
// validates once fitted: what the editor does when the lesson loads it.
import { describe, expect, it } from 'vitest';
import { applyParamChanges, fitGraphToDataset } from '../graph/dataset.ts';
import { validateGraph } from '../graph/index.ts';
import { BUILTIN_LESSONS, BUILTIN_LESSON_FILES, lessonProject, parseLesson } from '../graph/lessons/index.ts';
import { datasetsCatalogue } from './catalogue.ts';

const catalogue = datasetsCatalogue();

describe('built-in lessons and the dataset catalogue', () => {
  it('every lesson file parses against the catalogue: its dataset, options and modality names exist', () => {
    for (const f of BUILTIN_LESSON_FILES) {
      const parsed = parseLesson(f.json, catalogue);
      expect(parsed.ok ? [] : parsed.issues.map((i) => i.message), f.file).toEqual([]);
    }
  });

  it('every graph of every lesson binds to the lesson’s dataset and validates once fitted', () => {
    for (const lesson of BUILTIN_LESSONS) {
      const d = catalogue.find((x) => x.id === lesson.dataset.id);
      expect(d, `${lesson.id}: ${lesson.dataset.id}`).toBeDefined();
      if (d === undefined) continue;
      for (const name of Object.keys(lesson.graphs)) {
        const doc = lessonProject(lesson, name, d);
        const where = `${lesson.id}: ${name}`;
        const fit = fitGraphToDataset(doc.graph, d.modalities, d.classes.length, doc.dataset?.bindings ?? {});
        expect(fit.unboundNodes, where).toEqual([]);
        expect(fit.changes, `${where} is already fitted by lessonProject`).toEqual([]);
        const inputs = doc.graph.nodes.filter((n) => n.kind.startsWith('input.')).map((n) => n.id);
        expect(Object.keys(doc.dataset?.bindings ?? {}).sort(), where).toEqual([...inputs].sort());
        const errors = validateGraph(applyParamChanges(doc.graph, fit.changes)).filter((x) => x.severity === 'error');
        expect(errors, where).toEqual([]);
        for (const head of doc.graph.nodes.filter((n) => n.kind === 'head.classify')) expect(head.params['classes'], `${where}: ${head.id}`).toBe(d.classes.length);
      }
    }
  });

  it('a lesson naming a dataset the catalogue lacks is refused with the list of datasets', () => {
    const raw = structuredClone(BUILTIN_LESSON_FILES[0]?.json) as Record<string, unknown>;
    const r = parseLesson({ ...raw, dataset: { id: 'mnist' } }, catalogue);
    expect(r.ok ? '' : r.message).toMatch(/^dataset\.id: there is no dataset "mnist" \(there are avdigits, avdigits\.hard, synthetic\./);
  });
});
