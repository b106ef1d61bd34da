import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  DEFAULT_TRAINING,
  MIGRATIONS,
  MigrationError,
  formatPath,
  migrate,
  newProject,
  parseProject,
  parseProjectWith,
  serializeProject,
  type Migration,
} from './document.ts';
import { exampleProject } from './templates.ts';
import type { ParseResult, ProjectDocument } from './types.ts';

/** Untyped JSON, as found in files made by hand or by older versions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A plain JSON copy of a document, for tampering with. */
function raw(doc: ProjectDocument = exampleProject()): Record<string, Json> {
  return JSON.parse(serializeProject(doc)) as Record<string, Json>;
}
function errorOf(r: ParseResult): { message: string; issues: readonly { path: string; message: string }[] } {
  if (r.ok) throw new Error('expected a parse failure');
  return r;
}

describe('serializeProject / parseProject round trip', () => {
  it('gives back an equal document', () => {
    const doc = exampleProject();
    const r = parseProject(serializeProject(doc));
    expect(r).toEqual({ ok: true, document: doc });
  });

  it('round-trips labels, dataset options and every param type', () => {
    const base = newProject('All fields');
    const doc: ProjectDocument = {
      ...base,
      graph: {
        nodes: [
          { id: 'a', kind: 'input.tabular', label: 'Sensors', position: { x: -10.5, y: 3 }, params: { features: 4 } },
          { id: 'b', kind: 'future.kind', position: { x: 1, y: 2 }, params: { s: 'x', flag: true, n: 0.25 } },
        ],
        edges: [{ id: 'e1', source: 'a', sourcePort: 'out', target: 'b', targetPort: 'in' }],
      },
      dataset: { id: 'synthetic.xor', options: { samples: 2000, noise: 0.5, balanced: true } },
      training: { ...DEFAULT_TRAINING, optimizer: 'sgd', earlyStoppingPatience: 3 },
    };
    const r = parseProject(serializeProject(doc));
    expect(r.ok && r.document).toEqual(doc);
  });

  it('is stable: key order and 2-space indentation do not depend on how the object was built', () => {
    const doc = exampleProject();
    const text = serializeProject(doc);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": "fusion-designer.project",');
    const shuffled = raw(doc);
    const reordered = {
      training: shuffled['training'],
      dataset: shuffled['dataset'],
      graph: {
        edges: shuffled['graph'].edges,
        nodes: shuffled['graph'].nodes.map((n: Record<string, unknown>) => ({
          params: Object.fromEntries(Object.entries(n['params'] as object).reverse()),
          position: n['position'],
          label: n['label'],
          kind: n['kind'],
          id: n['id'],
        })),
      },
      name: shuffled['name'],
      version: 1,
      format: 'fusion-designer.project',
    };
    const r = parseProject(reordered);
    expect(r.ok && serializeProject(r.document)).toBe(text);
  });

  it('accepts a parsed object as well as a string', () => {
    expect(parseProject(raw())).toEqual({ ok: true, document: exampleProject() });
  });

  it('parses unknown node kinds (validation reports them, not parsing)', () => {
    const r0 = raw();
    r0['graph'].nodes[0].kind = 'fusion.fromTheFuture';
    expect(parseProject(r0).ok).toBe(true);
  });
});

describe('newProject', () => {
  it('is empty with default training settings', () => {
    expect(newProject()).toEqual({
      format: 'fusion-designer.project',
      version: 1,
      name: 'Untitled project',
      graph: { nodes: [], edges: [] },
      dataset: null,
      training: { optimizer: 'adam', learningRate: 0.001, batchSize: 64, epochs: 10, seed: 42, validationSplit: 0.2, earlyStoppingPatience: 0 },
    });
    expect(newProject('Mine').name).toBe('Mine');
    expect(parseProject(serializeProject(newProject())).ok).toBe(true);
  });
});

