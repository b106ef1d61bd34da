// npm run bench: every benchmark, its JSON in bench/results/, and the tables in docs/BENCHMARKS.md.
//
//   npm run bench                                  everything (about 5 minutes on 2 cores)
//   npm run bench -- --only throughput,pytorch     some benches (throughput, pytorch, heatmaps, responsiveness, datasets)
//   npm run bench -- --only heatmaps               live heatmaps on vs off (issue 6): attention models in the app loop
//   npm run bench -- --heatmap-rounds 10 --heatmap-seconds 3   a steadier heatmaps ratio
//   npm run bench -- --backends wasm,webgl         some backends (webgpu, webgl, wasm, cpu)
//   npm run bench -- --models dense,cnn            some reference models (dense, cnn; attention, crossAttention for heatmaps)
//   npm run bench -- --rounds 5 --seconds 3        longer measurements
//   npm run bench -- --quick                       1 round of 1 s (checks the plumbing; figures are rough)
//   npm run bench -- --responsiveness-backend auto let the app time every backend first (adds ~50 s)
//   npm run bench -- --wasm-threads 0              leave out the "wasm (2 threads)" rows
//
// A benchmark never fails the command for being slow: a backend or bench that cannot run is
// recorded with the reason. The exit code is 1 only when the benchmark itself breaks.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_MODELS, BATCH_SIZE, HEATMAP_MODELS, type ModelId } from './web/models.ts';
import type { BackendId, RunConfig } from './web/protocol.ts';
import { launchChromium, CHROMIUM_ARGS, type Launched } from './node/browser.ts';
import { runPytorch, type PytorchRun } from './node/pytorch.ts';
import { writeReport } from './node/report.ts';
import { summariseHeatmaps } from './node/heatmaps.ts';
import { runResponsiveness } from './node/responsiveness.ts';
import { buildAndServe, ROOT, type Served } from './node/server.ts';
import { runThroughput, type ThroughputRun } from './node/throughput.ts';
import { summarise } from './node/summary.ts';

