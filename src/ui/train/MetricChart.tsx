// One live chart (loss or accuracy) on a <canvas>: redrawn inside requestAnimationFrame when the
// telemetry buffer or the canvas size changed, never by React (the component renders once).
import { useCallback, useEffect, useRef } from 'react';
import { useCanvasFrames, type CanvasDraw } from '../hooks/useCanvasFrames.ts';
import { CHART_COLORS, drawChart } from './chartDraw.ts';
import type { ChartMetric } from './chartDraw.ts';
import { subscribeTelemetry, telemetry } from './telemetry.ts';

const TITLES: Record<ChartMetric, string> = { loss: 'Loss', accuracy: 'Accuracy' };

export function MetricChart({ metric }: { metric: ChartMetric }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawn = useRef({ version: -1, metric: '' });
  const draw = useCallback<CanvasDraw>(
    (ctx, w, h, resized) => {
      const t = telemetry();
      if (!resized && t.version === drawn.current.version && metric === drawn.current.metric) return;
      drawn.current = { version: t.version, metric };
      drawChart(ctx, w, h, t, metric);
    },
    [metric],
  );
  const redraw = useCanvasFrames(canvasRef, draw, subscribeTelemetry);
  useEffect(redraw, [redraw, metric]);

  return (
    <figure className="chart" data-testid={`run.chart.${metric}`}>
      <figcaption className="chart-head">
        <span className="chart-title">{TITLES[metric]}</span>
        <span className="chart-legend">
          <span className="legend-item" title="Training, per batch: the faint line is each batch, the solid one its moving average">
            <span className="legend-line" style={{ background: CHART_COLORS.train }} />
            train
          </span>
          <span className="legend-item" title="Validation, after each epoch">
            <span className="legend-dot" style={{ background: CHART_COLORS.validation }} />
            validation
          </span>
        </span>
      </figcaption>
      <canvas
        ref={canvasRef}
        className="chart-canvas"
        role="img"
        aria-label={`${TITLES[metric]} per epoch: training per batch (smoothed) and validation per epoch`}
      />
    </figure>
  );
}
