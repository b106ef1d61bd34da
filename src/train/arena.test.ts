// The fusion arena: variants of real templates, and a leaderboard on synergy (XOR) data.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES, validateGraph, type ProjectDocument } from '../graph/index.ts';
import { analyseFusion, arenaVariants, makeVariant, rankRows, runArena } from './arena.ts';
import { toyDataset, toyDocument, toyGraph } from './loop/testing.ts';
import { FUSION_STRATEGIES, type ArenaRow } from './trainingProtocol.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function template(id: string): ProjectDocument {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t.build();
}

describe('arena variants', () => {
  it.each(['intermediate', 'attention'])('every strategy gives a valid variant of the %s template', (id) => {
    const doc = template(id);
    const variants = arenaVariants(doc, FUSION_STRATEGIES);
    for (const v of variants) {
      if (!v.ok) throw new Error(`${v.strategy}: ${v.reason}`);
      expect(validateGraph(v.document.graph).filter((d) => d.severity === 'error')).toEqual([]);
    }
    expect(variants.map((v) => v.strategy)).toEqual([...FUSION_STRATEGIES]);
  });

  it('keeps the encoders and the head, and swaps only the fusion', () => {
    const doc = template('intermediate');
    const v = makeVariant(doc, 'gated');
    if (!v.ok) throw new Error(v.reason);
    const kinds = v.document.graph.nodes.map((n) => `${n.id}:${n.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(['n1:input.image', 'n2:input.audio', 'n3:encoder.cnn2d', 'n4:encoder.mlp', 'n6:head.classify']));
    expect(kinds.filter((k) => k.includes('fusion.'))).toEqual([expect.stringMatching(/:fusion\.gated$/)]);
    expect(makeVariant(doc, 'concat')).toEqual({ strategy: 'concat', ok: true, document: doc });
  });

  it('late fusion gives each branch its own classifier; early fusion joins the raw inputs', () => {
    const doc = template('attention');
    const late = makeVariant(doc, 'late');
    if (!late.ok) throw new Error(late.reason);
    expect(late.document.graph.nodes.filter((n) => n.kind === 'head.classify')).toHaveLength(2);
    const early = makeVariant(doc, 'early');
    if (!early.ok) throw new Error(early.reason);
    const join = early.document.graph.nodes.find((n) => n.kind === 'fusion.early');
    expect(early.document.graph.edges.filter((e) => e.target === join?.id).map((e) => e.source).sort()).toEqual(['n1', 'n2']);
    expect(early.document.graph.nodes.some((n) => n.kind === 'encoder.cnn2d')).toBe(false);
  });

  it('reads the late and early templates too, and turns them into the other strategies', () => {
    for (const id of ['late', 'early']) {
      const doc = template(id);
      const analysed = analyseFusion(doc.graph);
      expect(analysed.ok).toBe(true);
      for (const s of ['concat', 'modalityAttention', 'late', 'early'] as const) {
        const v = makeVariant(doc, s, analysed);
        if (!v.ok) throw new Error(`${id} → ${s}: ${v.reason}`);
      }
    }
  });

  it('skips with a reason what cannot apply', () => {
    const single = { ...template('intermediate') };
    const oneInput = { ...single, graph: { nodes: single.graph.nodes.filter((n) => n.id !== 'n2' && n.id !== 'n4'), edges: single.graph.edges.filter((e) => !['n2', 'n4'].includes(e.source)) } };
    const v = makeVariant(oneInput, 'concat');
    expect(v.ok).toBe(false);
    expect(v.ok ? '' : v.reason).toMatch(/problems to fix first|has 1 input/);
  });

  it('ranks rows by validation accuracy, ties sharing a rank', () => {
    const row = (strategy: 'concat' | 'late' | 'gated', acc: number): ArenaRow => ({ status: 'done', strategy, runId: strategy, valAccuracy: acc, testAccuracy: null, ablation: [], params: 0, secondsPerEpoch: 0, rank: 0 });
    const ranked = rankRows([row('late', 0.5), row('concat', 0.9), row('gated', 0.9), { status: 'skipped', strategy: 'bilinear', reason: 'x' }]);
    expect(ranked.map((r) => [r.strategy, r.status === 'done' ? r.rank : null])).toEqual([
      ['concat', 1],
      ['gated', 1],
      ['late', 3],
      ['bilinear', null],
    ]);
  });
});

describe('runArena', () => {
  it('on XOR (synergy) data, late fusion ranks below concatenation; every run is kept with its graph', async () => {
    const data = toyDataset({ kind: 'xor', n: 400, features: 8, seed: 11 });
    const doc = toyDocument(toyGraph('fusion.concat', { features: 8, units: 16, hidden: 16 }), { epochs: 20, learningRate: 0.01, batchSize: 32, seed: 7 });
    const rows: ArenaRow[] = [];
    const before = tf.memory().numTensors;
    const result = await runArena({ arenaId: 'arena-1', document: doc, data, strategies: ['concat', 'late'], onRow: (r) => rows.push(r) });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.status).toBe('done');
    expect(rows.map((r) => r.strategy)).toEqual(['concat', 'late']);
    const byStrategy = Object.fromEntries(result.rows.map((r) => [r.strategy, r]));
    const concat = byStrategy['concat'];
    const late = byStrategy['late'];
    if (concat?.status !== 'done' || late?.status !== 'done') throw new Error('both should run');
    expect(concat.rank).toBe(1);
    expect(late.rank).toBe(2);
    expect(concat.valAccuracy).toBeGreaterThan(0.9);
    expect(late.valAccuracy).toBeLessThan(0.7);
    expect(concat.testAccuracy).not.toBeNull();
    expect(concat.ablation.map((a) => a.modality)).toEqual(['a', 'b']);
    expect(concat.params).toBeGreaterThan(0);
    expect(result.records.map((r) => [r.runId, r.strategy, r.arenaId])).toEqual([
      ['arena-1/concat', 'concat', 'arena-1'],
      ['arena-1/late', 'late', 'arena-1'],
    ]);
    expect(result.records[1]?.document.graph.nodes.some((n) => n.kind === 'fusion.late')).toBe(true);
  });
});
