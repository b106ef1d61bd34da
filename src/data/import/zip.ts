// Reading a zip straight from a Blob (a File in the browser): the central directory from the end
// of the file, then each entry on demand through a sliding window, so a large zip is never held
// whole in memory. Stored and deflated entries, zip64 sizes and offsets; no encryption.
import { inflateSync } from 'fflate';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
  readonly encrypted: boolean;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const WINDOW = 8 << 20;

async function bytesOf(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

const utf8 = new TextDecoder('utf-8');

/** Reads entries in offset order through a window of a few megabytes. */
export class ZipArchive {
  private windowStart = 0;
  private window: Uint8Array = new Uint8Array(0);

  private constructor(
    readonly blob: Blob,
    readonly entries: readonly ZipEntry[],
  ) {}

  static async open(blob: Blob, name = 'the zip'): Promise<ZipArchive> {
    const size = blob.size;
    if (size < 22) throw new ZipFormatError(`${name} is not a zip file (too short).`);
    const tailStart = Math.max(0, size - (0xffff + 22));
    const tail = await bytesOf(blob, tailStart, size);
    const tv = view(tail);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tv.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd === -1) throw new ZipFormatError(`${name} is not a zip file (no end-of-archive record).`);
    let count = tv.getUint16(eocd + 10, true);
    let cdSize = tv.getUint32(eocd + 12, true);
    let cdOffset = tv.getUint32(eocd + 16, true);
    if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || tv.getUint32(loc, true) !== EOCD64_LOCATOR) throw new ZipFormatError(`${name}: damaged zip64 records.`);
      const rec64Offset = Number(tv.getBigUint64(loc + 8, true));
      const rec = view(await bytesOf(blob, rec64Offset, rec64Offset + 56));
      if (rec.getUint32(0, true) !== EOCD64) throw new ZipFormatError(`${name}: damaged zip64 records.`);
      count = Number(rec.getBigUint64(32, true));
      cdSize = Number(rec.getBigUint64(40, true));
      cdOffset = Number(rec.getBigUint64(48, true));
    }
    if (cdOffset + cdSize > size) throw new ZipFormatError(`${name} is incomplete (the file seems cut short).`);
    const cd = await bytesOf(blob, cdOffset, cdOffset + cdSize);
    const cv = view(cd);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cv.getUint32(p, true) !== CENTRAL) throw new ZipFormatError(`${name}: damaged central directory.`);
      const flags = cv.getUint16(p + 8, true);
      const method = cv.getUint16(p + 10, true);
      let compressedSize = cv.getUint32(p + 20, true);
      let uncompressed = cv.getUint32(p + 24, true);
      const nameLen = cv.getUint16(p + 28, true);
      const extraLen = cv.getUint16(p + 30, true);
      const commentLen = cv.getUint16(p + 32, true);
      let offset = cv.getUint32(p + 42, true);
      const entryName = utf8.decode(cd.subarray(p + 46, p + 46 + nameLen));
      // zip64 extra field: the 8-byte values, in order, for the fields that hold 0xffffffff.
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = cv.getUint16(e, true);
        const len = cv.getUint16(e + 2, true);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressed === 0xffffffff) {
            uncompressed = Number(cv.getBigUint64(q, true));
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(cv.getBigUint64(q, true));
            q += 8;
          }
          if (offset === 0xffffffff) offset = Number(cv.getBigUint64(q, true));
        }
        e += 4 + len;
      }
      entries.push({ name: entryName, method, compressedSize, size: uncompressed, localHeaderOffset: offset, encrypted: (flags & 1) === 1 });
      p = extraEnd + commentLen;
    }
    return new ZipArchive(blob, entries);
  }

  /** Bytes [start, end) of the blob, from the window when possible. */
  private async range(start: number, end: number): Promise<Uint8Array> {
    if (start >= this.windowStart && end <= this.windowStart + this.window.length) {
      return this.window.subarray(start - this.windowStart, end - this.windowStart);
    }
    const to = Math.min(this.blob.size, Math.max(end, start + WINDOW));
    this.window = await bytesOf(this.blob, start, to);
    this.windowStart = start;
    return this.window.subarray(0, end - start);
  }

  /** The uncompressed bytes of an entry (a copy the caller owns). */
  async read(entry: ZipEntry): Promise<Uint8Array> {
    if (entry.encrypted) throw new ZipFormatError(`'${entry.name}' is encrypted; zips with passwords are not supported.`);
    const header = await this.range(entry.localHeaderOffset, entry.localHeaderOffset + 30);
    const hv = view(header);
    if (header.length < 30 || hv.getUint32(0, true) !== LOCAL) throw new ZipFormatError(`'${entry.name}': damaged entry in the zip.`);
    const start = entry.localHeaderOffset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
    const data = await this.range(start, start + entry.compressedSize);
    if (entry.method === 0) return data.slice();
    if (entry.method === 8 && entry.size === 0) return new Uint8Array(0);
    if (entry.method === 8) return inflateSync(data, { out: new Uint8Array(entry.size) });
    throw new ZipFormatError(`'${entry.name}' uses compression method ${entry.method}; only stored and deflated entries are supported.`);
  }
}
