import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FileNameIndex, folderSource, zipSource } from './files.ts';
import { readImageHeader } from './imageHeader.ts';
import { importFolder, inspectFolder } from './importFolder.ts';
import { defaultMapping } from './mapping.ts';
import { blobOf, fakeDecoders, pngHeader, wavBytes } from './testing.ts';
import { formatRejection } from './types.ts';

function animalsZip(): Blob {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 6; i++) {
    files[`animals/cat/c${i}.png`] = pngHeader(24, 24);
    files[`animals/dog/d${i}.png`] = pngHeader(24, 24);
  }
  files['animals/dog/notes.txt'] = new TextEncoder().encode('good dogs');
  files['animals/stray.png'] = pngHeader(24, 24);
  files['animals/.DS_Store'] = new Uint8Array([0]);
  files['__MACOSX/animals/cat/._c0.png'] = new Uint8Array([0]);
  return blobOf(zipSync(files));
}

describe('folder datasets (one subfolder per class)', () => {
  it('takes the class from the subfolder and reports wrong files by path', async () => {
    const source = await zipSource(animalsZip(), 'animals.zip');
    const inspection = inspectFolder(source);
    expect(inspection).toMatchObject({ kind: 'folder', fileKind: 'image', problems: 2 });
    expect(inspection.classes).toEqual([
      { name: 'cat', count: 6 },
      { name: 'dog', count: 6 },
    ]);
    const { report, arrays } = await importFolder(source, defaultMapping(inspection), { decoders: fakeDecoders() });
    expect(report.rejected.map(formatRejection)).toEqual([
      'animals/dog/notes.txt: not an image (png, jpg, jpeg, gif, bmp, webp); this is an image folder dataset',
      'animals/stray.png: not inside a class folder (put each file in a folder named after its class)',
    ]);
    expect(report.read).toBe(14);
    expect(report.kept).toBe(12);
    expect(arrays.info.classes).toEqual(['cat', 'dog']);
    expect(arrays.info.id).toBe('user.animals');
    expect(arrays.info.modalities).toHaveLength(1);
    expect(arrays.info.modalities[0]).toMatchObject({ name: 'image', kind: 'image', shape: [24, 24, 3] });
    expect(report.notes.join('\n')).toMatch(/2 system files left out/);
  });

  it('reads a picked folder of WAV files into spectrograms standardised on the training split', async () => {
    const picked = [];
    for (let i = 0; i < 8; i++) {
      const tone = Array.from({ length: 4000 + i * 10 }, (_, k) => Math.sin((k * (i < 4 ? 0.1 : 0.4))) * 0.5);
      picked.push({ path: `${i < 4 ? 'low' : 'high'}/t${i}.wav`, file: new Blob([wavBytes(tone, 8000)]) });
    }
    picked.push({ path: 'high/cover.jpg', file: new Blob([new Uint8Array([0xff, 0xd8])]) });
    const source = folderSource(picked, 'tones');
    const inspection = inspectFolder(source);
    expect(inspection.fileKind).toBe('audio');
    const { arrays, report } = await importFolder(source, defaultMapping(inspection), { decoders: fakeDecoders() });
    expect(report.rejected.map(formatRejection)).toEqual(['high/cover.jpg: not a WAV audio file; this is an audio folder dataset']);
    const audio = arrays.info.modalities[0];
    expect(audio?.kind).toBe('audio');
    if (audio?.preprocessing.kind !== 'audio') throw new Error('audio');
    expect(audio.preprocessing).toMatchObject({ sampleRate: 8000, frameLength: 256, frameStep: 128, fftLength: 256 });
    const frames = 1 + Math.floor((audio.preprocessing.clipSamples - 256) / 128);
    expect(audio.shape).toEqual([frames, 129]);
    // Standardised with training statistics: the training rows have mean ≈ 0.
    const per = frames * 129;
    const data = arrays.inputs.audio as Float32Array;
    let sum = 0;
    let count = 0;
    arrays.split.forEach((s, r) => {
      if (s !== 0) return;
      for (let k = r * per; k < (r + 1) * per; k++) sum += data[k] as number;
      count += per;
    });
    expect(Math.abs(sum / count)).toBeLessThan(1e-4);
  });

  it('needs at least two classes', async () => {
    const source = folderSource([{ path: 'only/a.png', file: new Blob([pngHeader(8, 8)]) }, { path: 'only/b.png', file: new Blob([pngHeader(8, 8)]) }]);
    const inspection = inspectFolder(source);
    await expect(importFolder(source, defaultMapping(inspection), { decoders: fakeDecoders() })).rejects.toThrow(/at least two class folders; this one has 1/);
  });
});

describe('file names and image headers', () => {
  it('matches names with or without the top folder, by base name when unique', () => {
    const index = new FileNameIndex(['data/img/a.png', 'data/img/b.png', 'data/other/b.png']);
    expect(index.resolve('data/img/a.png')).toEqual({ ok: true, path: 'data/img/a.png' });
    expect(index.resolve('img/a.png')).toEqual({ ok: true, path: 'data/img/a.png' });
    expect(index.resolve('a.png')).toEqual({ ok: true, path: 'data/img/a.png' });
    expect(index.resolve('./img\\a.png')).toEqual({ ok: true, path: 'data/img/a.png' });
    expect(index.resolve('b.png')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(index.resolve('other/b.png')).toEqual({ ok: true, path: 'data/other/b.png' });
    expect(index.resolve('c.png')).toEqual({ ok: false, reason: 'missing', candidates: [] });
  });

  it('reads sizes from PNG, JPEG, GIF and BMP headers', () => {
    expect(readImageHeader(pngHeader(32, 20, 0))).toEqual({ format: 'png', width: 32, height: 20, grey: true });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 48, 0, 64, 3, 0, 0, 0]);
    expect(readImageHeader(jpeg)).toEqual({ format: 'jpeg', width: 64, height: 48, grey: false });
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 10, 0, 7, 0, 0, 0]);
    expect(readImageHeader(gif)).toEqual({ format: 'gif', width: 10, height: 7, grey: false });
    const bmp = new Uint8Array(54);
    bmp.set([0x42, 0x4d]);
    new DataView(bmp.buffer).setInt32(18, 5, true);
    new DataView(bmp.buffer).setInt32(22, -9, true);
    expect(readImageHeader(bmp)).toEqual({ format: 'bmp', width: 5, height: 9, grey: false });
    expect(readImageHeader(new TextEncoder().encode('not an image at all, just text'))).toBeNull();
  });
});
