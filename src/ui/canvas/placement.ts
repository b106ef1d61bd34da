// Where new nodes go: centred on a point, nudged so they do not land exactly on another node.
import type { Graph, XY } from '../../graph/index.ts';

/** Approximate size of a node before it is measured (matches .fnode). */
export const NODE_SIZE = { width: 176, height: 96 } as const;
const NUDGE = 28;

/** The top-left position that centres a new node on `centre`, nudged off any node already there. */
export function placeNode(graph: Graph, centre: XY): XY {
  let x = Math.round(centre.x - NODE_SIZE.width / 2);
  let y = Math.round(centre.y - NODE_SIZE.height / 2);
  for (let i = 0; i < 50; i++) {
    const clash = graph.nodes.some((n) => Math.abs(n.position.x - x) < 8 && Math.abs(n.position.y - y) < 8);
    if (!clash) break;
    x += NUDGE;
    y += NUDGE;
  }
  return { x, y };
}
