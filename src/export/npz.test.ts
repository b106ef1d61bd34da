// .npy / .npz bytes (numpy itself reads them in pytorch/equivalence.test.ts) and weight permutation.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { npy, npz } from './npz.ts';
import { permute } from './pytorch/weights.ts';

const ascii = (b: Uint8Array): string => String.fromCharCode(...b);

describe('npy', () => {
  it('writes the 1.0 header, padded to 64 bytes, then little-endian data', () => {
    const bytes = npy({ dtype: 'float32', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) });
    expect([...bytes.slice(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = (bytes[8] ?? 0) + 256 * (bytes[9] ?? 0);
    expect((10 + headerLength) % 64).toBe(0);
    const header = ascii(bytes.slice(10, 10 + headerLength));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    expect(new Float32Array(bytes.slice(10 + headerLength).buffer)).toEqual(Float32Array.from([1, 2, 3, 4, 5, 6]));
  });

  it('writes 1-D shapes as (n,), ints as <i4 and bytes as |u1', () => {
    expect(ascii(npy({ dtype: 'int32', shape: [3], data: Int32Array.from([1, 2, 3]) }).slice(10, 70))).toContain("'descr': '<i4', 'fortran_order': False, 'shape': (3,)");
    expect(ascii(npy({ dtype: 'uint8', shape: [0], data: new Uint8Array(0) }).slice(10, 70))).toContain("'descr': '|u1', 'fortran_order': False, 'shape': (0,)");
  });

  it('refuses data that does not fill the shape', () => {
    expect(() => npy({ dtype: 'float32', shape: [2, 2], data: new Float32Array(3) })).toThrow(/holds 4 values/);
  });
});

describe('npz', () => {
  it('zips one .npy per key and refuses unsafe keys', () => {
    const files = unzipSync(npz({ 'a.weight': { dtype: 'float32', shape: [1], data: Float32Array.from([7]) }, 'x.in_1': { dtype: 'int32', shape: [1], data: Int32Array.from([1]) } }));
    expect(Object.keys(files)).toEqual(['a.weight.npy', 'x.in_1.npy']);
    for (const key of ['../evil', 'a/b', '', '.hidden', 'a b']) {
      expect(() => npz({ [key]: { dtype: 'float32', shape: [1], data: Float32Array.from([0]) } }), key).toThrow(/not a safe file name/);
    }
  });
});

describe('permute', () => {
  it('transposes a dense kernel and turns HWIO into OIHW', () => {
    // [[1, 2, 3], [4, 5, 6]] → [[1, 4], [2, 5], [3, 6]]
    expect(permute(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], [1, 0])).toEqual({ data: Float32Array.from([1, 4, 2, 5, 3, 6]), shape: [3, 2] });
    // HWIO [1, 2, 2, 3]: value = 100h + 10w... index by (h, w, i, o) → 1000·0 + 100·w + 10·i + o
    const hwio = Float32Array.from({ length: 12 }, (_, k) => {
      const w = Math.floor(k / 6);
      const i = Math.floor(k / 3) % 2;
      const o = k % 3;
      return 100 * w + 10 * i + o;
    });
    const oihw = permute(hwio, [1, 2, 2, 3], [3, 2, 0, 1]);
    expect(oihw.shape).toEqual([3, 2, 1, 2]);
    // [o][i][h][w] = 100w + 10i + o
    const at = (o: number, i: number, w: number): number => oihw.data[o * 4 + i * 2 + w] ?? NaN;
    expect([at(0, 0, 0), at(2, 1, 1), at(1, 0, 1)]).toEqual([0, 112, 101]);
  });
});
