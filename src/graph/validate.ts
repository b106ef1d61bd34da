// Whole-graph validation: every DiagnosticCode, errors before warnings.
import { andList, describeNode, diagnostic, orList, typePhrase } from './diagnostics.ts';
import { inferShapes } from './inferShapes.ts';
import { paramProblems } from './params.ts';
import { NODE_KINDS, getKind } from './registry.ts';
import { adjacency, cyclicComponents, edgeKey, findPath, indexGraph } from './structure.ts';
import type { Diagnostic, Graph, GraphEdge, GraphNode, GraphShapes, NodeKind, PortType } from './types.ts';

function nodeRef(nodes: ReadonlyMap<string, GraphNode>, id: string): string {
  const n = nodes.get(id);
  return n ? describeNode(n) : `"${id}"`;
}

/** Which palette kinds could take `type` as an input: "MLP encoder and Concatenate". */
function acceptorsOf(type: PortType, except: NodeKind): string[] {
  return NODE_KINDS.filter((k) => k !== except && !k.unavailable && k.inputs.some((p) => p.accepts.includes(type))).map((k) => k.title);
}

/**
 * Checks a graph and returns every problem found, errors first. Pass `shapes` when you already
 * have inferShapes(graph) to avoid computing it twice.
 */
export function validateGraph(graph: Graph, shapes: GraphShapes = inferShapes(graph)): Diagnostic[] {
  const out: Diagnostic[] = [];
  const idx = indexGraph(graph);
  const { nodes } = idx;

  // FD001 unknown-kind, FD002 param-range
  for (const node of nodes.values()) {
    const kind = getKind(node.kind);
    if (!kind) {
      out.push(
        diagnostic(
          'unknown-kind',
          `Node ${node.id}${node.label ? ` ("${node.label}")` : ''} has kind "${node.kind}", which this version of Fusion Designer doesn't know. Delete it and use a node from the palette instead.`,
          { nodeId: node.id },
        ),
      );
      continue;
    }
    for (const p of paramProblems(kind, node.params)) {
      out.push(diagnostic('param-range', `${describeNode(node)}: ${p.message}`, { nodeId: node.id, param: p.param }));
    }
  }

  // Edge by edge: FD003 dangling-edge, FD006 self-loop, FD005 duplicate-edge, FD004 unknown-port, FD008 port-type
  const firstEdgeWithKey = new Map<string, string>();
  for (const e of graph.edges) {
    const src = nodes.get(e.source);
    const tgt = nodes.get(e.target);
    if (!src || !tgt) {
      const missing = [e.source, e.target].filter((id, i, a) => !nodes.has(id) && a.indexOf(id) === i).map((id) => `"${id}"`);
      const existing = src ?? tgt;
      out.push(
        diagnostic(
          'dangling-edge',
          `Edge ${e.id} connects ${nodeRef(nodes, e.source)} to ${nodeRef(nodes, e.target)}, but there is no node ${andList(missing)}. Delete the edge.`,
          existing ? { edgeId: e.id, nodeId: existing.id } : { edgeId: e.id },
        ),
      );
      continue;
    }
    if (src === tgt) {
      out.push(
        diagnostic('self-loop', `${describeNode(src)} is connected to itself (edge ${e.id}). A node can't feed its own input; delete the edge.`, {
          edgeId: e.id,
          nodeId: src.id,
        }),
      );
      continue;
    }
    const key = edgeKey(e);
    const first = firstEdgeWithKey.get(key);
    if (first !== undefined) {
      out.push(
        diagnostic(
          'duplicate-edge',
          `Edge ${e.id} repeats edge ${first}: both connect ${describeNode(src)} (${e.sourcePort}) to ${describeNode(tgt)} (${e.targetPort}). Delete one of them.`,
          { edgeId: e.id, nodeId: tgt.id, port: e.targetPort },
        ),
      );
      continue;
    }
    firstEdgeWithKey.set(key, e.id);

    const srcKind = getKind(src.kind);
    const tgtKind = getKind(tgt.kind);
    const outPort = srcKind?.outputs.find((p) => p.name === e.sourcePort);
    const inPort = tgtKind?.inputs.find((p) => p.name === e.targetPort);
    if (srcKind && !outPort) {
      const have = srcKind.outputs.map((p) => `"${p.name}"`);
      out.push(
        diagnostic(
          'unknown-port',
          `Edge ${e.id} leaves ${describeNode(src)} from an output "${e.sourcePort}" it doesn't have (${have.length ? `its outputs: ${have.join(', ')}` : 'it has no outputs'}). Delete the edge and connect it again.`,
          { edgeId: e.id, nodeId: src.id, port: e.sourcePort },
        ),
      );
    }
    if (tgtKind && !inPort) {
      const have = tgtKind.inputs.map((p) => `"${p.name}"`);
      out.push(
        diagnostic(
          'unknown-port',
          `Edge ${e.id} enters ${describeNode(tgt)} at an input "${e.targetPort}" it doesn't have (${have.length ? `its inputs: ${have.join(', ')}` : 'it takes no inputs'}). Delete the edge and connect it again.`,
          { edgeId: e.id, nodeId: tgt.id, port: e.targetPort },
        ),
      );
    }
    if (!srcKind || !tgtKind || !outPort || !inPort) continue;
    const type = shapes.edges[e.id]?.type ?? outPort.type;
    if (!inPort.accepts.includes(type)) {
      const others = acceptorsOf(type, tgtKind);
      const todo = others.length
        ? `Connect it to a node that accepts ${type} (${andList(others)}) instead, or delete the edge.`
        : `No node in the palette accepts ${type} yet; delete the edge.`;
      out.push(
        diagnostic(
          'port-type',
          `${describeNode(tgt)}: its "${inPort.label}" input accepts ${orList(inPort.accepts)}, but ${describeNode(src)} gives ${typePhrase(type)} (edge ${e.id}). ${todo}`,
          { edgeId: e.id, nodeId: tgt.id, port: e.targetPort },
        ),
      );
    }
  }

  // Port by port: FD009 too-many-inputs, FD010 missing-input
  for (const node of nodes.values()) {
    const kind = getKind(node.kind);
    if (!kind) continue;
    for (const port of kind.inputs) {
      const incoming = idx.linked.filter((e) => e.target === node.id && e.targetPort === port.name);
      const n = incoming.length;
      if (n > port.max) {
        const from = andList(incoming.map((e) => nodeRef(nodes, e.source)));
        const takes = port.max === 1 ? 'one edge' : `at most ${port.max} edges`;
        const extra = n - port.max === 1 ? 'the extra edge' : `${n - port.max} of them`;
        out.push(
          diagnostic('too-many-inputs', `${describeNode(node)}: its "${port.label}" input takes ${takes} but has ${n} (from ${from}). Delete ${extra}.`, {
            nodeId: node.id,
            port: port.name,
          }),
        );
      } else if (n < port.min) {
        const msg =
          n === 0 && port.min === 1
            ? `${describeNode(node)}: its "${port.label}" input is not connected. Connect a node that gives ${orList(port.accepts)} to it.`
            : `${describeNode(node)}: its "${port.label}" input needs at least ${port.min} edges but has ${n}. Connect ${port.min - n} more (${orList(port.accepts)}).`;
        out.push(diagnostic('missing-input', msg, { nodeId: node.id, port: port.name }));
      }
    }
  }

  // FD010 missing-input, mirrored outputs: an edge leaves an output the node does not produce with
  // its current inputs (reg.modalityDropout's out_3 while in_3 is open).
  for (const node of nodes.values()) {
    const kind = getKind(node.kind);
    const produced = shapes.nodeOutputs[node.id];
    if (!kind || !produced) continue;
    for (const port of kind.outputs) {
      if (produced[port.name]) continue;
      const leaving = idx.linked.filter((e) => e.source === node.id && e.sourcePort === port.name);
      if (leaving.length === 0) continue;
      const to = andList(leaving.map((e) => nodeRef(nodes, e.target)));
      const twin = kind.inputs.find((p) => p.name === port.name.replace(/^out/, 'in'));
      const fix = twin ? `Connect its "${twin.label}" input, or move the edge to an output whose input is connected.` : 'Move the edge to another output.';
      out.push(
        diagnostic(
          'missing-input',
          `${describeNode(node)}: its "${port.label}" output feeds ${to} but gives nothing, because the matching input is not connected. ${fix}`,
          { nodeId: node.id, port: port.name },
        ),
      );
    }
  }

  // FD007 cycle: one diagnostic per edge inside each loop
  const ids = [...nodes.keys()];
  for (const comp of cyclicComponents(ids, idx.linked)) {
    const inComp = new Set(comp);
    const compEdges = idx.linked.filter((e) => inComp.has(e.source) && inComp.has(e.target));
    const start = comp[0] as string;
    const firstEdge = compEdges.find((e) => e.source === start);
    const back = firstEdge ? findPath(firstEdge.target, start, compEdges) : null;
    const loop = back ? [start, ...back] : comp;
    const loopText = loop.map((id) => nodeRef(nodes, id)).join(' → ');
    for (const e of compEdges) {
      out.push(
        diagnostic(
          'cycle',
          `Edge ${e.id} (${nodeRef(nodes, e.source)} → ${nodeRef(nodes, e.target)}) is part of a loop: ${loopText}. Data must flow one way, from inputs to heads; delete one edge of the loop.`,
          { edgeId: e.id, nodeId: e.target },
        ),
      );
    }
  }

  // FD011 shape
  out.push(...shapes.diagnostics);

  // FD012 no-head, FD013 unreachable
  const known = [...nodes.values()].filter((n) => getKind(n.kind) !== undefined);
  const heads = known.filter((n) => getKind(n.kind)?.category === 'head');
  if (heads.length === 0) {
    out.push(
      diagnostic(
        'no-head',
        'The model has no head, so it has nothing to predict. Add a head from the Heads section (e.g. Classifier) and connect your fused features to it.',
      ),
    );
  } else {
    out.push(...unreachable(known, idx.linked));
  }

  return sortDiagnostics(out);
}

/** Nodes from which no path leads to a head or another node producing a prediction. */
function unreachable(known: readonly GraphNode[], edges: readonly GraphEdge[]): Diagnostic[] {
  const { pred } = adjacency(
    known.map((n) => n.id),
    edges,
  );
  const isSink = (n: GraphNode): boolean => {
    const kind = getKind(n.kind);
    return kind?.category === 'head' || (kind?.outputs.some((p) => p.type === 'prediction') ?? false);
  };
  const reached = new Set(known.filter(isSink).map((n) => n.id));
  const queue = [...reached];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const p of pred.get(id) ?? []) {
      if (!reached.has(p)) {
        reached.add(p);
        queue.push(p);
      }
    }
  }
  return known
    .filter((n) => !reached.has(n.id))
    .map((n) =>
      diagnostic(
        'unreachable',
        `${describeNode(n)} doesn't lead to any head, so it won't affect the predictions. Connect it on a path to a head, or delete it.`,
        { nodeId: n.id },
      ),
    );
}

/** Errors before warnings; otherwise the order they were found in. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic): number => (d.severity === 'error' ? 0 : 1);
  return [...list].sort((a, b) => rank(a) - rank(b));
}
