// The share link dialog: shows the link in a text field (selected, ready to copy).
import { useEffect, useRef } from 'react';
import { selectDialog } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { copyText } from '../projectActions.ts';
import './overlays.css';

export function ShareDialog() {
  const dialog = useAppStore(selectDialog);
  const input = useRef<HTMLInputElement>(null);
  const open = dialog?.kind === 'share';

  useEffect(() => {
    if (!open) return;
    input.current?.focus();
    input.current?.select();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') actions().closeDialog();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (dialog === null || dialog.kind !== 'share') return null;
  const copy = () => {
    void copyText(dialog.url).then((ok) => {
      if (ok) actions().openDialog({ ...dialog, copied: true });
      else {
        input.current?.select();
        actions().pushToast('info', 'Copying was not allowed: select the link and press Ctrl/Cmd+C.');
      }
    });
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && actions().closeDialog()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="share-title" data-testid="share.dialog">
        <h2 id="share-title">Share link</h2>
        <p className="muted">Anyone who opens this link gets a copy of this project in their browser. Nothing is uploaded: the project is inside the link.</p>
        <input
          ref={input}
          className="modal-url"
          readOnly
          value={dialog.url}
          aria-label="Share link URL"
          data-testid="share.url"
          onFocus={(e) => e.currentTarget.select()}
        />
        <div className="modal-actions">
          <span className="modal-status" role="status" data-testid="share.status">
            {dialog.copied ? 'Copied to the clipboard.' : ''}
          </span>
          <button type="button" className="btn" onClick={copy} data-testid="share.copy">
            Copy
          </button>
          <button type="button" className="btn btn-primary" onClick={() => actions().closeDialog()} data-testid="share.close">
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
