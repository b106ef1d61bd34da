// Image decoding for the worker: createImageBitmap resizes, an OffscreenCanvas hands back the pixels.
// (Browser only: Node has neither; tests use the fakes in testing.ts.)

/** Decode and resize one image to HWC values in 0..1 (transparent pixels count as black). */
export function createImageDecoder(): (bytes: Uint8Array, target: { readonly height: number; readonly width: number; readonly channels: 1 | 3 }) => Promise<Float32Array> {
  let canvas: OffscreenCanvas | null = null;
  let ctx: OffscreenCanvasRenderingContext2D | null = null;
  return async (bytes, { height, width, channels }) => {
    const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
    try {
      if (canvas === null || canvas.width !== width || canvas.height !== height) {
        canvas = new OffscreenCanvas(width, height);
        ctx = canvas.getContext('2d', { willReadFrequently: true });
      }
      if (ctx === null) throw new Error('no 2D canvas in this worker');
      ctx.clearRect(0, 0, width, height);
      ctx.drawImage(bitmap, 0, 0, width, height);
      const rgba = ctx.getImageData(0, 0, width, height).data;
      const out = new Float32Array(height * width * channels);
      for (let p = 0, q = 0; p < rgba.length; p += 4) {
        const a = (rgba[p + 3] as number) / 255;
        const r = ((rgba[p] as number) / 255) * a;
        const g = ((rgba[p + 1] as number) / 255) * a;
        const b = ((rgba[p + 2] as number) / 255) * a;
        if (channels === 1) out[q++] = 0.299 * r + 0.587 * g + 0.114 * b;
        else {
          out[q++] = r;
          out[q++] = g;
          out[q++] = b;
        }
      }
      return out;
    } finally {
      bitmap.close();
    }
  };
}
