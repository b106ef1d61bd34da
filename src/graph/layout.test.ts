import { describe, expect, it } from 'vitest';
import { LAYOUT_COLUMN_GAP, LAYOUT_ROW_GAP, autoLayout } from './layout.ts';
import { exampleProject } from './templates.ts';
import { edge, graphOf, node } from './testing.ts';
import type { Graph } from './types.ts';

function pos(g: Graph): Record<string, [number, number]> {
  return Object.fromEntries(g.nodes.map((n) => [n.id, [n.position.x, n.position.y]]));
}
function expectNoOverlap(g: Graph): void {
  for (const a of g.nodes) {
    for (const b of g.nodes) {
      if (a === b) continue;
      const dx = Math.abs(a.position.x - b.position.x);
      const dy = Math.abs(a.position.y - b.position.y);
      expect(dx >= LAYOUT_COLUMN_GAP || dy >= LAYOUT_ROW_GAP, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  }
}

describe('autoLayout', () => {
  it('places columns by longest path from the inputs and centres them', () => {
    const laid = autoLayout(exampleProject().graph);
    expect(pos(laid)).toEqual({
      n1: [0, 0],
      n2: [0, 150],
      n3: [340, 0],
      n4: [340, 150],
      n5: [680, 75],
      n6: [1020, 75],
    });
  });

  it('uses the longest path, not the shortest', () => {
    // t → m → f and t → f: f sits after m.
    const g = graphOf(
      [node('t', 'input.tabular'), node('m', 'encoder.mlp'), node('f', 'fusion.concat')],
      [edge('e1', 't', 'm'), edge('e2', 'm', 'f'), edge('e3', 't', 'f')],
    );
    expect(pos(autoLayout(g))['f']?.[0]).toBe(2 * LAYOUT_COLUMN_GAP);
  });

  it('orders columns to avoid crossings (barycentre)', () => {
    // Encoders listed in the opposite order of their inputs: the layout should uncross them.
    const g = graphOf(
      [node('a', 'input.image'), node('b', 'input.tabular'), node('eb', 'encoder.mlp'), node('ea', 'encoder.cnn2d'), node('f', 'fusion.concat')],
      [edge('e1', 'a', 'ea'), edge('e2', 'b', 'eb'), edge('e3', 'ea', 'f'), edge('e4', 'eb', 'f')],
    );
    const p = pos(autoLayout(g));
    expect(p['ea']?.[1]).toBeLessThan(p['eb']?.[1] ?? 0);
    expect(p['a']?.[1]).toBeLessThan(p['b']?.[1] ?? 0);
  });

  it('is deterministic, pure and never overlaps nodes', () => {
    const nodes = Array.from({ length: 12 }, (_, i) => node(`t${i}`, 'input.tabular'));
    const encoders = Array.from({ length: 12 }, (_, i) => node(`m${i}`, 'encoder.mlp'));
    const edges = encoders.map((m, i) => edge(`e${i}`, `t${(i * 5) % 12}`, m.id));
    const g = graphOf([...nodes, ...encoders, node('f', 'fusion.concat')], [...edges, ...encoders.map((m, i) => edge(`f${i}`, m.id, 'f'))]);
    const before = JSON.stringify(g);
    const a = autoLayout(g);
    const b = autoLayout(g);
    expect(a).toEqual(b);
    expect(JSON.stringify(g)).toBe(before);
    expectNoOverlap(a);
    expect(a.edges).toBe(g.edges);
    expect(a.nodes.map((n) => n.id)).toEqual(g.nodes.map((n) => n.id));
  });

  it('terminates on cycles and ignores dangling edges', () => {
    const g = graphOf(
      [node('a', 'encoder.mlp'), node('b', 'encoder.mlp'), node('c', 'encoder.mlp')],
      [edge('e1', 'a', 'b'), edge('e2', 'b', 'c'), edge('e3', 'c', 'a'), edge('e4', 'c', 'ghost')],
    );
    const laid = autoLayout(g);
    expectNoOverlap(laid);
    expect(pos(laid)).toEqual({ a: [0, 0], b: [340, 0], c: [680, 0] });
  });

  it('keeps labels and params', () => {
    const g = graphOf([node('a', 'input.image', { height: 5 }, 'Pic')]);
    expect(autoLayout(g).nodes[0]).toEqual({ ...g.nodes[0], position: { x: 0, y: 0 } });
  });
});
