// The small live map on an attention node of the canvas: the newest snapshot of its probe,
// averaged over the probe samples (and heads). It mounts once the run has a probe for the node and
// redraws in requestAnimationFrame when a new snapshot arrives, without re-rendering the node.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { RAMP, rampIndex } from './colors.ts';
import { frameAt, heatmaps, seriesOf, subscribeHeatmaps } from './heatmapStore.ts';
import { select } from './selection.ts';
import { thumbnailMatrix } from './views.ts';
import type { GraphNode } from '../../graph/index.ts';
import { actions } from '../hooks/useAppStore.ts';

/** Node kinds that can have a probe (the compiler exposes attention or gates for them). */
export const PROBE_KINDS: ReadonlySet<string> = new Set(['fusion.modalityAttention', 'fusion.crossAttention', 'fusion.transformer', 'fusion.gated', 'fusion.late', 'encoder.transformer']);

function drawThumb(canvas: HTMLCanvasElement, nodeId: string): void {
  const s = heatmaps();
  const series = seriesOf(s, nodeId);
  const f = series ? frameAt(series, s.ticks.length - 1) : null;
  const ctx = canvas.getContext('2d');
  if (!series || !f || !ctx) return;
  const { matrix: m, max } = thumbnailMatrix(series, f.values);
  // One pixel per cell, scaled up by CSS (pixelated).
  if (canvas.width !== m.cols || canvas.height !== m.rows) {
    canvas.width = Math.max(1, m.cols);
    canvas.height = Math.max(1, m.rows);
  }
  const img = ctx.createImageData(canvas.width, canvas.height);
  for (let i = 0; i < m.rows * m.cols; i++) {
    const k = rampIndex(m.values[i] as number, max) * 3;
    img.data[i * 4] = RAMP[k] ?? 0;
    img.data[i * 4 + 1] = RAMP[k + 1] ?? 0;
    img.data[i * 4 + 2] = RAMP[k + 2] ?? 0;
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

function ThumbCanvas({ nodeId }: { nodeId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let frame = 0;
    const draw = (): void => {
      frame = 0;
      if (ref.current) drawThumb(ref.current, nodeId);
    };
    const request = (): void => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    request();
    const unsubscribe = subscribeHeatmaps(request);
    return () => {
      unsubscribe();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [nodeId]);
  return (
    <canvas
      ref={ref}
      className="fnode-attn nodrag"
      width={1}
      height={1}
      role="img"
      aria-label="Live attention map of this node (open it in the Attention tab)"
      title="Live attention map (mean over the probe samples). Click to open it in the Attention tab."
      data-testid={`node.${nodeId}.attention`}
      onClick={(e) => {
        e.stopPropagation();
        select({ nodeId });
        actions().setDockTab('attention');
      }}
    />
  );
}

/**
 * Renders the thumbnail once the watched run has a probe for this node, and only while the node is
 * the one that run trained (same kind and parameters): a map never shows on another model's node.
 */
export function AttentionThumbnail({ node }: { node: GraphNode }) {
  const has = useSyncExternalStore(subscribeHeatmaps, () => {
    const s = heatmaps();
    const trained = s.document?.graph.nodes.find((n) => n.id === node.id);
    return seriesOf(s, node.id) !== undefined && trained?.kind === node.kind && JSON.stringify(trained.params) === JSON.stringify(node.params);
  });
  return has ? <ThumbCanvas nodeId={node.id} /> : null;
}
