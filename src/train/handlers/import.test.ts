import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { blobOf, fakeDecoders, pngHeader } from '../../data/import/testing.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { defaultMapping } from '../../data/import/mapping.ts';
import type { ImportResponse, ImportSources } from '../protocol.ts';
import { createImportHandler } from './import.ts';

function setup() {
  const messages: ImportResponse[] = [];
  const registered: DatasetArrays[] = [];
  const handle = createImportHandler({ post: (m) => messages.push(m), register: (a) => registered.push(a), decoders: fakeDecoders() });
  return { messages, registered, handle };
}

const csvSources = (csv: string, zip: Uint8Array | null = null): ImportSources => ({
  csv: new Blob([csv]),
  csvName: 'shapes.csv',
  zip: zip === null ? null : blobOf(zip),
  zipName: zip === null ? null : 'shapes.zip',
  folder: null,
});

describe('the import handler (worker side)', () => {
  it('inspects, then imports with progress, registers the dataset and answers done', async () => {
    const { messages, registered, handle } = setup();
    const zip = zipSync({ 'a.png': pngHeader(8, 8), 'b.png': pngHeader(8, 8), 'c.png': pngHeader(8, 8), 'd.png': pngHeader(8, 8) });
    const sources = csvSources('img,size,label\na.png,1,x\nb.png,2,y\nc.png,3,x\nd.png,4,y\ne.png,5,x\n', zip);
    await handle({ type: 'import.inspect', requestId: 1, sources });
    const inspected = messages.find((m) => m.type === 'import.inspected');
    expect(inspected?.requestId).toBe(1);
    if (inspected?.type !== 'import.inspected') throw new Error('not inspected');
    await handle({ type: 'import.run', requestId: 2, sources, mapping: defaultMapping(inspected.inspection) });
    const done = messages.find((m) => m.type === 'import.done');
    if (done?.type !== 'import.done') throw new Error(JSON.stringify(messages.at(-1)));
    expect(done.info.id).toBe('user.shapes');
    expect(done.report.rejected).toEqual([{ line: 6, file: null, reason: "image 'e.png' is not in the zip" }]);
    expect(messages.some((m) => m.type === 'import.progress' && m.requestId === 2)).toBe(true);
    expect(registered.map((a) => a.info.id)).toEqual(['user.shapes']);
  });

  it('answers failed with a clear message (file names without a zip, an unterminated quote)', async () => {
    const { messages, handle } = setup();
    await handle({ type: 'import.inspect', requestId: 3, sources: csvSources('a,label\n"1,x\n') });
    expect(messages.at(-1)).toEqual({ type: 'import.failed', requestId: 3, failure: { kind: 'error', message: expect.stringMatching(/^line 2: a quoted field is never closed/) } });
    await handle({ type: 'import.inspect', requestId: 4, sources: { csv: null, csvName: null, zip: new Blob(['not a zip at all, sorry']), zipName: 'x.zip', folder: null } });
    expect(messages.at(-1)).toEqual({ type: 'import.failed', requestId: 4, failure: { kind: 'error', message: 'x.zip is not a zip file (no end-of-archive record).' } });
  });

  it('cancels a running import', async () => {
    const { messages, handle } = setup();
    const rows = ['v,label'];
    for (let i = 0; i < 200_000; i++) rows.push(`${i % 17},${i % 2 === 0 ? 'a' : 'b'}`);
    const sources = csvSources(`${rows.join('\n')}\n`);
    const running = handle({ type: 'import.run', requestId: 5, sources, mapping: { title: 'big', roles: { v: 'tabular', label: 'label' }, seed: 1, imageSize: 'auto', imageChannels: 'auto' } });
    await new Promise((r) => setTimeout(r, 5));
    await handle({ type: 'import.cancel', requestId: 5 });
    await running;
    expect(messages.at(-1)).toEqual({ type: 'import.failed', requestId: 5, failure: { kind: 'cancelled', message: 'The import was cancelled.' } });
  });
});
