// A <canvas> drawn inside requestAnimationFrame, never by React: sized to its box at the device's
// pixel ratio, redrawn when its box changes and whenever `subscribe` reports a change (a burst of
// changes costs one frame). Live charts and heatmaps draw this way from their transient stores.
import { useCallback, useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/** Draws in CSS pixels; `resized` is true when the canvas was just resized (and so cleared). */
export type CanvasDraw = (ctx: CanvasRenderingContext2D, width: number, height: number, resized: boolean) => void;

/** Returns a function that asks for a redraw (e.g. after a prop the drawing reads changed). */
export function useCanvasFrames(ref: RefObject<HTMLCanvasElement | null>, draw: CanvasDraw, subscribe?: (listener: () => void) => () => void): () => void {
  const drawRef = useRef(draw);
  const requestRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    drawRef.current = draw;
  }, [draw]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let frame = 0;
    let size = { w: 0, h: 0, dpr: 1 };
    const paint = (): void => {
      frame = 0;
      if (size.w < 1 || size.h < 1) return;
      const w = Math.round(size.w * size.dpr);
      const h = Math.round(size.h * size.dpr);
      const resized = canvas.width !== w || canvas.height !== h;
      if (resized) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
      drawRef.current(ctx, size.w, size.h, resized);
    };
    const request = (): void => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    };
    requestRef.current = request;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (!box) return;
      size = { w: Math.max(1, box.width), h: Math.max(1, box.height), dpr: window.devicePixelRatio || 1 };
      request();
    });
    observer.observe(canvas);
    const unsubscribe = subscribe?.(request);
    return () => {
      unsubscribe?.();
      observer.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
      requestRef.current = () => undefined;
    };
  }, [ref, subscribe]);

  return useCallback(() => requestRef.current(), []);
}
