// Where a modality-attention node looked: its probe values (α per sample and modality) averaged
// over the probe samples, per modality name. The UI and the lesson verifier feed it probe snapshots.
import type { DatasetDescriptor } from '../dataset.ts';
import type { Graph, ProjectDocument } from '../types.ts';
import { inputModalities } from './evaluate.ts';

/** Node kinds whose probe is one weight per incoming modality (columns in edge order). */
const MODALITY_WEIGHT_KINDS: ReadonlySet<string> = new Set(['fusion.modalityAttention']);

/** The input nodes upstream of `nodeId` (itself when it is one), in graph order. */
export function upstreamInputs(graph: Graph, nodeId: string): string[] {
  const seen = new Set<string>();
  const stack = [nodeId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of graph.edges) if (e.target === id) stack.push(e.source);
  }
  return graph.nodes.filter((n) => seen.has(n.id) && n.kind.startsWith('input.')).map((n) => n.id);
}

/** Per column, the mean over the samples of a [samples, M] probe snapshot (row-major); null for other shapes. */
export function probeColumnMeans(values: ArrayLike<number>, shape: readonly number[]): number[] | null {
  if (shape.length !== 2) return null;
  const [samples = 0, m = 0] = shape;
  if (samples === 0 || m === 0 || values.length < samples * m) return null;
  return Array.from({ length: m }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < samples; i++) sum += values[i * m + j] ?? 0;
    return sum / samples;
  });
}

/**
 * Attention weights per modality from the column means of a modality-attention node's probe (one
 * column per edge into its "in" port, in edge order); null when the node is not one. A column whose
 * branch reads several modalities is skipped.
 */
export function attentionByModality(doc: ProjectDocument, nodeId: string, columns: readonly number[], dataset?: DatasetDescriptor): Record<string, number> | null {
  const node = doc.graph.nodes.find((n) => n.id === nodeId);
  if (node === undefined || !MODALITY_WEIGHT_KINDS.has(node.kind)) return null;
  const modalities = inputModalities(doc.graph, doc.dataset?.bindings, dataset);
  const incoming = doc.graph.edges.filter((e) => e.target === nodeId && e.targetPort === 'in');
  const out: Record<string, number> = {};
  incoming.forEach((e, i) => {
    const inputs = upstreamInputs(doc.graph, e.source);
    const value = columns[i];
    const m = inputs.length === 1 ? modalities[inputs[0] as string] : undefined;
    if (m !== undefined && value !== undefined) out[m] = (out[m] ?? 0) + value;
  });
  return out;
}

/** The mean attention per modality from one probe snapshot of a modality-attention node; null otherwise. */
export function attentionFromProbe(doc: ProjectDocument, nodeId: string, values: ArrayLike<number>, shape: readonly number[], dataset?: DatasetDescriptor): Record<string, number> | null {
  const means = probeColumnMeans(values, shape);
  return means === null ? null : attentionByModality(doc, nodeId, means, dataset);
}
