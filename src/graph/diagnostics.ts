// Stable diagnostic numbers and the wording helpers shared by validate, inferShapes and connect.
import { getKind } from './registry.ts';
import type { Diagnostic, DiagnosticCode, GraphNode, PortType, Severity } from './types.ts';

export interface DiagnosticInfo {
  /** Stable number shown to users ("FD001"). Never renumber: docs/project-format.md lists them. */
  readonly number: string;
  readonly severity: Severity;
  /** One-line summary for the docs and tooltips. */
  readonly summary: string;
}

export const DIAGNOSTIC_INFO: Readonly<Record<DiagnosticCode, DiagnosticInfo>> = {
  'unknown-kind': { number: 'FD001', severity: 'error', summary: 'A node has a kind this version does not know.' },
  'param-range': { number: 'FD002', severity: 'error', summary: 'A parameter is missing, of the wrong type, out of range, not an option, or unknown.' },
  'dangling-edge': { number: 'FD003', severity: 'error', summary: 'An edge points to a node that does not exist.' },
  'unknown-port': { number: 'FD004', severity: 'error', summary: 'An edge uses a port its node does not have.' },
  'duplicate-edge': { number: 'FD005', severity: 'error', summary: 'Two edges connect the same ports.' },
  'self-loop': { number: 'FD006', severity: 'error', summary: 'An edge connects a node to itself.' },
  cycle: { number: 'FD007', severity: 'error', summary: 'Edges form a loop; data must flow one way.' },
  'port-type': { number: 'FD008', severity: 'error', summary: 'An edge carries a type its target port does not accept.' },
  'too-many-inputs': { number: 'FD009', severity: 'error', summary: 'An input port has more edges than it takes.' },
  'missing-input': { number: 'FD010', severity: 'error', summary: 'A required input port has too few edges.' },
  shape: { number: 'FD011', severity: 'error', summary: 'Shapes arriving at a node do not fit it.' },
  'no-head': { number: 'FD012', severity: 'error', summary: 'The graph has no head, so the model predicts nothing.' },
  unreachable: { number: 'FD013', severity: 'warning', summary: 'A node does not lead to any head or prediction.' },
  cost: { number: 'FD014', severity: 'warning', summary: 'A node creates so many parameters that training may be slow or run out of memory.' },
};

type Where = Pick<Diagnostic, 'nodeId' | 'edgeId' | 'param' | 'port'>;

/** A diagnostic with its stable number and severity filled in from DIAGNOSTIC_INFO. */
export function diagnostic(code: DiagnosticCode, message: string, where: Where = {}): Diagnostic {
  const info = DIAGNOSTIC_INFO[code];
  return { code, number: info.number, severity: info.severity, message, ...where };
}

/** The title users see for a node: its label, else its kind's title, else its kind id. */
export function nodeTitle(node: GraphNode): string {
  return node.label ?? getKind(node.kind)?.title ?? node.kind;
}

/** A node as named in messages: `CNN encoder "Photo" (n3)` or `CNN encoder (n3)`. */
export function describeNode(node: GraphNode): string {
  const title = getKind(node.kind)?.title ?? node.kind;
  return node.label !== undefined && node.label !== '' && node.label !== title
    ? `${title} "${node.label}" (${node.id})`
    : `${title} (${node.id})`;
}

const TYPE_PHRASES: Readonly<Record<PortType, string>> = {
  image: 'an image',
  audio: 'an audio spectrogram',
  text: 'text tokens',
  tabular: 'tabular features',
  sequence: 'a sequence',
  vector: 'a feature vector',
  tokens: 'feature tokens',
  prediction: 'a prediction',
};

/** "text tokens", "a feature vector" … for "X gives …". */
export function typePhrase(type: PortType): string {
  return TYPE_PHRASES[type];
}

/** "image", "vector or tokens", "tabular, vector, image, audio or sequence". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

/** "fusion.late", "fusion.late and fusion.early", "a, b and c". */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
