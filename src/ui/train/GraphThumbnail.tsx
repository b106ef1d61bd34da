// A small read-only picture of a run's graph: nodes at their positions, coloured by category,
// edges as curves. Plain SVG (no React Flow), so many can be shown at once.
import { getKind } from '../../graph/index.ts';
import type { Graph } from '../../graph/index.ts';
import { CATEGORY_COLORS } from '../theme.ts';

const NODE_W = 176;
const NODE_H = 64;
const PAD = 24;

export function GraphThumbnail({ graph, label }: { graph: Graph; label: string }) {
  if (graph.nodes.length === 0) return <p className="muted small">Empty graph</p>;
  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs) - PAD;
  const minY = Math.min(...ys) - PAD;
  const w = Math.max(...xs) + NODE_W + PAD - minX;
  const h = Math.max(...ys) + NODE_H + PAD - minY;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return (
    <svg className="graph-thumb" viewBox={`${minX} ${minY} ${w} ${h}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      {graph.edges.map((e) => {
        const a = byId.get(e.source);
        const b = byId.get(e.target);
        if (!a || !b) return null;
        const x1 = a.position.x + NODE_W;
        const y1 = a.position.y + NODE_H / 2;
        const x2 = b.position.x;
        const y2 = b.position.y + NODE_H / 2;
        const mid = (x1 + x2) / 2;
        return <path key={e.id} d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`} fill="none" stroke="#94a3b8" strokeWidth={4} />;
      })}
      {graph.nodes.map((n) => {
        const kind = getKind(n.kind);
        const color = kind ? CATEGORY_COLORS[kind.category] : '#94a3b8';
        return (
          <g key={n.id}>
            <title>{`${n.label ?? kind?.title ?? n.kind} (${n.kind})`}</title>
            <rect x={n.position.x} y={n.position.y} width={NODE_W} height={NODE_H} rx={12} fill="#fff" stroke={color} strokeWidth={4} />
            <rect x={n.position.x} y={n.position.y} width={NODE_W} height={12} rx={6} fill={color} />
            <text x={n.position.x + NODE_W / 2} y={n.position.y + NODE_H / 2 + 12} textAnchor="middle" fontSize={22} fill="#0f172a">
              {(n.label ?? kind?.title ?? n.kind).slice(0, 14)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
