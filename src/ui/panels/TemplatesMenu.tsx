// The Templates menu: loading a template replaces the graph (undoable) and fits the view.
import { TEMPLATES, templateAvailability } from '../../graph/index.ts';
import type { Template } from '../../graph/index.ts';
import { actions } from '../hooks/useAppStore.ts';
import { usePopover } from '../hooks/usePopover.ts';

function loadTemplate(template: Template): void {
  actions().loadProject(template.build());
  actions().pushToast('info', `Loaded the "${template.title}" template. Undo brings back your previous graph.`);
}

export function TemplatesMenu() {
  const { open, setOpen, root } = usePopover();

  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="btn"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls="templates-menu"
        onClick={() => setOpen((o) => !o)}
        data-testid="toolbar.templates"
      >
        Templates <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="menu-popover" id="templates-menu" role="group" aria-label="Templates">
          <p className="menu-note">Loading a template replaces the current graph. Undo brings it back.</p>
          {TEMPLATES.map((t) => {
            const availability = templateAvailability(t);
            const reason = availability.available ? null : availability.reason;
            return (
              <button
                type="button"
                key={t.id}
                className="menu-item"
                disabled={reason !== null}
                title={reason ?? t.description}
                data-testid={`template.${t.id}`}
                aria-label={t.title}
                aria-description={reason ?? t.description}
                onClick={() => {
                  setOpen(false);
                  loadTemplate(t);
                }}
              >
                <span className="menu-item-title">{t.title}</span>
                <span className="menu-item-desc">{t.description}</span>
                {reason !== null && <span className="menu-item-reason">{reason}</span>}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
