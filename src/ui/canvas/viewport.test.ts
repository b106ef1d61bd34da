import { describe, expect, it } from 'vitest';
import { inView } from './viewport.ts';

describe('inView', () => {
  const graph = { x: 0, y: 0, width: 800, height: 300 };
  it('is true when the graph at this viewport fits the pane, and false once the pane is shorter or narrower', () => {
    const viewport = { x: 20, y: 100, zoom: 1 };
    expect(inView(graph, viewport, 900, 500)).toBe(true);
    // The dock opens: the pane loses 250 px of height, the graph's bottom (400 px) is cut.
    expect(inView(graph, viewport, 900, 250)).toBe(false);
    expect(inView(graph, viewport, 700, 500)).toBe(false);
  });

  it('applies the zoom and the pan', () => {
    expect(inView(graph, { x: 0, y: 0, zoom: 0.5 }, 400, 150)).toBe(true);
    expect(inView(graph, { x: -10, y: 0, zoom: 0.5 }, 400, 150)).toBe(false);
  });
});
