// The editor's layout: top bar, palette, canvas (inside an error boundary), inspector, problems.
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas/Canvas.tsx';
import { CanvasErrorBoundary } from './canvas/CanvasErrorBoundary.tsx';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts.ts';
import { Banner } from './overlays/Banner.tsx';
import { ShareDialog } from './overlays/ShareDialog.tsx';
import { Toasts } from './overlays/Toasts.tsx';
import { DiagnosticsPanel } from './panels/DiagnosticsPanel.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { Palette } from './panels/Palette.tsx';
import { TopBar } from './panels/TopBar.tsx';

export function App() {
  useKeyboardShortcuts();
  return (
    <ReactFlowProvider>
      <div className="app">
        <TopBar />
        <Banner />
        <Palette />
        <main className="app-canvas" aria-label="Canvas">
          <CanvasErrorBoundary>
            <Canvas />
          </CanvasErrorBoundary>
          <Toasts />
        </main>
        <Inspector />
        <DiagnosticsPanel />
      </div>
      <ShareDialog />
    </ReactFlowProvider>
  );
}
