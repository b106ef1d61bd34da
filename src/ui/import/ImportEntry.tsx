// The entry point: an "Import data…" button that opens the import dialog.
import { openImport } from './importActions.ts';
import './import.css';

export function ImportEntry({ className = 'btn' }: { className?: string }) {
  return (
    <button
      type="button"
      className={`${className} import-entry`}
      onClick={() => openImport()}
      data-testid="data.import"
      title="Import a CSV (with a zip or folder of images or audio), or folders of images or WAV files, one per class"
    >
      <span className="import-entry-icon" aria-hidden="true">
        ⇪
      </span>
      Import data…
    </button>
  );
}
