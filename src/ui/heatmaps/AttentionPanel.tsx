// The Attention tab of the dock: where the model's attention goes while it trains. The chosen
// map (modality weights, cross-attention, the fusion transformer's CLS attention or gates) for the
// probe samples, with head, sample and query choices, a timeline, and PNG export. The heatmap
// itself is drawn by ViewCanvas from the transient heatmap store; this component re-renders only
// when the run's maps or the choices change.
import { useMemo, useState, useSyncExternalStore } from 'react';
import { actions } from '../hooks/useAppStore.ts';
import { exportViewPng } from './exportPng.ts';
import { heatmaps, subscribeHeatmaps, type HeatmapState } from './heatmapStore.ts';
import { ProbeSamplesControl } from './ProbeSamplesControl.tsx';
import { select, useSelection } from './selection.ts';
import { Timeline } from './Timeline.tsx';
import { ViewCanvas } from './ViewCanvas.tsx';
import { outlineOf, probeLabel, probeTitle, selectedSeries } from './views.ts';
import './heatmaps.css';

/** Changes when the run, its plan or its list of maps changes (not per snapshot). */
function structureKey(): string {
  const s = heatmaps();
  return `${s.runId ?? ''}|${s.plan ? s.plan.samples.join(',') : '-'}|${s.series.map((x) => x.info.nodeId).join(',')}`;
}

let structureCache: { key: string; state: HeatmapState } | null = null;

/** The run's maps and plan, taken again only when structureKey changes (a stable snapshot for React). */
function structure(): HeatmapState {
  const key = structureKey();
  if (structureCache?.key !== key) structureCache = { key, state: heatmaps() };
  return structureCache.state;
}

const KIND_HINT: Readonly<Record<string, string>> = {
  weights: 'Each row is one probe sample; the colour shows how much of the fused vector each modality supplies. Click a row to pick the sample.',
  cross: 'Each row is a query token; the colour shows how much it reads each key token. Click a row to follow one query over the picture.',
  cls: 'How much the fused CLS token reads each token, per head; the right side sums it per modality.',
  gate: 'Each row is one probe sample; the colour is the gate per feature: near 1 the first modality, near 0 the second.',
};

export function AttentionPanel() {
  const s = useSyncExternalStore(subscribeHeatmaps, structure);
  const selection = useSelection();
  const outline = useMemo(() => outlineOf(s, selection), [s, selection]);
  const [exporting, setExporting] = useState(false);
  const series = selectedSeries(s, selection);
  const meaning = series?.info.meaning;

  const exportPng = (): void => {
    setExporting(true);
    exportViewPng(selection)
      .then((name) => actions().pushToast('info', `Saved ${name}.`))
      .catch((err: unknown) => actions().pushToast('error', `The picture could not be saved: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => setExporting(false));
  };

  return (
    <div className="attn-panel" data-testid="attn.panel">
      <aside className="attn-controls" aria-label="What to show">
        <div className="train-field attn-field">
          <label htmlFor="attn-map">Map</label>
          <select id="attn-map" value={outline?.nodeId ?? ''} disabled={s.series.length === 0} onChange={(e) => select({ nodeId: e.target.value })} data-testid="attn.map">
            {s.series.length === 0 && <option value="">none yet</option>}
            {s.series.map((x) => (
              <option key={x.info.nodeId} value={x.info.nodeId} title={probeTitle(s, x)}>
                {probeLabel(s, x)}
              </option>
            ))}
          </select>
        </div>
        {outline && outline.heads > 1 && (
          <div className="train-field attn-field">
            <span id="attn-head-label">Head</span>
            <div className="attn-heads" role="group" aria-labelledby="attn-head-label" data-testid="attn.heads">
              {(['mean', ...Array.from({ length: outline.heads }, (_, h) => h)] as const).map((h) => (
                <button
                  key={h}
                  type="button"
                  className={`attn-head${selection.head === h ? ' is-active' : ''}`}
                  aria-pressed={selection.head === h}
                  title={h === 'mean' ? 'The mean over every head' : `Head ${h + 1} alone`}
                  onClick={() => select({ head: h })}
                  data-testid={`attn.head.${h === 'mean' ? 'mean' : h + 1}`}
                >
                  {h === 'mean' ? 'All' : h + 1}
                </button>
              ))}
            </div>
          </div>
        )}
        {outline && outline.samples.length > 0 && (
          <div className="train-field attn-field">
            <label htmlFor="attn-sample">Sample</label>
            <select id="attn-sample" value={Math.min(selection.sample, outline.samples.length - 1)} onChange={(e) => select({ sample: Number(e.target.value) })} data-testid="attn.sample">
              {outline.samples.map((label, i) => (
                <option key={label} value={i}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        )}
        {outline?.queries && (
          <div className="train-field attn-field">
            <label htmlFor="attn-query">Query</label>
            <select
              id="attn-query"
              value={selection.query === null ? '' : String(Math.min(selection.query, outline.queries.length - 1))}
              onChange={(e) => select({ query: e.target.value === '' ? null : Number(e.target.value) })}
              data-testid="attn.query"
            >
              <option value="">all (mean)</option>
              {outline.queries.map((label, i) => (
                <option key={`${i}-${label}`} value={i}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        )}
        <p className="attn-hint" title={meaning}>
          {outline ? KIND_HINT[outline.kind] : 'Press Train with an attention, cross-attention, transformer, gated or weighted late fusion node in the graph: its attention shows here, live, on a few validation samples (one per class).'}
        </p>
        <ProbeSamplesControl plan={s.plan} />
        <button type="button" className="btn btn-small attn-export" onClick={exportPng} disabled={!outline || exporting} data-testid="attn.export">
          Export PNG
        </button>
      </aside>
      <div className="attn-main">
        <ViewCanvas selection={selection} outline={outline} />
        <Timeline />
      </div>
    </div>
  );
}
