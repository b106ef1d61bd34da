// The palette: node kinds grouped by category, filtered by a search box. Items drag onto the
// canvas (HTML5 drag and drop) or, with Enter, are added at the centre of the view.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { CATEGORY_TITLES, kindsInCategory } from '../../graph/index.ts';
import type { Category, NodeKind } from '../../graph/index.ts';
import { appStore } from '../../store/index.ts';
import { placeNode } from '../canvas/placement.ts';
import { actions } from '../hooks/useAppStore.ts';
import { PaletteItem } from './PaletteItem.tsx';
import './Palette.css';

const CATEGORY_ORDER = Object.keys(CATEGORY_TITLES) as Category[];

function matches(kind: NodeKind, query: string): boolean {
  if (query === '') return true;
  const q = query.toLowerCase();
  return (
    kind.title.toLowerCase().includes(q) ||
    kind.id.toLowerCase().includes(q) ||
    kind.description.toLowerCase().includes(q)
  );
}

export function Palette() {
  const [query, setQuery] = useState('');
  const { screenToFlowPosition } = useReactFlow();
  const flowStore = useStoreApi();

  const groups = useMemo(() => {
    const q = query.trim();
    return CATEGORY_ORDER.map((category) => ({
      category,
      kinds: kindsInCategory(category).filter((k) => matches(k, q)),
    })).filter((g) => g.kinds.length > 0);
  }, [query]);

  /** Add a node at the centre of the visible canvas. */
  const addAtCentre = useCallback(
    (kind: NodeKind) => {
      const dom = flowStore.getState().domNode;
      if (dom === null) return;
      const rect = dom.getBoundingClientRect();
      const centre = screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      const id = actions().addNode(kind.id, placeNode(appStore.getState().doc.graph, centre));
      if (id !== null) actions().pushToast('info', `Added ${kind.title}.`);
    },
    [flowStore, screenToFlowPosition],
  );

  return (
    <aside className="palette" aria-label="Node palette">
      <div className="panel-header">
        <h2>Nodes</h2>
      </div>
      <div className="palette-search">
        <input
          type="search"
          placeholder="Search nodes…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search nodes"
          data-testid="palette.search"
        />
      </div>
      <div className="palette-groups">
        {groups.map((g) => (
          <section key={g.category} className="palette-group" aria-label={CATEGORY_TITLES[g.category]}>
            <h3 className={`palette-group-title cat-${g.category}`}>{CATEGORY_TITLES[g.category]}</h3>
            <ul>
              {g.kinds.map((k) => (
                <PaletteItem key={k.id} kind={k} onAdd={addAtCentre} />
              ))}
            </ul>
          </section>
        ))}
        {groups.length === 0 && <p className="palette-empty">No node matches “{query.trim()}”.</p>}
      </div>
      <p className="palette-hint">Drag a node onto the canvas, or focus it and press Enter.</p>
    </aside>
  );
}
