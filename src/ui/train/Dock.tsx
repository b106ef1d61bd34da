// The bottom dock under the canvas and the inspector: Problems, Training, Attention, Fusion arena
// and Runs as tabs. Only the tab in front is mounted (the charts read the telemetry buffer, so nothing is lost).
import type { ReactNode } from 'react';
import { describeCounts, selectDiagnosticCounts, selectDockTab, selectRunHistory, selectRunPhase } from '../../store/index.ts';
import type { AppState, DockTab } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { AttentionPanel } from '../heatmaps/AttentionPanel.tsx';
import { DiagnosticsPanel } from '../panels/DiagnosticsPanel.tsx';
import { ArenaPanel } from './ArenaPanel.tsx';
import { RunsPanel } from './RunsPanel.tsx';
import { TrainingPanel } from './TrainingPanel.tsx';
import './train.css';

const TABS: readonly { id: DockTab; label: string }[] = [
  { id: 'problems', label: 'Problems' },
  { id: 'training', label: 'Training' },
  { id: 'attention', label: 'Attention' },
  { id: 'arena', label: 'Fusion arena' },
  { id: 'runs', label: 'Runs' },
];

const selectRunCount = (s: AppState): number => selectRunHistory(s).length;
const selectProblemsBadge = (s: AppState): string => {
  const c = selectDiagnosticCounts(s);
  return c.errors + c.warnings === 0 ? '' : describeCounts(c);
};
const selectProblemsTone = (s: AppState): string => (selectDiagnosticCounts(s).errors > 0 ? 'is-error' : 'is-warning');

const PHASE_BADGE: Partial<Record<string, string>> = {
  compiling: 'compiling',
  'choosing-backend': 'starting',
  training: 'running',
  paused: 'paused',
  evaluating: 'evaluating',
  error: 'failed',
};

function Badge({ tab }: { tab: DockTab }) {
  const problems = useAppStore(selectProblemsBadge);
  const tone = useAppStore(selectProblemsTone);
  const phase = useAppStore(selectRunPhase);
  const runs = useAppStore(selectRunCount);
  let text = '';
  let cls = '';
  if (tab === 'problems') [text, cls] = [problems, tone];
  else if (tab === 'training') [text, cls] = [PHASE_BADGE[phase] ?? '', phase === 'error' ? 'is-error' : 'is-busy'];
  else if (tab === 'runs') [text, cls] = [runs > 0 ? String(runs) : '', ''];
  if (text === '') return null;
  return <span className={`dock-badge ${cls}`}>{text}</span>;
}

function TabBody({ tab }: { tab: DockTab }): ReactNode {
  switch (tab) {
    case 'problems':
      return <DiagnosticsPanel />;
    case 'training':
      return <TrainingPanel />;
    case 'attention':
      return <AttentionPanel />;
    case 'arena':
      return <ArenaPanel />;
    case 'runs':
      return <RunsPanel />;
  }
}

export function Dock() {
  const tab = useAppStore(selectDockTab);
  return (
    <section className={`dock is-${tab}`} aria-label="Panels" data-testid="dock">
      <div className="dock-tabs" role="tablist" aria-label="Bottom panels">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`dock-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="dock-panel"
            tabIndex={tab === t.id ? 0 : -1}
            className={`dock-tab${tab === t.id ? ' is-active' : ''}`}
            onClick={() => actions().setDockTab(t.id)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const i = TABS.findIndex((x) => x.id === tab);
              const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
              if (next) {
                actions().setDockTab(next.id);
                document.getElementById(`dock-tab-${next.id}`)?.focus();
              }
            }}
            data-testid={`dock.tab.${t.id}`}
          >
            {t.label}
            <Badge tab={t.id} />
          </button>
        ))}
      </div>
      <div className="dock-body" role="tabpanel" id="dock-panel" aria-labelledby={`dock-tab-${tab}`}>
        <TabBody tab={tab} />
      </div>
    </section>
  );
}
