// The throughput benchmark page: runs each backend in a fresh worker and hands the results to
// Playwright (window.bench). Nothing trains on this thread.
import type { BackendResult, BenchPage, RunConfig, WorkerEvent, WorkerRequest } from './protocol.ts';

const log = document.getElementById('log');

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
    worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
      const msg = e.data;
      if (msg.type === 'progress') line(msg.text);
      else if (msg.type === 'result') {
        finish();
        resolve(msg.result);
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
