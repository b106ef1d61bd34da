// fusion-designer validate: parse a project file and list its diagnostics.
import { parseProject, validateGraph, type Diagnostic, type ParseIssue } from '../graph/index.ts';

export interface ValidateReport {
  readonly ok: boolean;
  /** Present when the file is not a readable project. */
  readonly parseError?: { readonly message: string; readonly issues: readonly ParseIssue[] };
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
}

/** Validates the text of a project file. */
export function validateText(text: string): ValidateReport {
  const parsed = parseProject(text);
  if (!parsed.ok) return { ok: false, parseError: { message: parsed.message, issues: parsed.issues }, diagnostics: [], errors: 1, warnings: 0 };
  const diagnostics = validateGraph(parsed.document.graph);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { ok: errors === 0, diagnostics, errors, warnings: diagnostics.length - errors };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Human-readable report: one line per diagnostic ("error FD011 n5: …"), then a summary. */
export function formatReport(file: string, report: ValidateReport): string {
  if (report.parseError) {
    const lines = [`${file}: not a valid project.`];
    const issues = report.parseError.issues;
    if (issues.length === 0) lines.push(`  ${report.parseError.message}`);
    for (const issue of issues) lines.push(`  ${issue.message}`);
    return `${lines.join('\n')}\n`;
  }
  const lines = report.diagnostics.map((d) => {
    const where = d.nodeId ?? d.edgeId ?? 'model';
    return `${d.severity === 'error' ? 'error  ' : 'warning'} ${d.number} ${where}: ${d.message}`;
  });
  const summary =
    report.diagnostics.length === 0 ? `${file}: no problems.` : `${file}: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}.`;
  return `${[...lines, summary].join('\n')}\n`;
}
