/**
 * NumPy .npy / .npz writing (what numpy.load, and so PyTorch and Keras scripts, read).
 *
 * .npy format 1.0: the magic "\x93NUMPY", version 1.0, a little-endian uint16 header length, an
 * ASCII header (a Python dict literal: descr, fortran_order, shape) padded with spaces and ending in
 * "\n" so that the data starts at a multiple of 64 bytes, then the raw C-order little-endian data.
 * An .npz is a zip of "<key>.npy" entries (stored, not compressed, as numpy.savez does).
 */
import { zipSync, type Zippable } from 'fflate';

export type NpyArray =
  | { readonly dtype: 'float32'; readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly dtype: 'int32'; readonly shape: readonly number[]; readonly data: Int32Array }
  | { readonly dtype: 'uint8'; readonly shape: readonly number[]; readonly data: Uint8Array };

const DESCR: Record<NpyArray['dtype'], string> = { float32: '<f4', int32: '<i4', uint8: '|u1' };

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function bytesOf(a: NpyArray): Uint8Array {
  const bytes = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  if (littleEndian || a.dtype === 'uint8') return bytes;
  // Big-endian host: swap each 4-byte value.
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 4) {
    out[i] = bytes[i + 3] ?? 0;
    out[i + 1] = bytes[i + 2] ?? 0;
    out[i + 2] = bytes[i + 1] ?? 0;
    out[i + 3] = bytes[i] ?? 0;
  }
  return out;
}

/** One array as .npy bytes. */
export function npy(a: NpyArray): Uint8Array {
  const size = a.shape.reduce((p, d) => p * d, 1);
  if (a.shape.some((d) => !Number.isInteger(d) || d < 0)) throw new Error(`npy: bad shape [${a.shape.join(', ')}]`);
  if (size !== a.data.length) throw new Error(`npy: shape [${a.shape.join(', ')}] holds ${size} values, the data has ${a.data.length}`);
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${DESCR[a.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const data = bytesOf(a);
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY v1.0
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(data, 10 + header.length);
  return out;
}

/** Keys become zip entry names "<key>.npy": printable ASCII without path tricks only. */
function checkKey(key: string): void {
  if (!/^[A-Za-z0-9_.-]+$/.test(key) || key.startsWith('.') || key.includes('..')) {
    throw new Error(`npz: the key "${key}" is not a safe file name`);
  }
}

/** Arrays as an .npz (a zip of .npy files, stored). Keys keep their insertion order. */
export function npz(arrays: ReadonlyMap<string, NpyArray> | Readonly<Record<string, NpyArray>>): Uint8Array {
  const entries = arrays instanceof Map ? [...arrays.entries()] : Object.entries(arrays);
  const files: Zippable = {};
  for (const [key, a] of entries) {
    checkKey(key);
    files[`${key}.npy`] = [npy(a), { level: 0 }];
  }
  // A fixed timestamp keeps the archive byte-for-byte reproducible.
  return zipSync(files, { mtime: new Date('2020-01-01T00:00:00Z') });
}
