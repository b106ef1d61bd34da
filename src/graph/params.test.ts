import { describe, expect, it } from 'vitest';
import { checkParam, defaultParams, paramProblems, resolveParams } from './params.ts';
import { getKind } from './registry.ts';
import type { NodeKind, ParamSpec } from './types.ts';

function kind(id: string): NodeKind {
  const k = getKind(id);
  if (!k) throw new Error(id);
  return k;
}
function spec(kindId: string, name: string): ParamSpec {
  const s = kind(kindId).params.find((p) => p.name === name);
  if (!s) throw new Error(name);
  return s;
}

describe('defaultParams', () => {
  it('gives every param its default', () => {
    expect(defaultParams(kind('encoder.mlp'))).toEqual({ layers: 2, units: 128, activation: 'relu', dropout: 0 });
    expect(defaultParams(kind('input.audio'))).toEqual({ sampleRate: 8000, clipSamples: 8000, frameLength: 256, frameStep: 128 });
    expect(defaultParams(kind('fusion.concat'))).toEqual({});
  });

  it('resolveParams fills gaps from defaults and drops unknown names', () => {
    expect(resolveParams(kind('encoder.mlp'), { units: 7, bogus: 1 })).toEqual({ layers: 2, units: 7, activation: 'relu', dropout: 0 });
  });
});

describe('checkParam', () => {
  it('accepts valid values', () => {
    expect(checkParam(spec('encoder.mlp', 'units'), 1)).toBeNull();
    expect(checkParam(spec('encoder.mlp', 'units'), 4096)).toBeNull();
    expect(checkParam(spec('encoder.mlp', 'dropout'), 0.37)).toBeNull();
    expect(checkParam(spec('encoder.mlp', 'activation'), 'gelu')).toBeNull();
    expect(checkParam(spec('encoder.cnn2d', 'kernelSize'), 5)).toBeNull();
  });

  it('explains ints out of range or not whole', () => {
    expect(checkParam(spec('encoder.mlp', 'units'), 0)).toBe('Units must be a whole number between 1 and 4096; got 0.');
    expect(checkParam(spec('encoder.mlp', 'units'), 12.5)).toBe('Units must be a whole number between 1 and 4096; got 12.5.');
    expect(checkParam(spec('encoder.mlp', 'units'), '12')).toBe('Units must be a whole number between 1 and 4096; got "12".');
  });

  it('enforces int steps (odd kernel sizes)', () => {
    expect(checkParam(spec('encoder.cnn2d', 'kernelSize'), 4)).toBe(
      'Kernel size must be a whole number between 1 and 7 in steps of 2 (1, 3, 5, 7); got 4.',
    );
  });

  it('explains numbers, enums and booleans', () => {
    expect(checkParam(spec('encoder.mlp', 'dropout'), 0.95)).toBe('Dropout must be a number between 0 and 0.9; got 0.95.');
    expect(checkParam(spec('encoder.mlp', 'dropout'), Number.NaN)).toBe('Dropout must be a number between 0 and 0.9; got NaN.');
    expect(checkParam(spec('encoder.mlp', 'activation'), 'swish')).toBe('Activation must be one of relu, gelu, tanh, sigmoid; got "swish".');
    const flag: ParamSpec = { name: 'bias', label: 'Use bias', kind: 'bool', default: true };
    expect(checkParam(flag, false)).toBeNull();
    expect(checkParam(flag, 1)).toBe('Use bias must be true or false; got 1.');
  });
});

describe('paramProblems', () => {
  it('is empty for defaults', () => {
    for (const id of ['input.image', 'encoder.cnn2d', 'head.classify']) expect(paramProblems(kind(id), defaultParams(kind(id)))).toEqual([]);
  });

  it('reports missing, wrong type, out of range, not an option and unknown names', () => {
    const problems = paramProblems(kind('encoder.mlp'), { layers: 9, units: 'many', activation: 'swish', extra: 3 });
    expect(problems).toEqual([
      { param: 'layers', message: 'Layers must be a whole number between 1 and 8; got 9.' },
      { param: 'units', message: 'Units must be a whole number between 1 and 4096; got "many".' },
      { param: 'activation', message: 'Activation must be one of relu, gelu, tanh, sigmoid; got "swish".' },
      { param: 'dropout', message: 'Dropout ("dropout") is missing; set it to a number between 0 and 0.9 (the default is 0).' },
      { param: 'extra', message: '"extra" is not a parameter of encoder.mlp (its parameters are layers, units, activation, dropout); remove it.' },
    ]);
  });

  it('flags any param on a kind without params', () => {
    expect(paramProblems(kind('fusion.concat'), { mode: 'x' })).toEqual([
      { param: 'mode', message: '"mode" is not a parameter of fusion.concat (it has no parameters); remove it.' },
    ]);
  });
});
