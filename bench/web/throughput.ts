// The throughput benchmark page: runs each backend in a fresh worker and hands the results to
// Playwright (window.bench). Nothing trains on this thread; with live heatmaps, the worker's probe
// snapshots land in the app's heatmap store and are drawn here as the Attention tab draws them.
import { applyPlan, beginHeatmaps, heatmaps, pushProbe, subscribeHeatmaps } from '../../src/ui/heatmaps/heatmapStore.ts';
import { drawView, DEFAULT_SELECTION } from '../../src/ui/heatmaps/views.ts';
import type { BackendResult, BenchPage, RunConfig, WorkerEvent, WorkerRequest } from './protocol.ts';

const log = document.getElementById('log');

// The live heatmap: a canvas the size of the Attention tab's, redrawn in requestAnimationFrame
// whenever a snapshot arrives (as ViewCanvas does in the app).
const WIDTH = 1100;
const HEIGHT = 260;
const heatmapCanvas = document.createElement('canvas');
heatmapCanvas.width = WIDTH * devicePixelRatio;
heatmapCanvas.height = HEIGHT * devicePixelRatio;
heatmapCanvas.style.width = `${WIDTH}px`;
heatmapCanvas.style.height = `${HEIGHT}px`;
document.body.append(heatmapCanvas);
let heatmapFrames = 0;
let heatmapDrawMs = 0;
let frame = 0;
subscribeHeatmaps(() => {
  if (frame !== 0) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    const ctx = heatmapCanvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    const t0 = performance.now();
    drawView(ctx, heatmaps(), DEFAULT_SELECTION, { x: 4, y: 6, w: WIDTH * 0.58 - 12, h: HEIGHT - 10 }, { x: WIDTH * 0.58 + 14, y: 6, w: WIDTH * 0.42 - 22, h: HEIGHT - 10 });
    heatmapFrames += 1;
    heatmapDrawMs += performance.now() - t0;
  });
});

function onHeatmap(msg: Extract<WorkerEvent, { type: 'heatmap' }>): void {
  if (msg.event.type === 'train.plan') {
    beginHeatmaps(msg.event.runId, msg.document ?? null);
    applyPlan(msg.event);
  } else {
    pushProbe(msg.event);
  }
}

function line(text: string): void {
  console.log(`[bench] ${text}`);
  if (log) log.textContent += `${text}\n`;
}

function runBackend(config: RunConfig, timeoutMs: number): Promise<BackendResult> {
  const worker = new Worker(new URL('./throughput.worker.ts', import.meta.url), { type: 'module', name: `bench-${config.backend}` });
  return new Promise<BackendResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error(`${config.backend} did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      worker.terminate();
    };
    const framesBefore = heatmapFrames;
    const drawMsBefore = heatmapDrawMs;
    worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
      const msg = e.data;
      if (msg.type === 'progress') line(msg.text);
      else if (msg.type === 'heatmap') onHeatmap(msg);
      else if (msg.type === 'result') {
        finish();
        // How many heatmap frames this page drew while the backend ran, and the time drawing took.
        resolve({ ...msg.result, info: { ...msg.result.info, heatmapFrames: heatmapFrames - framesBefore, heatmapDrawMs: Math.round(heatmapDrawMs - drawMsBefore) } });
      } else {
        finish();
        reject(new Error(msg.message));
      }
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(`the worker failed: ${e.message}`));
    };
    const request: WorkerRequest = { type: 'run', config };
    worker.postMessage(request);
  });
}

const bench: BenchPage = {
  crossOriginIsolated: globalThis.crossOriginIsolated,
  userAgent: navigator.userAgent,
  hardwareConcurrency: navigator.hardwareConcurrency,
  runBackend,
};
(window as unknown as { bench: BenchPage }).bench = bench;
line(`ready: crossOriginIsolated ${String(bench.crossOriginIsolated)}, ${bench.hardwareConcurrency} logical cores`);
