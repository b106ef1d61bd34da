// The right panel: the selected node, the selected edge, a multi-selection, or the project summary.
import { selectSelection } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { EdgeInspector } from './EdgeInspector.tsx';
import { InspectorDelete } from './InspectorDelete.tsx';
import { NodeInspector } from './NodeInspector.tsx';
import { ProjectSummary } from './ProjectSummary.tsx';
import { DataPanel } from '../dataset/DataPanel.tsx';
import './Inspector.css';

export function Inspector() {
  const { nodeIds, edgeIds } = useAppStore(selectSelection);
  let body;
  if (nodeIds.length === 1 && nodeIds[0] !== undefined) body = <NodeInspector key={nodeIds[0]} nodeId={nodeIds[0]} />;
  else if (nodeIds.length === 0 && edgeIds.length === 1 && edgeIds[0] !== undefined) body = <EdgeInspector edgeId={edgeIds[0]} />;
  else if (nodeIds.length + edgeIds.length > 1) body = <MultiSelection nodes={nodeIds.length} edges={edgeIds.length} />;
  else
    body = (
      <>
        <DataPanel />
        <ProjectSummary />
      </>
    );
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      {body}
    </aside>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function MultiSelection({ nodes, edges }: { nodes: number; edges: number }) {
  const parts = [nodes > 0 ? plural(nodes, 'node') : null, edges > 0 ? plural(edges, 'connection') : null].filter(Boolean);
  return (
    <>
      <div className="panel-header">
        <h2>Selection</h2>
      </div>
      <div className="inspector-body">
        <p>{parts.join(' and ')} selected.</p>
        <p className="muted">Ctrl/Cmd+C copies, Ctrl/Cmd+D duplicates, Delete removes them.</p>
        <InspectorDelete label="Delete selection" />
      </div>
    </>
  );
}
