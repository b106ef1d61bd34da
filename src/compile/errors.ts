// Compile errors: they name the node and say what to change. A raw tfjs message or stack never
// reaches the user unexplained.
import type { Diagnostic } from '../graph/index.ts';

export class CompileError extends Error {
  /** The node to blame (absent for whole-model problems). */
  readonly nodeId: string | undefined;
  /** The diagnostic number when the error comes from validation (e.g. "FD011"). */
  readonly number: string | undefined;
  /** Every error diagnostic when validation failed (the message is the first one). */
  readonly diagnostics: readonly Diagnostic[];

  constructor(message: string, where: { nodeId?: string; number?: string; diagnostics?: readonly Diagnostic[] } = {}) {
    super(message);
    this.name = 'CompileError';
    this.nodeId = where.nodeId;
    this.number = where.number;
    this.diagnostics = where.diagnostics ?? [];
  }
}

/**
 * The useful part of an error thrown while building layers: its first line, without tfjs's
 * "Error:" prefixes or a stack, and without internal layer names' noise.
 */
export function cleanMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const first = raw.split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
  return first.replace(/^(\w*Error:\s*)+/, '').trim().replace(/\.$/, '');
}
