// Step 1: choose a CSV (with an optional zip or folder of files), or a folder dataset.
import { useRef } from 'react';
import type { ChangeEvent } from 'react';
import { SIZE_LIMITS } from '../../train/protocol.ts';
import { chooseCsv, chooseFolder, chooseZip, clearFiles, closeImport, inspectFiles, setMode } from './importActions.ts';
import { useImportFlow } from './importStore.ts';
import type { ChosenFiles, ImportFlow } from './importStore.ts';
import { formatBytes } from './format.ts';
import { ProgressBar } from './ProgressBar.tsx';

type PickFlow = Extract<ImportFlow, { step: 'pick' }>;

const MB = 1024 * 1024;
/** Lets an <input type="file"> pick a whole folder (not in React's typings). */
const folderProps = { webkitdirectory: '', directory: '' } as Record<string, string>;

function firstFile(e: ChangeEvent<HTMLInputElement>): File | null {
  const file = e.target.files?.[0] ?? null;
  e.target.value = '';
  return file;
}

function Chosen({ name, detail, onClear }: { name: string; detail: string; onClear?: () => void }) {
  return (
    <span className="import-chosen">
      <span className="import-chosen-name" title={name}>
        {name}
      </span>
      <span className="muted small">{detail}</span>
      {onClear !== undefined && (
        <button type="button" className="import-clear" onClick={onClear} aria-label={`Remove ${name}`}>
          ×
        </button>
      )}
    </span>
  );
}

function describeFiles(files: ChosenFiles): { name: string; detail: string } {
  return files.kind === 'zip'
    ? { name: files.file.name, detail: formatBytes(files.file.size) }
    : { name: `${files.name}/`, detail: `${files.files.length} files, ${formatBytes(files.bytes)}` };
}

function FilesPicker({ flow, label, hint }: { flow: PickFlow; label: string; hint: string }) {
  const zipInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const busy = flow.inspecting !== null;
  return (
    <div className="import-pick-row">
      <div className="import-pick-label">
        <strong>{label}</strong>
        <span className="muted small">{hint}</span>
      </div>
      <div className="import-pick-actions">
        {flow.files === null ? (
          <>
            <button type="button" className="btn" disabled={busy} onClick={() => zipInput.current?.click()} data-testid="import.chooseZip">
              Choose zip…
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => folderInput.current?.click()} data-testid="import.chooseFolder">
              Choose folder…
            </button>
          </>
        ) : (
          <Chosen {...describeFiles(flow.files)} {...(busy ? {} : { onClear: clearFiles })} />
        )}
        <input ref={zipInput} type="file" accept=".zip,application/zip" hidden onChange={(e) => chooseZip(firstFile(e))} aria-label="Zip file" data-testid="import.zipFile" />
        <input
          ref={folderInput}
          type="file"
          multiple
          hidden
          {...folderProps}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            chooseFolder(files);
          }}
          aria-label="Folder"
          data-testid="import.folderFile"
        />
      </div>
    </div>
  );
}

function CsvPicker({ flow }: { flow: PickFlow }) {
  const input = useRef<HTMLInputElement>(null);
  const busy = flow.inspecting !== null;
  return (
    <div className="import-pick-row">
      <div className="import-pick-label">
        <strong>CSV file</strong>
        <span className="muted small">A header line, then one row per sample; comma, semicolon or tab separated.</span>
      </div>
      <div className="import-pick-actions">
        {flow.csv === null ? (
          <button type="button" className="btn" disabled={busy} onClick={() => input.current?.click()} data-testid="import.chooseCsv">
            Choose CSV…
          </button>
        ) : (
          <Chosen name={flow.csv.name} detail={formatBytes(flow.csv.size)} {...(busy ? {} : { onClear: () => chooseCsv(null) })} />
        )}
        <input ref={input} type="file" accept=".csv,.tsv,.txt,text/csv" hidden onChange={(e) => chooseCsv(firstFile(e))} aria-label="CSV file" data-testid="import.csvFile" />
      </div>
    </div>
  );
}

export function PickStep() {
  const flow = useImportFlow((f) => (f.step === 'pick' ? f : null));
  if (flow === null) return null;
  const busy = flow.inspecting !== null;
  const ready = flow.mode === 'csv' ? flow.csv !== null : flow.files !== null;
  return (
    <>
      <header className="import-head">
        <h2 id="import-title">Import your data</h2>
        <p className="muted">Everything stays in this browser tab: the files are read here, never uploaded.</p>
      </header>
      <div className="import-tabs" role="tablist" aria-label="Kind of data">
        <button type="button" role="tab" aria-selected={flow.mode === 'csv'} className="import-tab" disabled={busy} onClick={() => setMode('csv')} data-testid="import.mode.csv">
          A table (CSV)
          <span className="small muted">columns of numbers, text, labels, file names</span>
        </button>
        <button type="button" role="tab" aria-selected={flow.mode === 'folder'} className="import-tab" disabled={busy} onClick={() => setMode('folder')} data-testid="import.mode.folder">
          Folders of classes
          <span className="small muted">images or WAV files, one subfolder per class</span>
        </button>
      </div>
      <div className="import-pick">
        {flow.mode === 'csv' ? (
          <>
            <CsvPicker flow={flow} />
            <FilesPicker flow={flow} label="Images or audio (optional)" hint="A zip or folder holding the files the CSV names." />
          </>
        ) : (
          <FilesPicker flow={flow} label="Zip or folder" hint="e.g. pets/cat/1.png, pets/dog/7.png: the subfolder names become the classes." />
        )}
      </div>
      {flow.error !== null && (
        <p className="import-error" role="alert" data-testid="import.error">
          {flow.error}
        </p>
      )}
      {flow.inspecting !== null && <ProgressBar progress={flow.inspecting.progress} eta={flow.inspecting.eta} fallback="Looking at the columns…" testId="import.inspecting" />}
      <footer className="import-foot">
        <span className="muted small">
          Limits in the browser: CSV {SIZE_LIMITS.csv / MB} MB, zip or folder {SIZE_LIMITS.zip / MB} MB.
        </span>
        <button type="button" className="btn" onClick={closeImport} data-testid="import.cancelPick">
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={!ready || busy} onClick={inspectFiles} data-testid="import.next">
          {busy ? 'Reading…' : 'Next'}
        </button>
      </footer>
    </>
  );
}