describe('malformed documents: the messages users see', () => {
  it('bad JSON', () => {
    const e = errorOf(parseProject('{"format": "fusion-designer.project",'));
    expect(e.message).toMatch(/^The file is not valid JSON: .+/);
    expect(e.issues).toHaveLength(1);
  });

  it('not an object', () => {
    expect(errorOf(parseProject('[1, 2]')).message).toBe('This is not a Fusion Designer project: it holds a list instead of an object.');
  });

  it('wrong or missing format', () => {
    expect(errorOf(parseProject({ ...raw(), format: 'excalidraw' })).message).toBe(
      'This is not a Fusion Designer project: its "format" is "excalidraw" (a project has "format": "fusion-designer.project").',
    );
    const { format: _f, ...noFormat } = raw();
    expect(errorOf(parseProject(noFormat)).message).toBe(
      'This is not a Fusion Designer project: it has no "format" field (a project has "format": "fusion-designer.project").',
    );
  });

  it('newer version', () => {
    const e = errorOf(parseProject({ ...raw(), version: 2 }));
    expect(e.message).toBe(
      'This project was made by a newer version of Fusion Designer (version 2); this one reads up to version 1. Update Fusion Designer to open it.',
    );
    expect(e.issues).toEqual([{ path: 'version', message: e.message }]);
  });

  it('missing or malformed version', () => {
    const { version: _v, ...noVersion } = raw();
    expect(errorOf(parseProject(noVersion)).message).toBe(
      'The project has no "version" field, so Fusion Designer can\'t tell how to read it. Add "version": 1 if it was made for this version.',
    );
    expect(errorOf(parseProject({ ...raw(), version: '1' })).message).toBe('The project\'s "version" must be a whole number such as 1; got "1".');
    expect(errorOf(parseProject({ ...raw(), version: 1.5 })).message).toBe('The project\'s "version" must be a whole number such as 1; got 1.5.');
    expect(errorOf(parseProject({ ...raw(), version: 0 })).message).toBe('The project\'s "version" must be a whole number such as 1; got 0.');
  });

  it('a field of the wrong type, named by its path', () => {
    const r0 = raw();
    r0['graph'].nodes[2].position.x = 'abc';
    const e = errorOf(parseProject(JSON.stringify(r0)));
    expect(e.message).toBe('graph.nodes[2].position.x: expected a number, got "abc"');
    expect(e.issues).toEqual([{ path: 'graph.nodes[2].position.x', message: e.message }]);
  });

  it('a missing field, an out-of-range setting, an unknown field and a bad param value', () => {
    const r0 = raw();
    delete r0['training'].epochs;
    r0['training'].learningRate = 0;
    r0['graph'].nodes[0].lable = 'typo';
    r0['graph'].nodes[1].params.frameStep = [128];
    r0['graph'].edges[0].source = 3;
    r0['training'].optimizer = 'nadam';
    const e = errorOf(parseProject(r0));
    expect(e.issues.map((i) => i.message).sort()).toEqual(
      [
        'graph.nodes[0].lable: unknown field; remove it or check its spelling',
        'graph.nodes[1].params.frameStep: expected a number, a string or true/false, got a list',
        'graph.edges[0].source: expected a string, got 3',
        'training.epochs: this field is missing (expected a number)',
        'training.learningRate: must be greater than 0, got 0',
        'training.optimizer: expected "adam" or "sgd" or "rmsprop", got "nadam"',
      ].sort(),
    );
    expect(e.message).toMatch(/ \(and 5 more problems\)$/);
  });

  it('duplicate node and edge ids', () => {
    const r0 = raw();
    r0['graph'].nodes[3].id = 'n1';
    let e = errorOf(parseProject(r0));
    expect(e.message).toBe('graph.nodes[3].id: the id "n1" is already used by graph.nodes[0]; every node needs its own id');
    const r1 = raw();
    r1['graph'].edges[2].id = 'e2';
    e = errorOf(parseProject(r1));
    expect(e.message).toBe('graph.edges[2].id: the id "e2" is already used by graph.edges[1]; every edge needs its own id');
  });

  it('empty ids and a non-object dataset', () => {
    const r0 = raw();
    r0['graph'].nodes[0].id = '';
    r0['dataset'] = 'mnist';
    expect(errorOf(parseProject(r0)).issues.map((i) => i.message)).toEqual([
      'graph.nodes[0].id: must not be empty',
      'dataset: expected an object, got "mnist"',
    ]);
  });
});

