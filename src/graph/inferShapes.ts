// Shape inference over a whole graph: each node's kind.infer, in topological order.
import { describeNode, diagnostic } from './diagnostics.ts';
import { dims } from './nodes/kit.ts';
import { checkParam, resolveParams } from './params.ts';
import { getKind } from './registry.ts';
import { indexGraph, topoOrder } from './structure.ts';
import type { Diagnostic, Graph, GraphShapes, InferResult, TypedShape } from './types.ts';

/** "image 28×28×1", "vector 64", "tokens 16×32". */
export function formatShape(ts: TypedShape): string {
  return `${ts.type} ${dims(ts.shape)}`;
}

/**
 * Infers every node's output shapes and parameter count. A node is inferred only when its kind is
 * known, its params are valid (missing ones take their defaults), and every input port has an
 * acceptable number of edges of accepted types whose sources were inferred. Otherwise it is left
 * out silently (validateGraph reports why), and so is everything downstream: only a kind's own
 * `infer` refusal becomes a 'shape' diagnostic, and its cost warnings become 'cost' diagnostics.
 */
export function inferShapes(graph: Graph): GraphShapes {
  const idx = indexGraph(graph);
  const ids = [...idx.nodes.keys()];
  const { order } = topoOrder(ids, idx.linked);
  const nodeOutputs: Record<string, Readonly<Record<string, TypedShape>>> = {};
  const paramCounts: Record<string, number> = {};
  const diagnostics: Diagnostic[] = [];

  for (const id of order) {
    const node = idx.nodes.get(id);
    const kind = node && getKind(node.kind);
    if (!node || !kind) continue;
    const params = resolveParams(kind, node.params);
    if (kind.params.some((spec) => checkParam(spec, params[spec.name]) !== null)) continue;

    const inputs: Record<string, readonly TypedShape[]> = {};
    let ready = true;
    for (const port of kind.inputs) {
      const shapes: TypedShape[] = [];
      for (const e of idx.linked) {
        if (e.target !== id || e.targetPort !== port.name) continue;
        const s = nodeOutputs[e.source]?.[e.sourcePort];
        if (!s || !port.accepts.includes(s.type)) {
          ready = false;
          break;
        }
        shapes.push(s);
      }
      if (!ready || shapes.length < port.min || shapes.length > port.max) {
        ready = false;
        break;
      }
      inputs[port.name] = shapes;
    }
    if (!ready) continue;

    let result: InferResult;
    try {
      result = kind.infer(params, inputs);
    } catch (err) {
      result = { ok: false, message: `Shape inference failed unexpectedly (${err instanceof Error ? err.message : String(err)}). Please report this.` };
    }
    if (result.ok) {
      nodeOutputs[id] = { ...result.outputs };
      paramCounts[id] = result.paramCount;
      for (const warning of result.warnings ?? []) {
        diagnostics.push(diagnostic('cost', `${describeNode(node)}: ${warning}`, { nodeId: id }));
      }
    } else {
      diagnostics.push(diagnostic('shape', `${describeNode(node)}: ${result.message}`, { nodeId: id }));
    }
  }

  const edges: Record<string, TypedShape> = {};
  for (const e of graph.edges) {
    const s = nodeOutputs[e.source]?.[e.sourcePort];
    if (s && e.source !== e.target && idx.nodes.has(e.target)) edges[e.id] = s;
  }
  return { edges, nodeOutputs, paramCounts, diagnostics };
}

/** The sum of all inferred parameter counts (nodes that could not be inferred count 0). */
export function totalParamCount(shapes: GraphShapes): number {
  return Object.values(shapes.paramCounts).reduce((a, b) => a + b, 0);
}
