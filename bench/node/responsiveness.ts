// Main-thread responsiveness while the real app trains with live charts (issue 5): the app is
// built and served, the example project (image + audio digits on AV-Digits) is trained with the
// Train button, and for `seconds` of the 'training' phase the page records every long task
// (PerformanceObserver 'longtask': main-thread tasks over 50 ms) and every frame gap
// (requestAnimationFrame deltas). Target: no task over 50 ms.
import type { Browser, Page } from '@playwright/test';
import { buildAndServe, type Served } from './server.ts';

export interface ResponsivenessOptions {
  readonly seconds: number;
  readonly log: (line: string) => void;
  /** Backend to pick in the Training tab ('auto' lets the app time them and choose). */
  readonly backend?: string;
}

export interface WindowStats {
  readonly seconds: number;
  readonly longTasks: number;
  /** Longest main-thread task (ms); 0 when none passed 50 ms. */
  readonly longestTaskMs: number;
  /** Summed long-task time over 50 ms each ("total blocking time"). */
  readonly blockingMs: number;
  readonly frames: number;
  readonly worstFrameGapMs: number;
  readonly p99FrameGapMs: number;
  readonly medianFrameGapMs: number;
  /** The longest tasks, longest first (start relative to the window, ms). */
  readonly topTasks: readonly { readonly startMs: number; readonly durationMs: number }[];
}

export type ResponsivenessResult =
  | { readonly status: 'pending'; readonly reason: string; readonly durationSeconds: number }
  | {
      readonly status: 'measured';
      readonly target: string;
      readonly meetsTarget: boolean;
      readonly crossOriginIsolated: boolean;
      readonly dataset: string;
      readonly backend: string;
      readonly settings: Readonly<Record<string, number>>;
      /** The 'training' phase, for `seconds`. */
      readonly training: WindowStats;
      /** From the click on Train to the 'training' phase (compile, backend timing). */
      readonly starting: WindowStats;
      /** An idle page before training, for comparison. */
      readonly idle: WindowStats;
      readonly batchesSeen: string;
      readonly durationSeconds: number;
    };

// In-page code is kept as plain JavaScript text: functions passed to Playwright are serialised
// with their source, and tsx's transform adds helpers (__name) the page does not have.

/** Installed before the app's scripts: long tasks and frame times, kept on window.__resp. */
const INSTRUMENT = `
(() => {
  const r = { tasks: [], frames: [] };
  window.__resp = r;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) r.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    r.longtaskSupported = true;
  } catch (e) {
    r.longtaskSupported = false;
  }
  const frame = (t) => {
    r.frames.push(t);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
`;

/** The statistics of the window [from, to] (ms, performance.now() of the page). */
const STATS = `
((from, to) => {
  const r = window.__resp;
  const tasks = r.tasks.filter((t) => t.start + t.duration > from && t.start < to);
  const frames = r.frames.filter((t) => t >= from && t <= to);
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  const sorted = [...gaps].sort((a, b) => a - b);
  const at = (q) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  const lastFrame = frames[frames.length - 1];
  const firstFrame = frames[0];
  // Gaps that straddle the window's ends count too.
  const edges = [firstFrame === undefined ? to - from : firstFrame - from, lastFrame === undefined ? to - from : to - lastFrame];
  const round = (x) => Math.round(x * 10) / 10;
  return {
    seconds: round((to - from) / 1000),
    longTasks: tasks.length,
    longestTaskMs: round(Math.max(0, ...tasks.map((t) => t.duration))),
    blockingMs: round(tasks.reduce((a, t) => a + Math.max(0, t.duration - 50), 0)),
    frames: frames.length,
    worstFrameGapMs: round(Math.max(at(1), ...edges)),
    p99FrameGapMs: round(at(0.99)),
    medianFrameGapMs: round(at(0.5)),
    topTasks: [...tasks].sort((a, b) => b.duration - a.duration).slice(0, 5).map((t) => ({ startMs: round(t.start - from), durationMs: round(t.duration) })),
  };
})
`;

async function nowIn(page: Page): Promise<number> {
  return (await page.evaluate('performance.now()')) as number;
}

async function stats(page: Page, from: number, to: number): Promise<WindowStats> {
  return (await page.evaluate(`${STATS.trim()}(${from}, ${to})`)) as WindowStats;
}

async function phase(page: Page): Promise<string | null> {
  const bar = page.getByTestId('run.progress');
  return (await bar.count()) > 0 ? bar.first().getAttribute('data-phase') : null;
}

