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
      'fusion.concat',
      'head.classify',
    ]);
  });

  it('finds kinds by id and category', () => {
    expect(getKind('fusion.nope')).toBeUndefined();
    expect(getKind('toString')).toBeUndefined();
    expect(isNodeKindId('encoder.mlp')).toBe(true);
    expect(isNodeKindId('constructor')).toBe(false);
    expect(kindsInCategory('encoder').map((k) => k.id)).toEqual(['encoder.mlp', 'encoder.cnn2d']);
    expect(kindsInCategory('regularisation')).toEqual([]);
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
    // Port naming convention: single/multi input "in", output "out".
    for (const p of kind.inputs) {
      expect(p.name).toBe('in');
      expect(p.min).toBeLessThanOrEqual(p.max);
      expect(p.accepts.length).toBeGreaterThan(0);
    }
    for (const p of kind.outputs) expect(p.name).toBe('out');
    expect(kind.outputs.length).toBe(1);
    if (kind.category === 'input') expect(kind.inputs).toEqual([]);
    else expect(kind.inputs.length).toBeGreaterThan(0);
    // Defaults satisfy their own specs; names are unique.
    for (const spec of kind.params) expect(checkParam(spec, spec.default)).toBeNull();
    expect(new Set(kind.params.map((p) => p.name)).size).toBe(kind.params.length);
  });
});
