// Drives bench/web/throughput.html: one backend at a time, each in a fresh worker.
import type { Browser } from '@playwright/test';
import type { BackendId, BackendResult, BenchPage, RunConfig } from '../web/protocol.ts';

export interface PageFacts {
  readonly crossOriginIsolated: boolean;
  readonly userAgent: string;
  readonly hardwareConcurrency: number;
}

export interface ThroughputRun {
  readonly page: PageFacts;
  readonly backends: readonly BackendResult[];
}

export async function runThroughput(
  browser: Browser,
  url: string,
  configs: readonly RunConfig[],
  timeoutMs: (backend: BackendId) => number,
  log: (line: string) => void,
): Promise<ThroughputRun> {
  const page = await browser.newPage();
  page.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith('[bench] ')) log(text.slice(8));
    else if (msg.type() === 'error' && !text.startsWith('Failed to load resource')) log(`page error: ${text}`);
  });
  page.on('pageerror', (err) => log(`page error: ${err.message}`));
  try {
    await page.goto(`${url}bench/web/throughput.html`);
    await page.waitForFunction(() => (window as unknown as { bench?: BenchPage }).bench !== undefined);
    const facts = await page.evaluate(() => {
      const b = (window as unknown as { bench: BenchPage }).bench;
      return { crossOriginIsolated: b.crossOriginIsolated, userAgent: b.userAgent, hardwareConcurrency: b.hardwareConcurrency };
    });
    const backends: BackendResult[] = [];
    for (const config of configs) {
      const t0 = performance.now();
      try {
        const result = await page.evaluate(
          ({ config, timeout }) => (window as unknown as { bench: BenchPage }).bench.runBackend(config, timeout),
          { config, timeout: timeoutMs(config.backend) },
        );
        backends.push(result);
        log(result.available ? `${config.backend}: done in ${Math.round(result.seconds)} s` : `${config.backend}: skipped (${result.reason ?? 'unavailable'})`);
      } catch (err) {
        const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'failed';
        log(`${config.backend}: failed: ${reason}`);
        backends.push({ backend: config.backend, label: config.threads ? `${config.backend} (${config.threads} threads)` : config.backend, available: false, reason, info: {}, models: [], seconds: Math.round((performance.now() - t0) / 100) / 10 });
      }
    }
    return { page: facts, backends };
  } finally {
    await page.close();
  }
}
