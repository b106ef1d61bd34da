// "Export PNG": the view the Attention tab shows, drawn again at twice the size onto an off-screen
// canvas with a header (what, when, which sample and head), and downloaded as a PNG file.
import { FONT, FONT_BOLD } from './draw.ts';
import { heatmaps } from './heatmapStore.ts';
import { drawView, outlineOf, selectedSeries, shownFrame, tickLabel, type Selection } from './views.ts';

const WIDTH = 1280;
const HEIGHT = 460;
const SCALE = 2;

/** A file name from the map's title and the snapshot ("attention-audio-reads-image-e3-b12.png"). */
export function pngName(title: string, epoch: number | null, batch: number | null, final: boolean): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  const when = epoch === null ? '' : final ? `-trained-e${epoch}` : `-e${epoch}-b${batch ?? 0}`;
  return `attention-${slug || 'map'}${when}.png`;
}

/** Draws the current view with its header onto a new canvas (WIDTH × HEIGHT CSS pixels at 2×). */
export function renderViewCanvas(selection: Selection): { canvas: HTMLCanvasElement; name: string } {
  const s = heatmaps();
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH * SCALE;
  canvas.height = HEIGHT * SCALE;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw to a canvas.');
  ctx.scale(SCALE, SCALE);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  const outline = outlineOf(s, selection);
  const series = selectedSeries(s, selection);
  const shown = series ? shownFrame(s, series) : null;
  const title = outline?.title ?? 'Attention';
  ctx.fillStyle = '#0f172a';
  ctx.font = FONT_BOLD.replace('11.5px', '15px');
  ctx.textBaseline = 'top';
  ctx.fillText(title, 24, 18);
  ctx.font = FONT.replace('11px', '12px');
  ctx.fillStyle = '#475569';
  const parts = [
    shown ? tickLabel(shown.tick, s.plan?.batchesPerEpoch) : 'no snapshot',
    outline?.samples[selection.sample] !== undefined ? `sample ${outline.samples[selection.sample]}` : '',
    outline && outline.heads > 1 ? (selection.head === 'mean' ? 'mean of heads' : `head ${selection.head + 1}`) : '',
    outline?.queries && selection.query !== null ? `query ${outline.queries[selection.query] ?? ''}` : '',
    s.document?.name ?? '',
  ].filter(Boolean);
  ctx.fillText(parts.join('  ·  '), 24, 40);
  ctx.fillStyle = '#e2e8f0';
  ctx.fillRect(24, 62, WIDTH - 48, 1);
  const top = 78;
  const h = HEIGHT - top - 20;
  drawView(ctx, s, selection, { x: 24, y: top, w: WIDTH * 0.58 - 24, h }, { x: WIDTH * 0.6, y: top, w: WIDTH * 0.4 - 24, h });
  const tick = shown?.tick;
  return { canvas, name: pngName(title, tick?.epoch ?? null, tick?.batch ?? null, tick?.final ?? false) };
}

/** Renders the view and starts the download. Resolves with the file name. */
export async function exportViewPng(selection: Selection): Promise<string> {
  const { canvas, name } = renderViewCanvas(selection);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The picture could not be encoded as PNG.');
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
