// Backend availability and choice (Node: cpu and wasm are the ones that exist).
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { conv2DBackpropFilter as cpuConv2DBackpropFilter } from './cpu/index.ts';
import { chooseBackend, fallbackChain, listAvailableBackends, planAuto, plausibleBackends, softwareRenderer } from './select.ts';

const WASM_DIR = new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).href;

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('backend selection', () => {
  it('offers neither webgpu nor webgl without navigator.gpu or a canvas', () => {
    expect(plausibleBackends({} as typeof globalThis)).toEqual(['wasm', 'cpu']);
    expect(plausibleBackends({ navigator: { gpu: {} }, OffscreenCanvas: class {} } as unknown as typeof globalThis)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });

  it('lists wasm (with the training kernels) and cpu in Node, leaving the current backend selected', async () => {
    await tf.setBackend('cpu');
    const list = await listAvailableBackends(['wasm', 'cpu'], { wasmPaths: WASM_DIR });
    expect(list).toEqual(['wasm', 'cpu']);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc).toBe(cpuConv2DBackpropFilter);
  });

  it('chooses the fastest backend by the probe, reports failures, and keeps the rest as the fallback chain', async () => {
    const speeds: Record<string, number> = { webgl: 1500, wasm: 3300, cpu: 400 };
    const result = await chooseBackend(['webgpu', 'webgl', 'wasm', 'cpu'], async (name) => {
      if (name === 'webgpu') throw new Error('No WebGPU adapter.');
      return speeds[name] ?? 0;
    });
    expect(result.choice).toBe('wasm');
    expect(result.figures).toEqual([
      { backend: 'webgpu', samplesPerSec: null, error: 'No WebGPU adapter.' },
      { backend: 'webgl', samplesPerSec: 1500 },
      { backend: 'wasm', samplesPerSec: 3300 },
      { backend: 'cpu', samplesPerSec: 400 },
    ]);
    expect(result.fallbacks).toEqual(['webgl', 'cpu']);
  });

  it("plans 'auto': skips cpu and software-rendered GPU backends when wasm works", () => {
    expect(planAuto(['webgpu', 'webgl', 'wasm', 'cpu'], { webgl: 'ANGLE (SwiftShader Device)' })).toEqual({
      probe: ['webgpu', 'wasm'],
      skipped: [
        { backend: 'webgl', samplesPerSec: null, skipped: 'software rendering (ANGLE (SwiftShader Device)) is slower than wasm' },
        { backend: 'cpu', samplesPerSec: null, skipped: 'wasm runs the same kernels faster' },
      ],
    });
    // Without wasm, everything that works is timed, software or not.
    expect(planAuto(['webgl', 'cpu'], { webgl: 'llvmpipe' })).toEqual({ probe: ['webgl', 'cpu'], skipped: [] });
  });

  it('tells a software renderer from the current backend (none on cpu)', async () => {
    await tf.setBackend('cpu');
    expect(softwareRenderer()).toBeNull();
  });

  it('falls back to cpu when every probe fails', async () => {
    const result = await chooseBackend(['webgl'], async () => {
      throw new Error('context lost');
    });
    expect(result.choice).toBe('cpu');
    expect(fallbackChain('cpu', ['wasm', 'cpu'])).toEqual(['wasm']);
  });
});
