import { describe, expect, it } from 'vitest';
import { CsvError, CsvParser, detectDelimiter, parseCsv, readCsvRecords } from './csv.ts';
import type { CsvRecord } from './csv.ts';

const simple = (records: readonly CsvRecord[]) => records.map((r) => [r.line, ...r.fields]);

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted commas, escaped quotes, newlines in quotes, CRLF, a BOM and a trailing newline', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",z\n3,,"" \n';
    const { records, delimiter } = parseCsv(text);
    expect(delimiter).toBe(',');
    expect(records.slice(0, 3).map((r) => [r.line, ...r.fields])).toEqual([
      [1, 'a', 'b', 'c'],
      [2, '1', 'x, y', 'say "hi"'],
      [3, '2', 'two\r\nlines', 'z'],
    ]);
    // The record after a quoted line break starts on line 5, not 4.
    expect(records[3]?.line).toBe(5);
    expect(records[3]?.fields).toEqual(['3', '', ' ']);
    expect(records[3]?.error).toBe('field 3 has text after its closing quote');
    expect(records).toHaveLength(4);
  });

  it('skips blank lines but counts them, and keeps a last line without a line break', () => {
    const { records, blankLines } = parseCsv('a,b\n\n1,2\r\n\r\n3,4');
    expect(simple(records)).toEqual([
      [1, 'a', 'b'],
      [3, '1', '2'],
      [5, '3', '4'],
    ]);
    expect(blankLines).toBe(2);
  });

  it('keeps an empty last field and empty quoted fields', () => {
    expect(simple(parseCsv('a,b,c\n1,,\n"",2,""\n').records)).toEqual([
      [1, 'a', 'b', 'c'],
      [2, '1', '', ''],
      [3, '', '2', ''],
    ]);
  });

  it('reads lone CR line breaks (old Mac files)', () => {
    expect(simple(parseCsv('a,b\r1,2\r3,4\r').records)).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, '3', '4'],
    ]);
  });

  it('says where an unterminated quote starts', () => {
    const text = 'a,b\n1,2\n3,"never closed\n4,5\n6,7\n';
    expect(() => parseCsv(text)).toThrow(CsvError);
    try {
      parseCsv(text);
    } catch (e) {
      expect((e as CsvError).line).toBe(3);
      expect((e as CsvError).message).toMatch(/^line 3: a quoted field is never closed/);
    }
  });

  it('detects comma, semicolon and tab delimiters, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n"1,5";2;3\n4,5;6;7\n')).toBe(';');
    expect(detectDelimiter('a\tb\n"x, y, z"\t2\n')).toBe('\t');
    expect(detectDelimiter('\uFEFFname;"a, b";c\nx;y;z')).toBe(';');
    expect(detectDelimiter('single\nvalue\n')).toBe(',');
    expect(parseCsv('a;b\n1;"x;y"\n').records[1]?.fields).toEqual(['1', 'x;y']);
  });

  it('gives the same records whatever the chunk boundaries (CRLF and "" split across chunks)', () => {
    const text = 'id,text,n\r\n1,"a ""quoted"" word, and a\r\nline break",3\r\n2,plain,4\r\n\r\n3,"""",5\r\n';
    const whole = parseCsv(text, ',');
    for (let size = 1; size <= 9; size++) {
      const parser = new CsvParser(',');
      const out: CsvRecord[] = [];
      for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
      out.push(...parser.end());
      expect(out).toEqual(whole.records);
      expect(parser.blankLines).toBe(1);
    }
  });

  it('streams a Blob in small chunks, with progress, across multi-byte characters', async () => {
    const text = 'word,label\n"héllo, wörld",ä\n日本語,b\n';
    const blob = new Blob([text]);
    const seen: number[] = [];
    const records: CsvRecord[] = [];
    for await (const batch of readCsvRecords(blob, { chunkBytes: 3, onProgress: (p) => seen.push(p.bytes) })) records.push(...batch);
    expect(simple(records)).toEqual([
      [1, 'word', 'label'],
      [2, 'héllo, wörld', 'ä'],
      [3, '日本語', 'b'],
    ]);
    expect(seen.at(-1)).toBe(blob.size);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = async () => {
      for await (const _ of readCsvRecords(new Blob(['a,b\n1,2\n']), { signal: controller.signal })) void _;
    };
    await expect(run()).rejects.toThrow('The import was cancelled.');
  });
});

describe('encodings', () => {
  it('notices a file that is not UTF-8', async () => {
    const { inspectCsv } = await import('./importCsv.ts');
    const latin1 = new Uint8Array([...new TextEncoder().encode('name,label\ncaf'), 0xe9, ...new TextEncoder().encode(',a\nx,b\n')]);
    const inspection = await inspectCsv({ csv: new Blob([latin1]), csvName: 'latin1.csv', files: null });
    expect(inspection.notes).toEqual(['latin1.csv is not UTF-8 text: letters such as é or ü may show as �. Save it as "CSV UTF-8" and choose it again.']);
  });
});
