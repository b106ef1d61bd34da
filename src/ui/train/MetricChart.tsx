// One live chart (loss or accuracy) on a <canvas>: redrawn inside requestAnimationFrame when the
// telemetry buffer or the canvas size changed, never by React (the component renders once).
import { useEffect, useRef } from 'react';
import { CHART_COLORS, drawChart } from './chartDraw.ts';
import type { ChartMetric } from './chartDraw.ts';
import { subscribeTelemetry, telemetry } from './telemetry.ts';

const TITLES: Record<ChartMetric, string> = { loss: 'Loss', accuracy: 'Accuracy' };

export function MetricChart({ metric }: { metric: ChartMetric }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let frame = 0;
    let size = { w: 0, h: 0, dpr: 1 };
    let drawnVersion = -1;
    let drawnSize = '';

    const draw = (): void => {
      frame = 0;
      const t = telemetry();
      const key = `${size.w}x${size.h}@${size.dpr}`;
      if (t.version === drawnVersion && key === drawnSize) return;
      drawnVersion = t.version;
      drawnSize = key;
      if (canvas.width !== Math.round(size.w * size.dpr) || canvas.height !== Math.round(size.h * size.dpr)) {
        canvas.width = Math.round(size.w * size.dpr);
        canvas.height = Math.round(size.h * size.dpr);
      }
      ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
      drawChart(ctx, size.w, size.h, t, metric);
    };
    const request = (): void => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };

    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (!box) return;
      size = { w: Math.max(1, box.width), h: Math.max(1, box.height), dpr: window.devicePixelRatio || 1 };
      request();
    });
    observer.observe(canvas);
    const unsubscribe = subscribeTelemetry(request);
    return () => {
      unsubscribe();
      observer.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [metric]);

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
