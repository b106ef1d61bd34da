// The editor's live check while the user drags a new edge.
import { nodeTitle, orList, typePhrase } from './diagnostics.ts';
import { inferShapes } from './inferShapes.ts';
import { getKind } from './registry.ts';
import { findPath, indexGraph } from './structure.ts';
import type { ConnectionCheck, ConnectionRequest, Graph, GraphShapes } from './types.ts';

const no = (reason: string): ConnectionCheck => ({ ok: false, reason });

/**
 * Could an edge from `req.source`'s output `req.sourcePort` to `req.target`'s input `req.targetPort`
 * be added? The reason is one short sentence for a tooltip. Pass `shapes` (inferShapes(graph)) when
 * you have it; it lets the check use a node's inferred output type (e.g. Concatenate of tokens).
 */
export function checkConnection(graph: Graph, req: ConnectionRequest, shapes?: GraphShapes): ConnectionCheck {
  const { nodes, linked } = indexGraph(graph);
  const src = nodes.get(req.source);
  const tgt = nodes.get(req.target);
  if (!src) return no(`The source node ${req.source} doesn't exist.`);
  if (!tgt) return no(`The target node ${req.target} doesn't exist.`);
  if (src.id === tgt.id) return no(`${nodeTitle(src)} can't connect to itself.`);
  const srcKind = getKind(src.kind);
  const tgtKind = getKind(tgt.kind);
  if (!srcKind) return no(`${nodeTitle(src)} has an unknown kind (${src.kind}), so it can't be connected.`);
  if (!tgtKind) return no(`${nodeTitle(tgt)} has an unknown kind (${tgt.kind}), so it can't be connected.`);
  const outPort = srcKind.outputs.find((p) => p.name === req.sourcePort);
  const inPort = tgtKind.inputs.find((p) => p.name === req.targetPort);
  if (!outPort) return no(`${nodeTitle(src)} has no output "${req.sourcePort}".`);
  if (!inPort) return no(`${nodeTitle(tgt)} has no input "${req.targetPort}".`);

  const inferred = (shapes ?? inferShapes(graph)).nodeOutputs[src.id]?.[outPort.name]?.type;
  // Not inferred yet: a pass-through output may become any type its input accepts.
  const possible = inferred ? [inferred] : (srcKind.inputs.find((p) => p.name === outPort.follows)?.accepts ?? [outPort.type]);
  if (!possible.some((t) => inPort.accepts.includes(t))) {
    const gives = possible.length === 1 ? typePhrase(possible[0] ?? outPort.type) : orList(possible);
    return no(`${nodeTitle(tgt)}'s "${inPort.label}" input accepts ${orList(inPort.accepts)}, but ${nodeTitle(src)} gives ${gives}.`);
  }

  const existing = linked.filter((e) => e.target === tgt.id && e.targetPort === inPort.name);
  if (existing.some((e) => e.source === src.id && e.sourcePort === outPort.name)) {
    return no(`${nodeTitle(src)} is already connected to this input.`);
  }
  if (existing.length >= inPort.max) {
    const what = inPort.max === 1 ? 'its one connection' : `all ${inPort.max} of its connections`;
    return no(`${nodeTitle(tgt)}'s "${inPort.label}" input already has ${what}; delete one first.`);
  }
  const back = findPath(tgt.id, src.id, linked);
  if (back) {
    const loop = [...back, tgt.id].map((id) => {
      const n = nodes.get(id);
      return n ? nodeTitle(n) : id;
    });
    return no(`This would make a loop (${loop.join(' → ')}); data must flow one way.`);
  }
  return { ok: true };
}
