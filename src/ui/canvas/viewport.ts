// Viewport geometry for the canvas (pure).

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Whether `bounds` (flow coordinates) is wholly inside a `width` × `height` pane at `viewport`. */
export function inView(bounds: Rect, viewport: { x: number; y: number; zoom: number }, width: number, height: number): boolean {
  const left = bounds.x * viewport.zoom + viewport.x;
  const top = bounds.y * viewport.zoom + viewport.y;
  const right = (bounds.x + bounds.width) * viewport.zoom + viewport.x;
  const bottom = (bounds.y + bounds.height) * viewport.zoom + viewport.y;
  return left >= -1 && top >= -1 && right <= width + 1 && bottom <= height + 1;
}