describe('migrations', () => {
  it('has a migration for every version below the current one', () => {
    for (let v = 1; v < CURRENT_VERSION; v++) expect(MIGRATIONS[v]).toBeTypeOf('function');
    expect(Object.keys(MIGRATIONS).map(Number).every((v) => v < CURRENT_VERSION)).toBe(true);
  });

  it('migrate() applies steps in order, bumps the version and leaves the input alone', () => {
    const calls: number[] = [];
    const fake: Record<number, Migration> = {
      1: (d) => (calls.push(1), { ...d, tags: [] }),
      2: (d) => (calls.push(2), { ...d, tags: [...d.tags, 'v3'], title: d.name, name: undefined }),
    };
    const input = { format: 'x', version: 1, name: 'Old' };
    const out = migrate(input, fake, 3);
    expect(calls).toEqual([1, 2]);
    expect(out).toEqual({ format: 'x', version: 3, tags: ['v3'], title: 'Old', name: undefined });
    expect(input).toEqual({ format: 'x', version: 1, name: 'Old' });
    expect(migrate(input, fake, 1)).toEqual(input);
  });

  it('migrate() fails clearly on a missing or throwing step', () => {
    expect(() => migrate({ version: 1 }, {}, 2)).toThrow(new MigrationError(1, 'The project could not be upgraded: there is no migration from version 1 to 2.'));
    expect(() =>
      migrate(
        { version: 1 },
        {
          1: () => {
            throw new Error('graph is missing');
          },
        },
        2,
      ),
    ).toThrow('The project could not be upgraded from version 1 to 2: graph is missing');
  });

  // A fake "version 0" format (top-level `title` and `nodes`, nodes with `type`) upgraded by an injected migration.
  const v0 = {
    format: 'fusion-designer.project',
    version: 0,
    title: 'Legacy',
    nodes: [{ id: 'n1', type: 'input.tabular', x: 5, y: 6, params: { features: 3 } }],
    edges: [],
  };
  const toV1: Migration = (d) => ({
    format: d.format,
    version: 1,
    name: d.title,
    graph: {
      nodes: d.nodes.map((n: Json) => ({ id: n.id, kind: n.type, position: { x: n.x, y: n.y }, params: n.params })),
      edges: d.edges,
    },
    dataset: null,
    training: { ...DEFAULT_TRAINING },
  });

  it('parseProject runs injected migrations before the schema and reports migratedFrom', () => {
    const r = parseProjectWith(JSON.stringify(v0), { migrations: { 0: toV1 } });
    expect(r).toEqual({
      ok: true,
      migratedFrom: 0,
      document: {
        ...newProject('Legacy'),
        graph: { nodes: [{ id: 'n1', kind: 'input.tabular', position: { x: 5, y: 6 }, params: { features: 3 } }], edges: [] },
      },
    });
  });

  it('reports schema errors in the migrated document and migration failures', () => {
    const broken = parseProjectWith({ ...v0, nodes: [{ id: 'n1', type: 'input.tabular', x: 'left', y: 6, params: {} }] }, { migrations: { 0: toV1 } });
    expect(errorOf(broken).message).toBe('graph.nodes[0].position.x: expected a number, got "left"');
    const failing = parseProjectWith(v0, {
      migrations: {
        0: () => {
          throw new Error('nodes is not an array');
        },
      },
    });
    expect(errorOf(failing).message).toBe('The project could not be upgraded from version 0 to 1: nodes is not an array');
  });
});

describe('formatPath', () => {
  it('writes dotted paths with indices and quoted odd keys', () => {
    expect(formatPath(['graph', 'nodes', 2, 'position', 'x'])).toBe('graph.nodes[2].position.x');
    expect(formatPath(['graph', 'nodes', 0, 'params', 'my key'])).toBe('graph.nodes[0].params["my key"]');
    expect(formatPath([])).toBe('');
  });
});

describe('dataset preprocessing and bindings', () => {
  const preprocessing = {
    audio: { kind: 'audio', sampleRate: 8000, clipSamples: 8000, frameLength: 256, frameStep: 128, fftLength: 256, epsilon: 0.001, mean: -3.2, std: 1.9 },
    image: { kind: 'image', height: 28, width: 28, channels: 1, scale: 'unit' },
    note: { kind: 'text', maxLength: 10, vocabulary: ['<pad>', '<unk>', 'fan'], lowercase: true, padId: 0, unknownId: 1 },
    readings: { kind: 'tabular', columns: ['size'], mean: [27], std: [7.5], fill: [27] },
  } as const;
  const withDataset = (dataset: unknown) => ({ ...JSON.parse(serializeProject(exampleProject())), dataset });

  it('round-trips preprocessing and bindings with a stable key order', () => {
    const r = parseProject(withDataset({ bindings: { n2: 'audio', n1: 'image' }, preprocessing, options: { seed: 3 }, id: 'avdigits' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.dataset?.preprocessing?.['audio']).toMatchObject({ kind: 'audio', mean: -3.2 });
    const text = serializeProject(r.document);
    expect(text.indexOf('"options"')).toBeLessThan(text.indexOf('"preprocessing"'));
    expect(text.indexOf('"preprocessing"')).toBeLessThan(text.indexOf('"bindings"'));
    expect(text.indexOf('"n1": "image"')).toBeLessThan(text.indexOf('"n2": "audio"'));
    const again = parseProject(text);
    expect(again.ok && serializeProject(again.document)).toBe(text);
  });

  it('says which preprocessing field is wrong', () => {
    const bad = parseProject(withDataset({ id: 'avdigits', preprocessing: { audio: { ...preprocessing.audio, std: 0 } } }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues[0]?.path).toBe('dataset.preprocessing.audio.std');
    const kind = parseProject(withDataset({ id: 'avdigits', preprocessing: { audio: { kind: 'video' } } }));
    expect(!kind.ok && kind.issues[0]?.path).toBe('dataset.preprocessing.audio.kind');
    const extra = parseProject(withDataset({ id: 'avdigits', bindings: { n1: 'image' }, colour: 'red' }));
    expect(!extra.ok && extra.message).toMatch(/dataset\.colour: unknown field/);
  });
});
