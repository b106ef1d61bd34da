// The Export menu next to Train: after a finished training run, download the trained model as a
// bundle (TensorFlow.js model, loader module, model card, metrics) or as PyTorch / Keras code with
// the converted weights (and, if wanted, the dataset for train.py). The worker builds the zip.
import { useState } from 'react';
import { formatBytes } from '../../graph/index.ts';
import type { AppState } from '../../store/index.ts';
import type { ExportFormat } from '../../train/exportProtocol.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { usePopover } from '../hooks/usePopover.ts';
import { downloadBytes, ExportFailure, FORMAT_TITLES, requestExport } from './exportClient.ts';
import './export.css';

const DESCRIPTIONS: Readonly<Record<ExportFormat, string>> = {
  bundle: 'The TensorFlow.js model with a loader module for Node and browsers (same preprocessing as training), the model card, metrics and the project.',
  pytorch: 'model.py (an nn.Module of this graph), train.py (one GPU, or several with torchrun) and the trained weights converted for PyTorch.',
  keras: 'model.py in the Keras functional API with the fusion layers as classes, and the trained weights.',
};

/** Why exporting is not possible now, or null when the last run left a trained model. */
const selectExportBlocker = (s: AppState): string | null => {
  const run = s.run;
  if (run.phase === 'idle') return 'Train a model first: exports save the model of a finished training run.';
  if (run.phase !== 'done') return run.phase === 'error' || run.phase === 'stopped' ? 'The last run did not finish: train again to export.' : 'Exports are ready when training has finished.';
  if (run.mode !== 'train' || run.record === null) return 'Exports save the model of a training run (the arena keeps no model): train the graph to export it.';
  return null;
};

const selectRunSummary = (s: AppState): string | null => {
  const run = s.run;
  if (run.phase !== 'done' || run.record === null) return null;
  const acc = run.record.metrics.validation?.accuracy;
  return `${run.record.document.name}${acc === undefined ? '' : `, validation accuracy ${(100 * acc).toFixed(1)}%`}`;
};

async function runExport(format: ExportFormat, includeDataset: boolean, onProgress: (label: string) => void): Promise<void> {
  const s = actions();
  const run = s.run;
  if (run.phase !== 'done' || run.record === null) return;
  const evaluation = run.evaluation;
  try {
    const done = await requestExport(
      {
        runId: run.runId,
        format,
        record: run.record,
        ...(evaluation === null ? {} : { evaluation: { confusion: evaluation.confusion, perClass: evaluation.perClass } }),
        includeDataset,
      },
      onProgress,
    );
    downloadBytes(done.zip, done.fileName);
    actions().pushToast('success', `Downloaded ${done.fileName} (${formatBytes(done.zip.byteLength)}, ${done.files.length} files).`);
  } catch (err) {
    const fix = err instanceof ExportFailure && err.fix ? ` ${err.fix}` : '';
    actions().pushToast('error', `${err instanceof Error ? err.message : String(err)}${fix}`);
  }
}

export function ExportMenu() {
  const blocker = useAppStore(selectExportBlocker);
  const summary = useAppStore(selectRunSummary);
  const { open, setOpen, root } = usePopover();
  const [busy, setBusy] = useState<{ format: ExportFormat; label: string } | null>(null);
  const [includeDataset, setIncludeDataset] = useState(true);

  const start = (format: ExportFormat): void => {
    setBusy({ format, label: 'Starting' });
    void runExport(format, includeDataset, (label) => setBusy({ format, label })).finally(() => setBusy(null));
  };

  return (
    <div className="menu export-menu" ref={root}>
      <button
        type="button"
        className="btn"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls="export-menu"
        disabled={blocker !== null}
        title={blocker ?? 'Download the trained model or its code'}
        onClick={() => setOpen((o) => !o)}
        data-testid="toolbar.export"
      >
        {busy === null ? 'Export' : 'Exporting…'} <span aria-hidden="true">▾</span>
      </button>
      {open && blocker === null && (
        <div className="menu-popover export-popover" id="export-menu" role="group" aria-label="Export">
          <p className="menu-note">The model of the last training run{summary === null ? '' : `: ${summary}`}.</p>
          {(['bundle', 'pytorch', 'keras'] as const).map((format) => (
            <button
              type="button"
              key={format}
              className="menu-item"
              disabled={busy !== null}
              aria-label={`Download the ${FORMAT_TITLES[format].toLowerCase()}`}
              aria-description={DESCRIPTIONS[format]}
              data-testid={`export.${format}`}
              onClick={() => start(format)}
            >
              <span className="menu-item-title">
                {FORMAT_TITLES[format]} <span className="muted">(.zip)</span>
              </span>
              <span className="menu-item-desc">{DESCRIPTIONS[format]}</span>
              {busy?.format === format && (
                <span className="export-progress" role="status" data-testid="export.progress">
                  {busy.label}…
                </span>
              )}
            </button>
          ))}
          <label className="export-option">
            <input type="checkbox" checked={includeDataset} onChange={(e) => setIncludeDataset(e.target.checked)} data-testid="export.includeDataset" />
            <span>
              Put the dataset into the code exports (dataset.npz, for train.py)
              <span className="menu-item-desc"> Large for real data: AV-Digits is about 100 MB.</span>
            </span>
          </label>
        </div>
      )}
    </div>
  );
}
