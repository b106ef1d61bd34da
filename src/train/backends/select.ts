// Backends: which ones work here, and which is fastest for this model.
//
// Order of preference when figures tie or are missing: webgpu, webgl, wasm, cpu. "auto" probes
// each available backend with a few real training steps of the compiled model (the caller's
// probe function) and picks the fastest; the rest, fastest first and cpu last, are the fallback
// chain the loop moves to when a backend fails mid-run.
import * as tf from '@tensorflow/tfjs';

export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKEND_NAMES as readonly string[]).includes(x);
}

export interface BackendOptions {
  /**
   * Where the wasm binaries are: a URL prefix/directory, or file name → URL. Default: the Vite
   * asset URLs of ./wasmPaths.ts (browser builds).
   */
  readonly wasmPaths?: string | Readonly<Record<string, string>>;
}

const prepared = new Map<BackendName, Promise<void>>();

/**
 * Registers a backend's package (loaded on demand, so the worker bundle only fetches what is
 * used) and, for wasm, the binaries' location and the training kernels tfjs 4.22 lacks there
 * (registerWasmTrainingKernels); for cpu, its fast Conv2DBackpropFilter (registerCpuTrainingKernels).
 * webgl and cpu come with @tensorflow/tfjs. Idempotent.
 */
export function prepareBackend(name: BackendName, options: BackendOptions = {}): Promise<void> {
  const existing = prepared.get(name);
  if (existing) return existing;
  const work = (async () => {
    if (name === 'webgpu') {
      await import('@tensorflow/tfjs-backend-webgpu');
    } else if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const paths = options.wasmPaths ?? (await import('./wasmPaths.ts')).WASM_PATHS;
      wasm.setWasmPaths(typeof paths === 'string' ? paths : { ...paths });
      const kernels = await import('./wasm/index.ts');
      kernels.registerWasmTrainingKernels();
    } else if (name === 'cpu') {
      // tfjs's own cpu Conv2DBackpropFilter is a scalar loop (seconds per CNN step).
      (await import('./cpu/index.ts')).registerCpuTrainingKernels();
    }
  })();
  prepared.set(name, work);
  work.catch(() => prepared.delete(name));
  return work;
}

/** What this environment could offer, before trying: webgpu needs navigator.gpu, webgl a canvas. */
export function plausibleBackends(g: typeof globalThis = globalThis): BackendName[] {
  const nav = (g as { navigator?: { gpu?: unknown } }).navigator;
  const canvas = typeof (g as { OffscreenCanvas?: unknown }).OffscreenCanvas !== 'undefined' || typeof (g as { document?: unknown }).document !== 'undefined';
  return BACKEND_NAMES.filter((name) => {
    if (name === 'webgpu') return nav?.gpu !== undefined && nav.gpu !== null;
    if (name === 'webgl') return canvas;
    return true;
  });
}

