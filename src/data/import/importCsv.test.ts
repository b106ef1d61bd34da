import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from './build.ts';
import { folderSource, MB, sizeLimitMessage, zipSource } from './files.ts';
import { importCsv, inspectCsv } from './importCsv.ts';
import { defaultMapping, mappingProblems } from './mapping.ts';
import { blobOf, fakeDecoders, pngHeader } from './testing.ts';
import { formatRejection } from './types.ts';
import type { ImportMapping } from './types.ts';

const csvFile = (text: string) => new Blob([text], { type: 'text/csv' });

// Line numbers in the comments: the record each line starts.
const MESSY = [
  '\uFEFFid,age,height,colour,review,label', // 1  (BOM)
  '1,34,1.70,red,"Great, really ""great"" product",yes', // 2  quoted comma, escaped quotes
  '2,,1.82,blue,Fine,no', // 3  missing age → filled
  '3,41,1.65,red,"Two', // 4  newline inside quotes…
  'lines",yes', // 5  …same record
  '4,abc,1.75,green,Bad number here,no', // 6  bad number
  '5,29,1.80,blue,Too many,fields,yes', // 7  7 fields
  '6,52,1.60,red,"Quoted, with comma",', // 8  empty label
  '', // 9  blank line
  '7,38,NA,green,Okay then,no', // 10 missing height → filled
  '8,45,1.9x,red,Short,yes', // 11 bad number
  '9,33,1.71,blue,"Another ""quote""",no', // 12
  '10,27,1.68,green,Last row,yes', // 13
  '11,30,1.74,red,"unclosed ""x"" tail"x,no', // 14 text after the closing quote
].join('\r\n') + '\r\n';

async function importText(text: string, mapping?: Partial<ImportMapping>) {
  const input = { csv: csvFile(text), csvName: 'messy.csv', files: null };
  const inspection = await inspectCsv(input);
  const result = await importCsv(input, { ...defaultMapping(inspection), ...mapping }, { decoders: fakeDecoders() }, inspection);
  return { inspection, ...result };
}

