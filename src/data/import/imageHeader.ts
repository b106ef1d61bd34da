// Image size and colour from the first bytes of PNG, JPEG, GIF, BMP and WebP files, without
// decoding them: enough to choose one size for every image before the (slower) decode.

export interface ImageHeader {
  readonly format: 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp';
  readonly width: number;
  readonly height: number;
  /** True when the file format itself says greyscale (PNG colour types 0/4, one-component JPEG). */
  readonly grey: boolean;
}

function be16(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
}
function be32(b: Uint8Array, i: number): number {
  return (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
}
function le16(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}
function le24(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16);
}
function le32s(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24);
}
function ascii(b: Uint8Array, i: number, n: number): string {
  let s = '';
  for (let k = 0; k < n; k++) s += String.fromCharCode(b[i + k] ?? 0);
  return s;
}

/** The header of an image file, or null when the bytes are none of the supported formats. */
export function readImageHeader(b: Uint8Array): ImageHeader | null {
  if (b.length >= 26 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && ascii(b, 12, 4) === 'IHDR') {
    const colourType = b[25] ?? 2;
    return { format: 'png', width: be32(b, 16), height: be32(b, 20), grey: colourType === 0 || colourType === 4 };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1] ?? 0;
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      const len = be16(b, i + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { format: 'jpeg', height: be16(b, i + 5), width: be16(b, i + 7), grey: b[i + 9] === 1 };
      i += 2 + len;
    }
    return null;
  }
  if (b.length >= 10 && ascii(b, 0, 4) === 'GIF8') return { format: 'gif', width: le16(b, 6), height: le16(b, 8), grey: false };
  if (b.length >= 30 && ascii(b, 0, 2) === 'BM') {
    return { format: 'bmp', width: Math.abs(le32s(b, 18)), height: Math.abs(le32s(b, 22)), grey: false };
  }
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const chunk = ascii(b, 12, 4);
    if (chunk === 'VP8 ') return { format: 'webp', width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff, grey: false };
    if (chunk === 'VP8L') {
      const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, grey: false };
    }
    if (chunk === 'VP8X') return { format: 'webp', width: le24(b, 24) + 1, height: le24(b, 27) + 1, grey: false };
  }
  return null;
}

/** Most images larger than this are scaled down so their longer side is this (browser training). */
export const MAX_IMAGE_SIDE = 64;

/**
 * The size every image is resized to: the most common size among the headers, scaled down (aspect
 * kept) so that the longer side is at most MAX_IMAGE_SIDE.
 */
export function chooseImageSize(headers: readonly { readonly width: number; readonly height: number }[]): { height: number; width: number; common: { height: number; width: number }; share: number } {
  const counts = new Map<string, number>();
  let best = '28x28';
  let bestCount = 0;
  for (const h of headers) {
    const key = `${h.width}x${h.height}`;
    const c = (counts.get(key) ?? 0) + 1;
    counts.set(key, c);
    if (c > bestCount) {
      best = key;
      bestCount = c;
    }
  }
  const [w, hh] = best.split('x').map(Number) as [number, number];
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(w, hh));
  return {
    width: Math.max(1, Math.round(w * scale)),
    height: Math.max(1, Math.round(hh * scale)),
    common: { width: w, height: hh },
    share: headers.length === 0 ? 0 : bestCount / headers.length,
  };
}