const BENCHES = ['throughput', 'pytorch', 'heatmaps', 'responsiveness', 'datasets'] as const;
type Bench = (typeof BENCHES)[number];
const BACKENDS: readonly BackendId[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function list<T extends string>(name: string, all: readonly T[]): T[] {
  const v = arg(name);
  if (v === undefined) return [...all];
  const xs = v.split(',').map((s) => s.trim());
  const bad = xs.filter((x) => !(all as readonly string[]).includes(x));
  if (bad.length > 0) {
    console.error(`--${name}: unknown ${bad.join(', ')} (choose from ${all.join(', ')})`);
    process.exit(2);
  }
  return xs as T[];
}

const quick = process.argv.includes('--quick');
const benches = list<Bench>('only', BENCHES);
const backends = list<BackendId>('backends', BACKENDS);
const models = list<ModelId>('models', ['dense', 'cnn', ...HEATMAP_MODELS]);
/** The throughput bench's models (hand-written twins) and the heatmaps bench's. */
const throughputModels = models.filter((m) => !HEATMAP_MODELS.includes(m));
const heatmapModels = models.filter((m) => HEATMAP_MODELS.includes(m));
// Live heatmaps vs off: many short rounds, each timing the variants back to back, so that other
// jobs on the machine hit both alike (the headline is the median of the rounds' ratios).
const heatmapSeconds = Number(arg('heatmap-seconds') ?? (quick ? 1 : 2.5));
const heatmapRounds = Number(arg('heatmap-rounds') ?? (quick ? 1 : 8));
const rounds = Number(arg('rounds') ?? (quick ? 1 : 3));
const seconds = Number(arg('seconds') ?? (quick ? 1 : 1.5));
// tfjs' wasm backend uses navigator.hardwareConcurrency / 2 threads (1 here); this extra row lifts the cap.
const wasmThreads = Number(arg('wasm-threads') ?? 2);
const responsivenessSeconds = Number(arg('responsiveness-seconds') ?? (quick ? 8 : 20));
// The backend picked in the app's Training tab: wasm (what 'auto' chooses here) skips the ~50 s
// 'auto' spends timing every backend on the example model; --responsiveness-backend auto keeps it.
const responsivenessBackend = arg('responsiveness-backend') ?? 'wasm';
const RESULTS = join(ROOT, 'bench', 'results');
const commandLine = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const started = Date.now();
const t0 = performance.now();
const elapsed = (): string => `${Math.round((performance.now() - t0) / 1000)} s`;
const log = (line: string): void => console.log(`[${elapsed().padStart(5)}] ${line}`);

function machine(chromium: Launched | null): Record<string, unknown> {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpuModel: cpu[0]?.model ?? null,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${platform()} ${release()}`,
    node: process.version,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    ...(chromium ? { chromium: chromium.version, chromiumPath: chromium.path, chromiumArgs: CHROMIUM_ARGS } : {}),
  };
}

function write(name: string, data: unknown): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
  log(`wrote bench/results/${name}.json`);
}

async function throughputBench(browser: Launched, pytorch: PytorchRun | null): Promise<void> {
  const start = performance.now();
  let served: Served | null = null;
  try {
    log('building the benchmark page (vite build)…');
    // The app's own Vite config (its worker bundle settings and COOP/COEP headers included).
    served = await buildAndServe({ throughput: 'bench/web/throughput.html' }, 'throughput');
    log(`built in ${Math.round(served.buildSeconds)} s; serving ${served.url}`);
    const configs: RunConfig[] = [];
    for (const backend of backends) {
      const slow = backend === 'cpu' || backend === 'webgpu';
      // Slow backends (seconds per CNN step) get fewer rounds; kernel profiles come from the fast ones.
      configs.push({ backend, models: throughputModels, rounds: slow ? Math.min(rounds, 2) : rounds, seconds, warmupSteps: 3, warmupSeconds: 8, profile: !slow });
      if (backend === 'wasm' && wasmThreads > 0) configs.push({ backend, threads: wasmThreads, models: throughputModels, rounds, seconds, warmupSteps: 3, warmupSeconds: 8, profile: false });
    }
    const run: ThroughputRun = await runThroughput(browser.browser, served.url, configs, () => 300_000, log);
    const crossOriginIsolated = run.page.crossOriginIsolated;
    if (!crossOriginIsolated) log('warning: the page is not crossOriginIsolated: wasm runs without threads');
    write('throughput', {
      bench: 'throughput',
      date: new Date(started).toISOString(),
      command: commandLine,
      machine: { ...machine(browser), userAgent: run.page.userAgent, hardwareConcurrency: run.page.hardwareConcurrency, crossOriginIsolated },
      settings: { batchSize: BATCH_SIZE, optimizer: 'adam', learningRate: 0.001, rounds, seconds, warmupSteps: 3, wasmThreads, buildSeconds: Math.round(served.buildSeconds) },
      models: Object.fromEntries(REFERENCE_MODELS.map((m) => [m.id, { title: m.title, layers: m.layers }])),
      backends: run.backends,
      pytorch,
      summary: summarise(run.backends, pytorch),
      durationSeconds: Math.round((performance.now() - start) / 1000),
    });
  } finally {
    await served?.close();
  }
}

/** Live heatmaps on vs off (issue 6): the attention models in the app's loop, per backend. */
async function heatmapsBench(browser: Launched): Promise<void> {
  const start = performance.now();
  let served: Served | null = null;
  try {
    log('building the benchmark page for the heatmaps bench (vite build)…');
    served = await buildAndServe({ throughput: 'bench/web/throughput.html' }, 'heatmaps');
    // Every window times at least 8 batches (a software WebGPU step takes over a second), so that
    // the 2 snapshots a second fall in it in proportion; the slow backends get fewer rounds.
    const configs: RunConfig[] = backends.map((backend) => ({ backend, models: heatmapModels, rounds: backend === 'cpu' || backend === 'webgpu' ? Math.min(heatmapRounds, 4) : heatmapRounds, seconds: heatmapSeconds, minBatches: 8, warmupSteps: 3, warmupSeconds: 8, profile: false }));
    const run: ThroughputRun = await runThroughput(browser.browser, served.url, configs, () => 400_000, log);
    const summary = summariseHeatmaps(run.backends);
    for (const r of summary.rows) log(`heatmaps ${r.backend} ${r.model}: off ${r.off}, live ${r.on} samples/s: ${r.meanRatio.toFixed(3)}× (${r.met ? 'target met' : 'target not met'})`);
    write('heatmaps', {
      bench: 'heatmaps',
      date: new Date(started).toISOString(),
      command: commandLine,
      machine: { ...machine(browser), userAgent: run.page.userAgent, hardwareConcurrency: run.page.hardwareConcurrency, crossOriginIsolated: run.page.crossOriginIsolated },
      settings: { batchSize: BATCH_SIZE, rounds: heatmapRounds, seconds: heatmapSeconds, snapshotsPerSecond: 2, buildSeconds: Math.round(served.buildSeconds) },
      models: Object.fromEntries(REFERENCE_MODELS.filter((m) => heatmapModels.includes(m.id)).map((m) => [m.id, { title: m.title, layers: m.layers }])),
      backends: run.backends,
      summary,
      durationSeconds: Math.round((performance.now() - start) / 1000),
    });
  } finally {
    await served?.close();
  }
}

async function main(): Promise<void> {
  log(`benches: ${benches.join(', ')}; backends: ${backends.join(', ')}; ${rounds} round(s) of ${seconds} s`);
  // PyTorch first, alone on the CPU (the browser is not running yet).
  let pytorch: PytorchRun | null = null;
  if (benches.includes('pytorch')) {
    log('PyTorch reference models…');
    pytorch = await runPytorch({ models: throughputModels, seconds, rounds, threads: [2, 1] }, log);
    if (!pytorch.available) log(`PyTorch skipped: ${pytorch.reason}`);
  }
  let browser: Launched | null = null;
  try {
    if (benches.includes('throughput') || benches.includes('heatmaps') || benches.includes('responsiveness')) {
      browser = await launchChromium();
      log(`Chromium ${browser.version} (${browser.path})`);
    }
    if (benches.includes('throughput') && browser) await throughputBench(browser, pytorch);
    else if (pytorch) write('pytorch', { bench: 'pytorch', date: new Date(started).toISOString(), machine: machine(null), pytorch });
    if (benches.includes('heatmaps') && browser && heatmapModels.length > 0) await heatmapsBench(browser);
    if (benches.includes('responsiveness') && browser) {
      const result = await runResponsiveness(browser.browser, { seconds: responsivenessSeconds, backend: responsivenessBackend, log });
      write('responsiveness', { bench: 'responsiveness', date: new Date(started).toISOString(), machine: machine(browser), ...result });
    }
  } finally {
    await browser?.browser.close();
  }
  if (benches.includes('datasets')) {
    log('dataset timings (bench/datasets.bench.ts, Node)…');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'datasets.bench.ts')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) log(`datasets bench failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`);
    else log('wrote bench/results/datasets.json');
  }
  // The last run as a whole (the report prints its duration; a partial run does not replace a full one's figure).
  write('run', {
    bench: 'run',
    date: new Date(started).toISOString(),
    command: commandLine,
    benches,
    complete: BENCHES.every((b) => benches.includes(b)) && backends.length === BACKENDS.length && !quick,
    durationSeconds: Math.round((performance.now() - t0) / 1000),
    machine: machine(null),
  });
  writeReport(RESULTS, join(ROOT, 'docs', 'BENCHMARKS.md'));
  log(`wrote docs/BENCHMARKS.md; the benchmark took ${elapsed()}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
