// What went wrong (train.error: message, cause, fix, and the node it names), and the backend
// fallback line, above the charts.
import { selectRunError, selectRunFallback } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';

function revealNode(nodeId: string): void {
  const s = actions();
  if (!s.doc.graph.nodes.some((n) => n.id === nodeId)) return;
  s.selectNode(nodeId);
  s.requestFocus(nodeId);
}

function nodeName(nodeId: string): string {
  const node = actions().doc.graph.nodes.find((n) => n.id === nodeId);
  return node?.label ?? nodeId;
}

export function RunError() {
  const error = useAppStore(selectRunError);
  if (error === null) return null;
  const { message, cause, fix, nodeId } = error;
  return (
    <div className="run-error" role="alert" data-testid="run.error">
      <p className="run-error-message" data-testid="run.error.message">
        {message}
      </p>
      {cause !== null && !message.includes(cause) && (
        <p className="run-error-part">
          <strong>Likely cause:</strong> {cause}
        </p>
      )}
      {fix !== null && (
        <p className="run-error-part" data-testid="run.error.fix">
          <strong>What to do:</strong> {fix}
        </p>
      )}
      {nodeId !== null && (
        <button type="button" className="btn btn-small" onClick={() => revealNode(nodeId)} data-testid="run.error.node">
          Show “{nodeName(nodeId)}” in the graph
        </button>
      )}
    </div>
  );
}

export function FallbackNotice() {
  const fallback = useAppStore(selectRunFallback);
  if (fallback === null) return null;
  return (
    <p className="run-notice" role="status" data-testid="run.fallback">
      {fallback}
    </p>
  );
}