/** Makes `name` the current backend; false (never a throw) when it cannot initialise. */
export async function activateBackend(name: BackendName, options: BackendOptions = {}): Promise<boolean> {
  try {
    await prepareBackend(name, options);
    const ok = await tf.setBackend(name);
    if (!ok) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * The backends that initialise here, in preference order (webgpu only when navigator.gpu exists
 * and an adapter is granted, webgl when there is a canvas and a context). Leaves the backend that
 * was current selected.
 */
export async function listAvailableBackends(candidates: readonly BackendName[] = plausibleBackends(), options: BackendOptions = {}): Promise<BackendName[]> {
  const original = tf.getBackend();
  const out: BackendName[] = [];
  for (const name of candidates) if (await activateBackend(name, options)) out.push(name);
  if (original && tf.getBackend() !== original) await tf.setBackend(original).catch(() => false);
  return out;
}

export interface BackendFigure {
  readonly backend: BackendName;
  /** Training samples per second on the probe; null when the probe failed. */
  readonly samplesPerSec: number | null;
  /** Why the probe failed (a missing kernel, no adapter…). */
  readonly error?: string;
  /** Why 'auto' did not time it (it works, and stays in the fallback chain). */
  readonly skipped?: string;
}

/** Software rasterisers: a GPU backend on one of them is slower than wasm on the same CPU. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|software/i;

/**
 * The renderer's name when the current backend is webgl or webgpu on a software rasteriser
 * (SwiftShader, llvmpipe…), else null. Measured on a 2-core machine without a GPU: webgl on
 * SwiftShader trains the dense reference model at 0.45× and the CNN at 0.05× of wasm.
 */
export function softwareRenderer(): string | null {
  try {
    const name = tf.getBackend();
    const backend = tf.backend() as unknown as {
      readonly gpgpu?: { readonly gl?: WebGLRenderingContext };
      readonly adapterInfo?: { readonly vendor?: string; readonly architecture?: string };
    };
    let renderer = '';
    if (name === 'webgl') {
      const gl = backend.gpgpu?.gl;
      if (!gl) return null;
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    } else if (name === 'webgpu') {
      renderer = [backend.adapterInfo?.vendor, backend.adapterInfo?.architecture].filter(Boolean).join(' ');
    }
    return SOFTWARE_RENDERER.test(renderer) ? renderer : null;
  } catch {
    return null;
  }
}

export interface AutoPlan {
  /** The backends worth timing, in preference order. */
  readonly probe: readonly BackendName[];
  /** The ones not timed, and why. */
  readonly skipped: readonly BackendFigure[];
}

/**
 * Which of the available backends 'auto' times. Timing is not free (a first step compiles shaders:
 * seconds each for webgl and webgpu on a software rasteriser, and cpu takes seconds per CNN step),
 * so backends that cannot win are skipped: cpu when wasm works (wasm runs the same kernels compiled,
 * with SIMD and threads), and webgl/webgpu on a software rasteriser when wasm works.
 * `software` maps a GPU backend to its software renderer's name (softwareRenderer()).
 */
export function planAuto(available: readonly BackendName[], software: Readonly<Partial<Record<BackendName, string>>>): AutoPlan {
  const wasm = available.includes('wasm');
  const probe: BackendName[] = [];
  const skipped: BackendFigure[] = [];
  for (const backend of available) {
    const renderer = software[backend];
    if (wasm && backend === 'cpu') skipped.push({ backend, samplesPerSec: null, skipped: 'wasm runs the same kernels faster' });
    else if (wasm && renderer) skipped.push({ backend, samplesPerSec: null, skipped: `software rendering (${renderer}) is slower than wasm` });
    else probe.push(backend);
  }
  return { probe, skipped };
}

export interface BackendChoice {
  readonly choice: BackendName;
  /** One per candidate, in the order tried. */
  readonly figures: readonly BackendFigure[];
  /** The other backends that worked, fastest first, then cpu: where a failing run moves. */
  readonly fallbacks: readonly BackendName[];
}

/**
 * Picks the fastest candidate by the caller's probe (typically: make the backend current, compile
 * the model and time a few training steps: see measureThroughput). A probe that throws rules its
 * backend out and is reported. When every probe fails, chooses cpu (it always works).
 */
export async function chooseBackend(candidates: readonly BackendName[], probe: (name: BackendName) => Promise<number>): Promise<BackendChoice> {
  const figures: BackendFigure[] = [];
  for (const backend of candidates) {
    try {
      const sps = await probe(backend);
      figures.push(Number.isFinite(sps) && sps > 0 ? { backend, samplesPerSec: sps } : { backend, samplesPerSec: null, error: `the probe measured ${sps} samples/s` });
    } catch (err) {
      figures.push({ backend, samplesPerSec: null, error: (err instanceof Error ? err.message : String(err)).slice(0, 200) });
    }
  }
  const working = figures.filter((f): f is BackendFigure & { samplesPerSec: number } => f.samplesPerSec !== null);
  const ranked = [...working].sort((a, b) => b.samplesPerSec - a.samplesPerSec || BACKEND_NAMES.indexOf(a.backend) - BACKEND_NAMES.indexOf(b.backend));
  const choice = ranked[0]?.backend ?? 'cpu';
  return { choice, figures, fallbacks: fallbackChain(choice, ranked.map((f) => f.backend)) };
}

/** Where to go when `current` fails: the other backends in the given order, cpu last (always). */
export function fallbackChain(current: BackendName, others: readonly BackendName[]): BackendName[] {
  const chain = others.filter((b) => b !== current && b !== 'cpu');
  if (current !== 'cpu') chain.push('cpu');
  return chain;
}
