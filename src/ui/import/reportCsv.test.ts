import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../train/protocol.ts';
import { formatNumber, reportToCsv } from './reportCsv.ts';

describe('the import report as CSV', () => {
  it('lists rejected rows, then filled values, quoting fields that need it', () => {
    const report: ImportReport = {
      kind: 'csv',
      datasetId: 'user.pets',
      title: 'pets',
      source: 'pets.csv',
      read: 5,
      kept: 3,
      rejected: [
        { line: 4, file: null, reason: "column 'a' = '1,5' is not a number" },
        { line: null, file: 'x/"odd".png', reason: 'not an image' },
      ],
      filled: [{ column: 'age', count: 2, value: 41.25, lines: [2, 6] }],
      missingModality: [],
      blankLines: 0,
      notes: [],
      milliseconds: 1,
    };
    expect(reportToCsv(report).split('\r\n')).toEqual([
      'line,file,outcome,reason',
      `4,,rejected,"column 'a' = '1,5' is not a number"`,
      ',"x/""odd"".png",rejected,not an image',
      "2,,filled,column 'age' was missing; filled with the training mean 41.250",
      "6,,filled,column 'age' was missing; filled with the training mean 41.250",
      '',
    ]);
    expect(formatNumber(0.000228)).toBe('0.000228');
  });
});
