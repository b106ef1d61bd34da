// The Attention tab's picture: the chosen map and its side view on one <canvas>, redrawn inside
// requestAnimationFrame when a snapshot arrives, the timeline moves, the choices or the size change.
// React renders it only when the choices change; snapshots never re-render it.
import { useCallback, useEffect, useRef } from 'react';
import { useCanvasFrames, type CanvasDraw } from '../hooks/useCanvasFrames.ts';
import { rowAt, type HeatmapGeometry } from './draw.ts';
import { heatmaps, subscribeHeatmaps } from './heatmapStore.ts';
import { select } from './selection.ts';
import { drawView, selectedSeries, shownFrame, tickLabel, type Selection, type ViewOutline } from './views.ts';

/** Below this width the side view (class means, overlays) is left out. */
const SIDE_MIN_WIDTH = 640;

export function ViewCanvas({ selection, outline }: { selection: Selection; outline: ViewOutline | null }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const geometry = useRef<HeatmapGeometry | null>(null);
  const selectionRef = useRef(selection);

  const draw = useCallback<CanvasDraw>((ctx, w, h) => {
    const canvas = ctx.canvas;
    ctx.clearRect(0, 0, w, h);
    const withSide = w >= SIDE_MIN_WIDTH;
    const mainW = withSide ? Math.max(320, w * 0.58) : w;
    const main = { x: 4, y: 6, w: mainW - 12, h: h - 10 };
    const side = withSide ? { x: mainW + 14, y: 6, w: w - mainW - 22, h: h - 10 } : null;
    const state = heatmaps();
    const sel = selectionRef.current;
    geometry.current = drawView(ctx, state, sel, main, side).main;
    // What is on the canvas, stated for assistive tools and tests (a canvas has no text to read).
    const series = selectedSeries(state, sel);
    const shown = series ? shownFrame(state, series) : null;
    Object.assign(canvas.dataset, {
      node: series?.info.nodeId ?? '',
      head: sel.head === 'mean' ? 'mean' : String(sel.head + 1),
      sample: String(sel.sample + 1),
      query: sel.query === null ? 'mean' : String(sel.query + 1),
      tick: shown ? tickLabel(shown.tick) : '',
    });
  }, []);
  const redraw = useCanvasFrames(canvasRef, draw, subscribeHeatmaps);

  useEffect(() => {
    selectionRef.current = selection;
    redraw();
  }, [selection, redraw]);

  const rowsAre = outline?.kind === 'cross' ? 'query' : outline?.kind === 'cls' ? 'head' : 'sample';
  return (
    <canvas
      ref={canvasRef}
      className="attn-canvas"
      data-testid="attn.canvas"
      role="img"
      aria-label={outline ? `${outline.title}: heatmap; click a row to choose a ${rowsAre}` : 'Attention heatmap'}
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const row = rowAt(geometry.current, e.clientX - box.left, e.clientY - box.top);
        if (row === null || !outline) return;
        if (outline.kind === 'cross') select({ query: selectionRef.current.query === row ? null : row });
        else if (outline.kind === 'cls') select({ head: row >= outline.heads ? 'mean' : row });
        else select({ sample: row });
      }}
    />
  );
}