async function waitForPhase(page: Page, wanted: readonly string[], timeoutMs: number): Promise<string> {
  try {
    await page.waitForFunction(
      (phases) => phases.includes(document.querySelector('[data-testid="run.progress"]')?.getAttribute('data-phase') ?? ''),
      [...wanted],
      { timeout: timeoutMs },
    );
  } catch {
    const p = await phase(page);
    throw new Error(`the run did not reach ${wanted.join(' or ')} within ${Math.round(timeoutMs / 1000)} s (phase: ${p ?? 'no run.progress'})`);
  }
  return (await phase(page)) ?? '';
}

async function setField(page: Page, testId: string, value: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.press('Tab');
}

export async function runResponsiveness(browser: Browser, options: ResponsivenessOptions): Promise<ResponsivenessResult> {
  const t0 = performance.now();
  const { log } = options;
  const duration = () => Math.round((performance.now() - t0) / 1000);
  let served: Served | null = null;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    log('responsiveness: building the app (vite build)…');
    served = await buildAndServe(null, 'app');
    log(`responsiveness: built in ${Math.round(served.buildSeconds)} s; opening the example project`);
    await page.addInitScript({ content: INSTRUMENT });
    await page.goto(served.url);
    await page.getByTestId('canvas').waitFor({ timeout: 60_000 });
    const train = page.getByTestId('toolbar.train');
    if ((await train.count()) === 0) return { status: 'pending', reason: 'the app has no Train button (data-testid "toolbar.train") yet', durationSeconds: duration() };
    // The example project reads AV-Digits; choose it when no dataset is chosen yet.
    const picker = page.getByTestId('data.picker');
    if ((await picker.count()) > 0 && (await picker.inputValue().catch(() => '')) === '') await picker.selectOption('avdigits');
    await page.getByTestId('data.preview').waitFor({ timeout: 120_000 });
    await page.getByTestId('data.progress').waitFor({ state: 'detached', timeout: 120_000 });
    const dataset = (await picker.count()) > 0 ? await picker.inputValue() : 'unknown';
    await page.getByTestId('dock.tab.training').click();
    // Enough epochs to outlast the measurement; the run is stopped after it.
    const settings = { epochs: 200 };
    await setField(page, 'train.setting.epochs', String(settings.epochs));
    if (options.backend) await page.getByTestId('train.backend').selectOption(options.backend);
    const crossOriginIsolated = (await page.evaluate('globalThis.crossOriginIsolated')) as boolean;
    if (!(await train.isEnabled())) {
      const why = await train.getAttribute('title');
      return { status: 'pending', reason: `the Train button is disabled: ${why ?? 'no reason shown'}`, durationSeconds: duration() };
    }
    const idleFrom = await nowIn(page);
    // A measurement window (not a wait for something): 3 s of the idle page.
    await page.waitForTimeout(3000);
    const idle = await stats(page, idleFrom, await nowIn(page));

    log('responsiveness: Train');
    const clicked = await nowIn(page);
    await train.click();
    const reached = await waitForPhase(page, ['training', 'error', 'done', 'stopped'], 180_000);
    if (reached !== 'training') {
      const msg = await page.getByTestId('run.error.message').innerText().catch(() => '');
      return { status: 'pending', reason: `the run went to '${reached}' instead of training${msg ? `: ${msg}` : ''}`, durationSeconds: duration() };
    }
    const from = await nowIn(page);
    const starting = await stats(page, clicked, from);
    const backend = await page.getByTestId('run.backend').innerText().catch(() => 'unknown');
    log(`responsiveness: training (${backend.replace(/\s+/g, ' ')}); measuring ${options.seconds} s`);
    // The measurement window itself: training with live charts for options.seconds.
    await page.waitForTimeout(options.seconds * 1000);
    const to = await nowIn(page);
    const training = await stats(page, from, to);
    const batchesSeen = await page.getByTestId('run.progress').innerText().catch(() => '');
    await page.getByRole('button', { name: 'Stop', exact: true }).click().catch(() => undefined);
    await waitForPhase(page, ['stopped', 'done', 'error'], 60_000).catch(() => undefined);
    log(`responsiveness: longest task ${training.longestTaskMs} ms, ${training.longTasks} long tasks, worst frame gap ${training.worstFrameGapMs} ms`);
    return {
      status: 'measured',
      target: 'no main-thread task over 50 ms while training',
      meetsTarget: training.longTasks === 0,
      crossOriginIsolated,
      dataset,
      backend: backend.replace(/\s+/g, ' ').replace(/^Backend\s*/, '').trim(),
      settings,
      training,
      starting,
      idle,
      batchesSeen: batchesSeen.replace(/\s+/g, ' ').trim(),
      durationSeconds: duration(),
    };
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'failed';
    log(`responsiveness: not measured: ${reason}`);
    return { status: 'pending', reason, durationSeconds: duration() };
  } finally {
    await page.close();
    await served?.close();
  }
}
