import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject } from './document.ts';
import { getKind } from './registry.ts';
import { EXAMPLE_PROJECT_NAME, TEMPLATES, exampleProject, templateAvailability, type Template } from './templates.ts';
import { validateGraph } from './validate.ts';

const byId = (id: string): Template => {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(id);
  return t;
};

describe('templates', () => {
  it('cover the four paradigms in order, then cross-attention', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['early', 'intermediate', 'late', 'attention', 'crossAttention']);
    for (const t of TEMPLATES) expect(t.description.split(/(?<=\.)\s+/)).toHaveLength(1);
  });

  it('require exactly the kinds their graphs use', () => {
    for (const t of TEMPLATES) {
      const used = new Set(t.build().graph.nodes.map((n) => n.kind));
      expect([...used].sort(), t.id).toEqual([...t.requires].sort());
    }
  });

  it('are available exactly when their kinds are registered (all of them, now that the catalogue is complete)', () => {
    for (const t of TEMPLATES) expect(templateAvailability(t), t.id).toEqual({ available: true });
    const missing: Template = { ...byId('late'), requires: ['fusion.nope'] };
    expect(templateAvailability(missing)).toEqual({ available: false, reason: 'Needs fusion.nope, which arrives with the node catalogue.' });
    for (const t of TEMPLATES) {
      expect(templateAvailability(t).available).toBe(t.requires.every((id) => getKind(id) !== undefined));
    }
  });

  it('available templates build graphs that validate clean and round-trip', () => {
    const available = TEMPLATES.filter((t) => templateAvailability(t).available);
    expect(available.map((t) => t.id)).toEqual(['early', 'intermediate', 'late', 'attention', 'crossAttention']);
    for (const t of available) {
      const doc = t.build();
      expect(validateGraph(doc.graph), t.id).toEqual([]);
      expect(parseProject(serializeProject(doc))).toEqual({ ok: true, document: doc });
    }
  });

  it('build fresh documents each time', () => {
    const t = byId('intermediate');
    expect(t.build()).not.toBe(t.build());
    expect(t.build()).toEqual(t.build());
  });
});

describe('exampleProject', () => {
  it('is the intermediate template under its example name', () => {
    const doc = exampleProject();
    expect(doc.name).toBe(EXAMPLE_PROJECT_NAME);
    expect(doc.name).toBe('Example: image + audio digits (intermediate fusion)');
    expect({ ...doc, name: '', dataset: null }).toEqual({ ...byId('intermediate').build(), name: '', dataset: null });
    // Opens on the built-in real dataset, which its inputs fit as they are.
    expect(doc.dataset).toEqual({ id: 'avdigits' });
  });

  it('uses 28×28×1 images and 1 s of 8 kHz audio framed at 256 / 128', () => {
    const doc = exampleProject();
    const kinds = doc.graph.nodes.map((n) => n.kind);
    expect(kinds).toEqual(['input.image', 'input.audio', 'encoder.cnn2d', 'encoder.mlp', 'fusion.concat', 'head.classify']);
    expect(doc.graph.nodes[0]?.params).toEqual({ height: 28, width: 28, channels: 1 });
    expect(doc.graph.nodes[1]?.params).toEqual({ sampleRate: 8000, clipSamples: 8000, frameLength: 256, frameStep: 128 });
    expect(doc.graph.nodes[5]?.params).toMatchObject({ classes: 10 });
    expect(validateGraph(doc.graph)).toEqual([]);
  });

  it('is laid out with distinct positions', () => {
    const positions = exampleProject().graph.nodes.map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(positions).size).toBe(positions.length);
  });
});

describe('the cross-attention template', () => {
  it('lets each modality attend to the other: audio frames query image patches and image patches query audio frames', () => {
    const doc = byId('crossAttention').build();
    const into = (target: string, port: string): string[] => doc.graph.edges.filter((e) => e.target === target && e.targetPort === port).map((e) => e.source);
    expect(into('n5', 'query')).toEqual(['n4']);
    expect(into('n5', 'context')).toEqual(['n3']);
    expect(into('n6', 'query')).toEqual(['n3']);
    expect(into('n6', 'context')).toEqual(['n4']);
    expect(doc.graph.nodes.filter((n) => n.kind === 'fusion.crossAttention').map((n) => n.params['heads'])).toEqual([4, 4]);
    expect(validateGraph(doc.graph)).toEqual([]);
  });
});
