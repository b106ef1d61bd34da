// How the graph's input nodes read the dataset: which input reads which modality, what does not
// fit yet, and a button that makes it fit (one undo step).
import { useMemo } from 'react';
import { fitModality, nodeTitle } from '../../graph/index.ts';
import type { DatasetDescriptor, DatasetInfo, FitModality } from '../../graph/index.ts';
import { fitFor, selectDoc } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';

function describeValue(v: unknown): string {
  return v === undefined ? '—' : String(v);
}

export function GraphFit({ info, descriptor }: { info: DatasetInfo | null; descriptor: DatasetDescriptor | undefined }) {
  const doc = useAppStore(selectDoc);
  const modalities: readonly FitModality[] | undefined = info?.modalities.map(fitModality) ?? descriptor?.modalities;
  const classes = info?.classes.length ?? descriptor?.classes.length ?? 0;
  const fit = useMemo(() => (modalities === undefined ? null : fitFor(doc, modalities, classes)), [doc, modalities, classes]);
  if (fit === null || modalities === undefined) return null;
  const nodes = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  const fits = fit.changes.length === 0 && fit.unboundModalities.length === 0 && fit.unboundNodes.length === 0;
  const onFit = () => {
    const s = actions();
    const changes = info !== null ? s.fitGraphToData(info) : [];
    if (changes.length > 0) s.pushToast('info', `Changed ${changes.length} parameter${changes.length === 1 ? '' : 's'} so the graph reads this dataset. Undo reverts it.`);
  };
  return (
    <section className="inspector-section data-fit" aria-labelledby="data-fit-title" data-testid="data.fit">
      <h3 id="data-fit-title">Graph inputs</h3>
      <ul className="data-fit-list">
        {modalities.map((m) => {
          const nodeId = Object.entries(fit.bindings).find(([, name]) => name === m.name)?.[0];
          const node = nodeId === undefined ? undefined : nodes.get(nodeId);
          const pending = fit.changes.filter((c) => c.nodeId === nodeId);
          return (
            <li key={m.name} className={node === undefined ? 'is-unbound' : pending.length > 0 ? 'is-mismatch' : 'is-ok'}>
              <span className="data-fit-modality">
                {m.name} <span className="muted">{m.shape.join('×')}</span>
              </span>
              <span className="data-fit-arrow" aria-hidden="true">
                →
              </span>
              {node === undefined ? (
                <span className="text-warning">no {m.kind} input in the graph</span>
              ) : (
                <span title={pending.map((c) => `${c.param}: ${describeValue(c.from)} → ${describeValue(c.to)}`).join('\n')}>
                  {nodeTitle(node)} {pending.length > 0 ? <span className="text-warning">(needs {pending.map((c) => `${c.param} ${describeValue(c.to)}`).join(', ')})</span> : <span className="text-ok">✓</span>}
                </span>
              )}
            </li>
          );
        })}
        {fit.unboundNodes.map((id) => {
          const node = nodes.get(id);
          return node === undefined ? null : (
            <li key={id} className="is-unbound">
              <span className="text-warning">{nodeTitle(node)} has no {node.kind.replace('input.', '')} modality in this dataset</span>
            </li>
          );
        })}
        {fit.changes
          .filter((c) => nodes.get(c.nodeId)?.kind === 'head.classify')
          .map((c) => (
            <li key={`${c.nodeId}.${c.param}`} className="is-mismatch">
              <span className="text-warning">
                {nodeTitle(nodes.get(c.nodeId) ?? { id: c.nodeId, kind: 'head.classify', params: {}, position: { x: 0, y: 0 } })} predicts {describeValue(c.from)} classes; the dataset has {describeValue(c.to)}
              </span>
            </li>
          ))}
      </ul>
      {!fits && fit.changes.length > 0 && (
        <button type="button" className="btn btn-small" onClick={onFit} disabled={info === null} data-testid="data.fitGraph">
          Fit the graph to this dataset
        </button>
      )}
    </section>
  );
}