describe('CSV import of a messy file', () => {
  it('detects the roles of its columns', async () => {
    const inspection = await inspectCsv({ csv: csvFile(MESSY), csvName: 'messy.csv', files: null });
    expect(inspection.delimiter).toBe('comma');
    expect(Object.fromEntries(inspection.columns.map((c) => [c.name, c.detected]))).toEqual({
      id: 'ignore',
      age: 'tabular',
      height: 'tabular',
      colour: 'category',
      review: 'text',
      label: 'label',
    });
    expect(inspection.label).toBe('label');
    expect(inspection.examinedAll).toBe(true);
  });

  it('reports exactly the bad rows with their line numbers and reasons', async () => {
    const { report, arrays } = await importText(MESSY);
    expect(report.rejected.map(formatRejection)).toEqual([
      "line 6: column 'age' = 'abc' is not a number",
      'line 7: 7 fields, expected 6',
      'line 8: label is empty',
      "line 11: column 'height' = '1.9x' is not a number",
      'line 14: field 5 has text after its closing quote',
    ]);
    expect(report.read).toBe(11);
    expect(report.kept).toBe(6);
    expect(report.kept + report.rejected.length).toBe(report.read);
    expect(report.blankLines).toBe(1);
    expect(arrays.labels).toHaveLength(6);
    expect(arrays.info.classes).toEqual(['no', 'yes']);
    expect(arrays.info.id).toBe('user.messy');
  });

  it('fills missing numbers with the training mean and reports them as filled, not rejected', async () => {
    const { report, arrays } = await importText(MESSY);
    expect(report.filled.map((f) => [f.column, f.count, f.lines])).toEqual([
      ['age', 1, [3]],
      ['height', 1, [10]],
    ]);
    const table = arrays.info.modalities.find((m) => m.name === 'table');
    expect(table?.preprocessing.kind).toBe('tabular');
    if (table?.preprocessing.kind !== 'tabular') return;
    expect(table.preprocessing.columns).toEqual(['age', 'height', 'colour=blue', 'colour=green', 'colour=red']);
    // Kept ages: 34, (missing), 41, 38, 33, 27; the fill is the mean of the training rows' ages.
    const ages = [34, Number.NaN, 41, 38, 33, 27];
    const trainAges = ages.filter((a, r) => arrays.split[r] === 0 && !Number.isNaN(a));
    const mean = trainAges.reduce((s, a) => s + a, 0) / trainAges.length;
    expect(table.preprocessing.fill[0]).toBe(Number(mean.toPrecision(7)));
    expect(table.preprocessing.mean[0]).toBe(Number(mean.toPrecision(7)));
    // The filled row is standardised to exactly 0.
    expect(arrays.inputs.table?.[1 * 5 + 0]).toBeCloseTo(0, 6);
    expect(report.notes.join('\n')).toMatch(/2 missing numbers filled with the column's mean over the training split/);
  });

  it('keeps the text of quoted fields as tokens', async () => {
    const { arrays, preview } = await importText(MESSY);
    const review = arrays.info.modalities.find((m) => m.name === 'review');
    expect(review?.kind).toBe('text');
    if (review?.preprocessing.kind !== 'text') return;
    expect(review.preprocessing.vocabulary.slice(0, 2)).toEqual(['<pad>', '<unk>']);
    const first = preview.samples.find((s) => s.index === 0);
    expect(first?.words?.review?.join(' ')).toMatch(/^great really great product$|<unk>/);
  });

  it('fails clearly on an unterminated quote', async () => {
    const bad = 'a,b,label\n1,2,x\n3,"oops,y\n5,6,z\n';
    await expect(importText(bad)).rejects.toThrow(/^line 3: a quoted field is never closed/);
  });
});

describe('role detection on typical columns', () => {
  it('tells numbers, categories, text, files, ids and the label apart', async () => {
    const rows = ['patient_id,age,bmi,smoker,notes,xray,sound,diagnosis'];
    for (let i = 0; i < 30; i++) {
      rows.push(
        [
          `P${1000 + i * 7}`,
          20 + i,
          (18 + (i % 9) * 1.5).toFixed(1),
          i % 3 === 0 ? 'yes' : 'no',
          `"Patient reports ${i % 2 === 0 ? 'mild' : 'severe'} cough, day ${i}"`,
          `scan_${i}.png`,
          `breath_${i}.wav`,
          ['healthy', 'flu', 'covid'][i % 3],
        ].join(','),
      );
    }
    const inspection = await inspectCsv({ csv: csvFile(rows.join('\n')), csvName: 'clinic.csv', files: null });
    expect(Object.fromEntries(inspection.columns.map((c) => [c.name, c.detected]))).toEqual({
      patient_id: 'ignore',
      age: 'tabular',
      bmi: 'tabular',
      smoker: 'category',
      notes: 'text',
      xray: 'image',
      sound: 'audio',
      diagnosis: 'label',
    });
    expect(inspection.columns.find((c) => c.name === 'diagnosis')?.why).toMatch(/last column with few distinct values/);
    expect(inspection.notes.join(' ')).toMatch(/'xray', 'sound' hold file names: add the zip or folder/);
    // Without a zip the file columns block the import, and the dialog says what to do.
    expect(mappingProblems(inspection, defaultMapping(inspection))).toEqual([
      "'xray', 'sound' name files: add the zip or folder that holds them, or set them to Ignore.",
    ]);
  });

  it('prefers a column named label, class, target or y', async () => {
    const text = 'y,colour,size\n1,red,3\n0,blue,4\n1,red,5\n0,green,3\n';
    const inspection = await inspectCsv({ csv: csvFile(text), csvName: 't.csv', files: null });
    expect(inspection.label).toBe('y');
    expect(inspection.columns.map((c) => c.detected)).toEqual(['label', 'category', 'tabular']);
  });

  it('reads semicolon files with decimal commas', async () => {
    const text = 'weight;colour;label\n"3,5";red;a\n4,25;blue;b\n5;red;a\n6,5;blue;b\n';
    const { arrays, report } = await importText(text);
    expect(report.rejected).toEqual([]);
    const table = arrays.info.modalities[0];
    if (table?.preprocessing.kind !== 'tabular') throw new Error('no table');
    expect(table.preprocessing.columns[0]).toBe('weight');
  });

  it('renames blank and repeated header names and says so', async () => {
    const inspection = await inspectCsv({ csv: csvFile('a,,a,label\n1,2,3,x\n4,5,6,y\n'), csvName: 'h.csv', files: null });
    expect(inspection.columns.map((c) => c.name)).toEqual(['a', 'column 2', 'a (2)', 'label']);
    expect(inspection.notes).toHaveLength(2);
  });
});

describe('CSV with images in a zip', () => {
  function petsCsv(): string {
    const lines = ['file,weight,label'];
    for (let i = 0; i < 12; i++) lines.push(`${i % 2 === 0 ? 'cat' : 'dog'}${i}.png,${3 + i},${i % 2 === 0 ? 'cat' : 'dog'}`);
    lines.push('cat99.png,4,cat'); // line 14: not in the zip
    lines.push('notes.txt,4,dog'); // line 15: not an image name
    lines.push(',5,dog'); // line 16: no image (kept, marked missing)
    return `${lines.join('\n')}\n`;
  }
  function petsZip(level: 0 | 6): Uint8Array {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 12; i++) files[`pets/images/${i % 2 === 0 ? 'cat' : 'dog'}${i}.png`] = pngHeader(i === 3 ? 40 : 20, 20);
    files['pets/images/broken.png'] = new Uint8Array([1, 2, 3]);
    files['__MACOSX/pets/._cat0.png'] = new Uint8Array([0]);
    return zipSync(files, { level });
  }

  for (const level of [0, 6] as const) {
    it(`finds the files (${level === 0 ? 'stored' : 'deflated'}), reports missing ones, and resizes to the most common size`, async () => {
      const zipBlob = blobOf(petsZip(level));
      const files = await zipSource(zipBlob, 'pets.zip');
      expect(files.paths).toHaveLength(13);
      expect(files.systemFiles).toBe(1);
      const input = { csv: csvFile(petsCsv()), csvName: 'pets.csv', files };
      const inspection = await inspectCsv(input);
      expect(inspection.columns.map((c) => c.detected)).toEqual(['image', 'tabular', 'label']);
      expect(inspection.files).toMatchObject({ kind: 'zip', name: 'pets.zip', images: 13, other: 0 });
      const decoders = fakeDecoders();
      const { report, arrays } = await importCsv(input, defaultMapping(inspection), { decoders }, inspection);
      expect(report.rejected.map(formatRejection)).toEqual([
        "line 14: image 'cat99.png' is not in the zip",
        "line 15: image 'notes.txt' is not an image file name (.png, .jpg, .jpeg, .gif, .bmp, .webp)",
      ]);
      expect(report.kept).toBe(13);
      expect(report.missingModality).toEqual([{ modality: 'file', count: 1 }]);
      const image = arrays.info.modalities.find((m) => m.kind === 'image');
      expect(image?.shape).toEqual([20, 20, 3]);
      expect(image?.canBeMissing).toBe(true);
      expect(arrays.present.file?.[12]).toBe(0);
      // Row 3 (dog3.png, 40 px wide) decoded to 0.4 everywhere; the others to 0.2.
      const per = 20 * 20 * 3;
      expect(arrays.inputs.file?.[3 * per]).toBeCloseTo(0.4);
      expect(arrays.inputs.file?.[4 * per]).toBeCloseTo(0.2);
      expect(decoders.imageCalls).toBe(12);
      expect(report.notes.join('\n')).toMatch(/resized to 20×20×3 \(the most common size is 20×20 \(92% of images\)\)/);
    });
  }

  it('rejects a row whose image cannot be read, naming the file', async () => {
    const files = await zipSource(blobOf(petsZip(6)), 'pets.zip');
    const csv = 'file,label\ncat0.png,cat\nbroken.png,cat\ndog1.png,dog\ndog3.png,dog\ncat2.png,cat\n';
    const input = { csv: csvFile(csv), csvName: 'p.csv', files };
    const inspection = await inspectCsv(input);
    const { report } = await importCsv(input, defaultMapping(inspection), { decoders: fakeDecoders() }, inspection);
    expect(report.rejected.map(formatRejection)).toEqual(["line 3: image 'pets/images/broken.png' is not a PNG, JPEG, GIF, BMP or WebP image"]);
  });

  it('says which files a name is ambiguous between', async () => {
    const zip = zipSync({ 'a/x.png': pngHeader(8, 8), 'b/x.png': pngHeader(8, 8), 'b/y.png': pngHeader(8, 8) });
    const files = await zipSource(blobOf(zip), 'two.zip');
    const input = { csv: csvFile('img,label\nx.png,p\nb/x.png,q\ny.png,q\na/x.png,p\n'), csvName: 'two.csv', files };
    const inspection = await inspectCsv(input);
    const { report } = await importCsv(input, defaultMapping(inspection), { decoders: fakeDecoders() }, inspection);
    expect(report.rejected.map(formatRejection)).toEqual(["line 2: image 'x.png' matches several files in the zip (a/x.png, b/x.png); write its path"]);
  });

  it('reads images from a picked folder as well', async () => {
    const files = folderSource([
      { path: 'shots/cat0.png', file: new Blob([pngHeader(16, 16, 0)]) },
      { path: 'shots/dog1.png', file: new Blob([pngHeader(16, 16, 0)]) },
      { path: 'shots/cat2.png', file: new Blob([pngHeader(16, 16, 0)]) },
      { path: 'shots/dog3.png', file: new Blob([pngHeader(16, 16, 0)]) },
      { path: 'shots/.DS_Store', file: new Blob(['x']) },
    ]);
    const input = { csv: csvFile('file,label\ncat0.png,cat\ndog1.png,dog\ncat2.png,cat\ndog3.png,dog\nmissing.png,dog\n'), csvName: 'f.csv', files };
    const inspection = await inspectCsv(input);
    const { report, arrays } = await importCsv(input, defaultMapping(inspection), { decoders: fakeDecoders() }, inspection);
    expect(report.rejected.map(formatRejection)).toEqual(["line 6: image 'missing.png' is not in the folder"]);
    expect(arrays.info.modalities[0]?.shape).toEqual([16, 16, 1]);
  });
});

