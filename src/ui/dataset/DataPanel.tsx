// The dataset panel: pick a built-in dataset, read what it teaches, set its options, watch it load
// (with cancel), and see its splits, class balance, credits and a preview of every modality.
import { useId } from 'react';
import type { DatasetDescriptor } from '../../graph/dataset.ts';
import { selectCatalogue, selectDataStatus, selectDatasetChoice } from '../../store/index.ts';
import type { DataStatus } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { formatInteger } from '../theme.ts';
import { cancelDatasetLoad, loadCurrentDataset } from './datasetSync.ts';
import { DatasetOptions } from './DatasetOptions.tsx';
import { GraphFit } from './GraphFit.tsx';
import { PreviewGrid } from './PreviewGrid.tsx';
import { usePreview } from './previewStore.ts';
import { SplitChart } from './SplitChart.tsx';
import { ImportEntry } from '../import/ImportEntry.tsx';
import './DataPanel.css';

function Picker({ catalogue, value }: { catalogue: readonly DatasetDescriptor[] | null; value: string | null }) {
  const id = useId();
  const real = catalogue?.filter((d) => d.source === 'real') ?? [];
  const synthetic = catalogue?.filter((d) => d.source === 'synthetic') ?? [];
  const known = value === null || (catalogue?.some((d) => d.id === value) ?? false);
  const onChange = (next: string) => {
    const changes = actions().chooseDataset(next === '' ? null : next);
    if (changes.length > 0) {
      actions().pushToast('info', `Set ${changes.length} parameter${changes.length === 1 ? '' : 's'} of the graph's inputs and heads to fit the dataset. Undo reverts it.`);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id} className="sr-only">
        Dataset
      </label>
      <select id={id} className="data-picker" value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={catalogue === null} data-testid="data.picker" aria-label="Dataset">
        <option value="">{catalogue === null ? 'Loading the dataset list…' : 'No dataset'}</option>
        {!known && value !== null && <option value={value}>{value}</option>}
        {real.length > 0 && (
          <optgroup label="Real data">
            {real.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </optgroup>
        )}
        {synthetic.length > 0 && (
          <optgroup label="Synthetic teaching suite">
            {synthetic.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}

function Progress({ status }: { status: Extract<DataStatus, { state: 'loading' }> }) {
  const pct = status.total > 0 ? Math.min(100, (status.done / status.total) * 100) : 0;
  return (
    <div className="data-progress" data-testid="data.progress" role="status" aria-live="polite">
      <div className="data-progress-head">
        <span className="data-progress-label">{status.label}</span>
        <button type="button" className="btn btn-small" onClick={cancelDatasetLoad} data-testid="data.cancel">
          Cancel
        </button>
      </div>
      <div className="data-progress-track" role="progressbar" aria-label={status.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <div className="data-progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function Credits({ credits }: { credits: readonly string[] }) {
  if (credits.length === 0) return null;
  return (
    <section className="data-credits" data-testid="data.credits" aria-label="Credits">
      <h3>Credits</h3>
      <ul>
        {credits.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p className="muted small">Shared under the same terms (share-alike, CC BY-SA 4.0).</p>
    </section>
  );
}

export function DataPanel() {
  const catalogue = useAppStore(selectCatalogue);
  const choice = useAppStore(selectDatasetChoice);
  const status = useAppStore(selectDataStatus);
  const preview = usePreview();
  const descriptor = catalogue?.find((d) => d.id === choice?.id);
  const ready = status.state === 'ready' ? status : null;
  const info = ready?.info ?? null;
  const showPreview = preview !== null && choice !== null && preview.preview.info.id === choice.id;

  return (
    <section className="data-panel" aria-labelledby="data-panel-title" data-testid="data.panel">
      <div className="panel-header data-panel-header">
        <h2 id="data-panel-title">Dataset</h2>
        {ready !== null && (
          <span className="muted small" data-testid="data.loadedIn" title={ready.cached ? 'Taken from the worker’s cache' : 'Loaded in the worker'}>
            {formatInteger(ready.info.size)} samples · {ready.cached ? 'cached' : `${(ready.ms / 1000).toFixed(1)} s`}
          </span>
        )}
      </div>
      <div className="inspector-body">
        <Picker catalogue={catalogue} value={choice?.id ?? null} />
        <ImportEntry className="btn btn-small" />
        {descriptor !== undefined && <p className="data-summary">{descriptor.summary}</p>}
        {choice === null && <p className="muted">Choose a dataset to train on: real handwritten and spoken digits, or a synthetic set that shows one kind of multimodal interaction.</p>}

        {status.state === 'loading' && <Progress status={status} />}
        {status.state === 'error' && (
          <div className="data-error" role="alert" data-testid="data.error">
            <strong>Could not load the dataset.</strong> {status.message}
            <div className="data-error-where muted small">Where: {status.where}</div>
            <button type="button" className="btn btn-small" onClick={loadCurrentDataset}>
              Try again
            </button>
          </div>
        )}
        {status.state === 'idle' && choice !== null && catalogue !== null && (
          <div className="data-idle">
            <span className="muted">Not loaded.</span>
            <button type="button" className="btn btn-small" onClick={loadCurrentDataset} data-testid="data.load">
              Load
            </button>
          </div>
        )}

        {showPreview && <PreviewGrid preview={preview.preview} stale={status.state !== 'ready'} />}
        {info !== null && <SplitChart info={info} />}

        {descriptor !== undefined && (
          <>
            <details className="data-details" open>
              <summary>What it teaches</summary>
              <p className="data-description" data-testid="data.description">
                {descriptor.description}
              </p>
            </details>
            {descriptor.options.length > 0 && (
              <details className="data-details">
                <summary>Options</summary>
                <DatasetOptions specs={descriptor.options} values={choice?.options ?? {}} />
              </details>
            )}
            <GraphFit info={info} descriptor={descriptor} />
            <Credits credits={descriptor.credits} />
          </>
        )}
      </div>
    </section>
  );
}
