import { describe, expect, it } from 'vitest';
import { describeBackends, formatAcc, formatDelta, formatDuration, formatLoss, formatRate } from './format.ts';

describe('training formats', () => {
  it('formats durations, accuracies, losses and rates', () => {
    expect(formatDuration(42.4)).toBe('0:42');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('—');
    expect(formatAcc(0.93)).toBe('0.930');
    expect(formatAcc(null)).toBe('—');
    expect(formatLoss(Number.NaN)).toBe('NaN');
    expect(formatLoss(0.41234)).toBe('0.412');
    expect(formatRate(1520.4)).toBe('1,520');
    expect(formatDelta(0.412)).toBe('+0.41');
    expect(formatDelta(-0.02)).toBe('−0.02');
  });

  it('puts the backend in use first, then the others measured', () => {
    const figures = [
      { backend: 'wasm' as const, samplesPerSec: 3300 },
      { backend: 'webgl' as const, samplesPerSec: 1520 },
      { backend: 'cpu' as const, samplesPerSec: 600 },
      { backend: 'webgpu' as const, samplesPerSec: null, error: 'no adapter' },
    ];
    expect(describeBackends('webgl', figures)).toBe('webgl — 1,520 samples/s; wasm 3,300; cpu 600; webgpu failed');
    expect(describeBackends('cpu', [])).toBe('cpu');
    const skipped = [{ backend: 'cpu' as const, samplesPerSec: null, skipped: 'wasm runs the same kernels faster' }];
    expect(describeBackends('wasm', skipped)).toBe('wasm; cpu not timed');
    // Not timed before training: the rate measured while training stands in.
    expect(describeBackends('wasm', skipped, 3120.2)).toBe('wasm — 3,120 samples/s while training; cpu not timed');
    const soft = { backend: 'webgl' as const, samplesPerSec: null, skipped: 'software rendering' };
    expect(describeBackends('wasm', [{ backend: 'webgpu', samplesPerSec: null, error: 'no adapter' }, soft, ...skipped])).toBe('wasm; webgpu failed; webgl and cpu not timed');
  });
});
