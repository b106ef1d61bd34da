// Step 3: the import runs in the worker; a progress bar and Cancel.
import { cancelImport } from './importActions.ts';
import { useImportFlow } from './importStore.ts';
import { ProgressBar } from './ProgressBar.tsx';

export function ProgressStep() {
  const flow = useImportFlow((f) => (f.step === 'importing' ? f : null));
  if (flow === null) return null;
  const { inspection } = flow.previous;
  const name = inspection.kind === 'csv' ? inspection.fileName : inspection.name;
  return (
    <>
      <header className="import-head">
        <h2 id="import-title">Importing {name}</h2>
        <p className="muted">Reading, checking and decoding run in the background: the page stays usable.</p>
      </header>
      <ProgressBar progress={flow.progress} eta={flow.eta} fallback="Starting…" testId="import.progress" />
      <footer className="import-foot">
        <span className="muted small">{flow.cancelling ? 'Cancelling…' : ''}</span>
        <button type="button" className="btn" onClick={cancelImport} disabled={flow.cancelling} data-testid="import.cancel">
          Cancel import
        </button>
      </footer>
    </>
  );
}
