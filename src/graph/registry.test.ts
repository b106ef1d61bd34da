import { describe, expect, it } from 'vitest';
import { checkParam } from './params.ts';
import { NODE_KINDS, NODE_KIND_IDS, getKind, isNodeKindId, kindsInCategory } from './registry.ts';
import { CATEGORY_TITLES, type Category } from './types.ts';

describe('registry', () => {
  it("keys every kind by its own id (the file's id equals the registry key)", () => {
    expect(NODE_KIND_IDS.length).toBe(NODE_KINDS.length);
    NODE_KINDS.forEach((kind, i) => expect(kind.id).toBe(NODE_KIND_IDS[i]));
    for (const id of NODE_KIND_IDS) expect(getKind(id)?.id).toBe(id);
  });

  it('has unique ids named <category-ish>.<name>', () => {
    expect(new Set(NODE_KIND_IDS).size).toBe(NODE_KIND_IDS.length);
    for (const id of NODE_KIND_IDS) expect(id).toMatch(/^(input|encoder|fusion|head|reg)\.[a-z][A-Za-z0-9]*$/);
  });

  it('lists the palette in category order', () => {
    const order: Category[] = ['input', 'encoder', 'fusion', 'head', 'regularisation'];
    const ranks = NODE_KINDS.map((k) => order.indexOf(k.category));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(NODE_KIND_IDS).toEqual([
      'input.image',
      'input.audio',
      'input.text',
      'input.tabular',
      'input.sequence',
      'encoder.mlp',
      'encoder.cnn2d',
      'encoder.cnn1d',
      'encoder.embedding',
      'encoder.transformer',
      'encoder.rnn',
      'encoder.patches',
      'encoder.project',
      'fusion.early',
      'fusion.concat',
      'fusion.elementwise',
      'fusion.late',
      'fusion.modalityAttention',
      'fusion.crossAttention',
      'fusion.transformer',
      'fusion.tensor',
      'fusion.lowRank',
      'fusion.gated',
      'fusion.film',
      'fusion.bilinear',
      'head.classify',
      'head.regress',
      'head.multilabel',
      'reg.dropout',
      'reg.modalityDropout',
    ]);
  });

  it('finds kinds by id and category', () => {
    expect(getKind('fusion.nope')).toBeUndefined();
    expect(getKind('toString')).toBeUndefined();
    expect(isNodeKindId('encoder.mlp')).toBe(true);
    expect(isNodeKindId('constructor')).toBe(false);
    expect(kindsInCategory('encoder').map((k) => k.id)).toEqual([
      'encoder.mlp',
      'encoder.cnn2d',
      'encoder.cnn1d',
      'encoder.embedding',
      'encoder.transformer',
      'encoder.rnn',
      'encoder.patches',
      'encoder.project',
    ]);
    expect(kindsInCategory('regularisation').map((k) => k.id)).toEqual(['reg.dropout', 'reg.modalityDropout']);
    for (const cat of Object.keys(CATEGORY_TITLES) as Category[]) {
      for (const k of kindsInCategory(cat)) expect(k.category).toBe(cat);
    }
  });

  it.each(NODE_KINDS.map((k) => [k.id, k] as const))('%s is a complete declaration', (_id, kind) => {
    expect(kind.title.length).toBeGreaterThan(0);
    const sentences = kind.description.split(/(?<=\.)\s+/).filter(Boolean);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(3);
    expect(kind.math.length).toBeGreaterThan(0);
    // Port naming convention: a single role is "in" (one edge or many) and "out"; two roles get
    // their own names (cross-attention query/context, FiLM features/condition); reg.modalityDropout
    // mirrors in_k → out_k.
    const mirrored = kind.id === 'reg.modalityDropout';
    for (const p of kind.inputs) {
      if (mirrored) expect(p.name).toMatch(/^in_[1-4]$/);
      else if (kind.inputs.length === 1) expect(p.name).toBe('in');
      else expect(p.name).toMatch(/^[a-z][a-zA-Z]*$/);
      expect(p.min).toBeLessThanOrEqual(p.max);
      expect(p.accepts.length).toBeGreaterThan(0);
    }
    if (mirrored) {
      expect(kind.outputs.map((p) => p.name)).toEqual(kind.inputs.map((p) => p.name.replace('in_', 'out_')));
    } else {
      expect(kind.outputs.map((p) => p.name)).toEqual(['out']);
    }
    expect(new Set(kind.inputs.map((p) => p.name)).size).toBe(kind.inputs.length);
    // Fusion nodes take two or more inputs (in total over their ports), and say where they come from.
    if (kind.category === 'fusion') {
      expect(kind.inputs.reduce((a, p) => a + p.max, 0)).toBeGreaterThanOrEqual(2);
      expect(kind.reference, 'fusion kinds cite their paper').toBeDefined();
    }
    if (kind.category !== 'input') expect(kind.paramsFormula, 'a parameter formula').toBeDefined();
    if (kind.category === 'input') expect(kind.inputs).toEqual([]);
    else expect(kind.inputs.length).toBeGreaterThan(0);
    // Defaults satisfy their own specs; names are unique.
    for (const spec of kind.params) expect(checkParam(spec, spec.default)).toBeNull();
    expect(new Set(kind.params.map((p) => p.name)).size).toBe(kind.params.length);
  });
});

describe('pass-through outputs', () => {
  it('name an input port of their own kind', () => {
    for (const kind of NODE_KINDS) {
      for (const out of kind.outputs) {
        if (out.follows !== undefined) expect(kind.inputs.map((p) => p.name), `${kind.id}.${out.name}`).toContain(out.follows);
      }
    }
  });
});