describe('statistics come from the training split only', () => {
  it('fits the vocabulary and the normalisation on training rows', async () => {
    const lines = ['value,text,label'];
    for (let i = 0; i < 200; i++) lines.push(`${i * 1.5},"common word${i} ${i % 2 === 0 ? 'even' : 'odd'}",${i % 2 === 0 ? 'a' : 'b'}`);
    const { arrays } = await importText(`${lines.join('\n')}\n`);
    const train = [...arrays.split].flatMap((s, r) => (s === 0 ? [r] : []));
    const held = [...arrays.split].flatMap((s, r) => (s !== 0 ? [r] : []));
    expect(train.length).toBe(140);
    expect(held.length).toBe(60);
    const [table, text] = arrays.info.modalities;
    if (table?.preprocessing.kind !== 'tabular' || text?.preprocessing.kind !== 'text') throw new Error('modalities');
    const values = train.map((r) => r * 1.5);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(table.preprocessing.mean[0]).toBe(Number(mean.toPrecision(7)));
    expect(table.preprocessing.std[0]).toBe(Number(std.toPrecision(7)));
    const vocab = new Set(text.preprocessing.vocabulary);
    for (const r of train) expect(vocab.has(`word${r}`)).toBe(true);
    for (const r of held) expect(vocab.has(`word${r}`)).toBe(false);
    // A held-out row's own word is unknown (id 1) to the model.
    const len = text.shape[0] as number;
    const heldRow = held[0] as number;
    expect(arrays.inputs.text?.[heldRow * len + 1]).toBe(1);
    expect(text.preprocessing.vocabulary.slice(0, 5)).toEqual(['<pad>', '<unk>', 'common', 'even', 'odd']);
  });

  it('splits each class 70/15/15 with the seed, the same way every time', async () => {
    const lines = ['x,label'];
    for (let i = 0; i < 100; i++) lines.push(`${(i * 7) % 13},${i < 60 ? 'big' : 'small'}`);
    const a = await importText(`${lines.join('\n')}\n`);
    const b = await importText(`${lines.join('\n')}\n`);
    const c = await importText(`${lines.join('\n')}\n`, { seed: 7 });
    expect([...a.arrays.split]).toEqual([...b.arrays.split]);
    expect([...a.arrays.split]).not.toEqual([...c.arrays.split]);
    expect(a.arrays.info.classCounts).toEqual({ train: [42, 28], validation: [9, 6], test: [9, 6] });
  });
});

