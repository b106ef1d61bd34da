// The import report as a CSV people can download: one line per rejected row or file, then the
// filled values. Fields quoted per RFC 4180 when needed.
import type { ImportReport } from '../../train/protocol.ts';

function cell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportToCsv(report: ImportReport): string {
  const rows: (string | number | null)[][] = [['line', 'file', 'outcome', 'reason']];
  for (const r of report.rejected) rows.push([r.line, r.file, 'rejected', r.reason]);
  for (const f of report.filled) {
    for (const line of f.lines) rows.push([line, null, 'filled', `column '${f.column}' was missing; filled with the training mean ${formatNumber(f.value)}`]);
  }
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(3) : x.toPrecision(3);
}

export function downloadText(text: string, fileName: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
