// The top bar: project name, file actions, history, templates and lessons, and the run controls.
// (Auto-layout and Fit view live on the canvas: CanvasTools.)
import { useRef } from 'react';
import type { ChangeEvent } from 'react';
import { newProject } from '../../graph/index.ts';
import { selectAutosave, selectCanRedo, selectCanUndo, selectProjectName } from '../../store/index.ts';
import type { AutosaveStatus } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { openProjectFile, saveProjectToFile, shareProjectLink } from '../projectActions.ts';
import { RunControls } from '../train/RunControls.tsx';
import { TemplatesMenu } from './TemplatesMenu.tsx';
import { LessonsButton } from '../lessons/LessonsButton.tsx';
import './TopBar.css';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

function autosaveText(status: AutosaveStatus): string {
  switch (status.state) {
    case 'off':
      return 'Not saved';
    case 'pending':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'error':
      return 'Autosave failed: use Save';
  }
}

function AutosaveIndicator() {
  const status = useAppStore(selectAutosave);
  const title =
    status.state === 'error'
      ? `Autosave failed (${status.message}). Use Save to keep a copy in a file.`
      : status.state === 'off'
        ? 'This browser does not let the designer keep your work: use Save to keep a copy in a file.'
        : 'Saved in this browser: every change is kept here and restored when you come back.';
  return (
    <span className={`topbar-autosave is-${status.state}`} data-testid="toolbar.autosave" data-state={status.state} title={title} role="status">
      {autosaveText(status)}
    </span>
  );
}

export function TopBar() {
  const name = useAppStore(selectProjectName);
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const fileInput = useRef<HTMLInputElement>(null);

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file !== undefined) void openProjectFile(file);
  };

  return (
    <header className="topbar">
      <div className="topbar-brand" aria-hidden="true">
        <span className="topbar-logo" />
        <span className="topbar-brand-text">Fusion Designer</span>
      </div>
      <input
        className="topbar-name"
        value={name}
        onChange={(e) => actions().renameProject(e.target.value)}
        onBlur={() => actions().sealHistory()}
        aria-label="Project name"
        title={name}
        data-testid="toolbar.name"
        spellCheck={false}
      />
      <div className="topbar-group">
        <button
          type="button"
          className="btn"
          onClick={() => actions().loadProject(newProject())}
          data-testid="toolbar.new"
          title="Start an empty project (Undo brings the current one back)"
        >
          New
        </button>
        <button type="button" className="btn" onClick={() => fileInput.current?.click()} data-testid="toolbar.open" title="Open a .fusion.json project file">
          Open
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.fusion.json"
          hidden
          onChange={onFile}
          aria-label="Open project file"
          data-testid="toolbar.openFile"
        />
        <button type="button" className="btn" onClick={saveProjectToFile} data-testid="toolbar.save" title={`Save to a file (${MOD}S)`}>
          Save
        </button>
        <button type="button" className="btn" onClick={shareProjectLink} data-testid="toolbar.share" title="Make a link that opens a copy of this project">
          Share link
        </button>
      </div>
      <div className="topbar-group">
        <button type="button" className="btn btn-icon" onClick={() => actions().undo()} disabled={!canUndo} data-testid="toolbar.undo" title={`Undo (${MOD}Z)`} aria-label="Undo">
          <span aria-hidden="true">↶</span>
        </button>
        <button type="button" className="btn btn-icon" onClick={() => actions().redo()} disabled={!canRedo} data-testid="toolbar.redo" title={`Redo (${MOD}Shift+Z)`} aria-label="Redo">
          <span aria-hidden="true">↷</span>
        </button>
      </div>
      <div className="topbar-group">
        <TemplatesMenu />
        <LessonsButton />
      </div>
      <div className="topbar-spacer" />
      <AutosaveIndicator />
      <RunControls />
    </header>
  );
}