describe('size limits', () => {
  it('explains the limit and what to do instead', () => {
    expect(sizeLimitMessage('zip', 812 * MB)).toBe(
      "This zip is 812 MB; the limit in the browser is 500 MB because the whole dataset must fit in this tab's memory. Use a smaller sample, or the fusion-designer command for larger data.",
    );
    expect(sizeLimitMessage('csv', 200 * MB)).toBeNull();
    expect(sizeLimitMessage('csv', 250 * MB, 'huge.csv')).toMatch(/^This CSV \(huge.csv\) is 250 MB; the limit in the browser is 200 MB/);
  });

  it('refuses a CSV over the limit before reading it', async () => {
    const huge = { size: 201 * MB, slice: () => new Blob([]) } as unknown as Blob;
    await expect(inspectCsv({ csv: huge, csvName: 'huge.csv', files: null })).rejects.toThrow(ImportError);
    await expect(inspectCsv({ csv: huge, csvName: 'huge.csv', files: null })).rejects.toThrow(/This CSV \(huge.csv\) is 201 MB/);
  });
});

describe('the E2E fixture (e2e/fixtures/data: pets.csv + pets.zip)', () => {
  it('imports with exactly its three bad rows and one filled value', async () => {
    // node:fs without Node's types in the app's tsconfig (this test reads the committed fixture).
    const { readFileSync } = (await import(/* @vite-ignore */ `node:${'fs'}`)) as { readFileSync(path: URL): Uint8Array };
    const dir = new URL('../../../e2e/fixtures/data/', import.meta.url);
    const files = await zipSource(blobOf(readFileSync(new URL('pets.zip', dir))), 'pets.zip');
    const input = { csv: blobOf(readFileSync(new URL('pets.csv', dir))), csvName: 'pets.csv', files };
    const inspection = await inspectCsv(input);
    expect(Object.fromEntries(inspection.columns.map((c) => [c.name, c.detected]))).toEqual({
      id: 'ignore',
      photo: 'image',
      weight_kg: 'tabular',
      age_years: 'tabular',
      description: 'text',
      label: 'label',
    });
    const { report, arrays } = await importCsv(input, defaultMapping(inspection), { decoders: fakeDecoders() }, inspection);
    expect(report.rejected.map(formatRejection)).toEqual([
      "line 8: column 'weight_kg' = 'heavy' is not a number",
      "line 15: image 'cat_99.png' is not in the zip",
      'line 23: label is empty',
    ]);
    expect([report.read, report.kept]).toEqual([40, 37]);
    expect(report.filled.map((f) => [f.column, f.lines])).toEqual([['age_years', [30]]]);
    expect(arrays.info.classes).toEqual(['bird', 'cat', 'dog']);
    expect(arrays.info.modalities.map((m) => [m.name, m.kind, m.shape])).toEqual([
      ['table', 'tabular', [2]],
      ['description', 'text', [text(arrays)]],
      ['photo', 'image', [24, 24, 3]],
    ]);
  });
});

function text(arrays: { info: { modalities: readonly { kind: string; shape: readonly number[] }[] } }): number {
  return arrays.info.modalities.find((m) => m.kind === 'text')?.shape[0] ?? -1;
}
