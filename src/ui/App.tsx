// The editor's layout: top bar, palette, canvas (inside an error boundary), inspector, and the
// bottom dock (problems, training, fusion arena, runs).
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas/Canvas.tsx';
import { CanvasErrorBoundary } from './canvas/CanvasErrorBoundary.tsx';
import { useDatasetSync } from './dataset/datasetSync.ts';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts.ts';
import { ImportDialog } from './import/ImportDialog.tsx';
import { LessonsPanel } from './lessons/LessonsPanel.tsx';
import { Banner } from './overlays/Banner.tsx';
import { ShareDialog } from './overlays/ShareDialog.tsx';
import { Toasts } from './overlays/Toasts.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { Palette } from './panels/Palette.tsx';
import { TopBar } from './panels/TopBar.tsx';
import { Dock } from './train/Dock.tsx';
import { useRunSync } from './train/runSync.ts';
import { selectLessonsOpen } from '../store/index.ts';
import { useAppStore } from './hooks/useAppStore.ts';

export function App() {
  useKeyboardShortcuts();
  useRunSync();
  useDatasetSync();
  const lessonsOpen = useAppStore(selectLessonsOpen);
  return (
    <ReactFlowProvider>
      <div className={lessonsOpen ? 'app has-lessons' : 'app'}>
        <TopBar />
        <Banner />
        <LessonsPanel />
        <Palette />
        <main className="app-canvas" aria-label="Canvas">
          <CanvasErrorBoundary>
            <Canvas />
          </CanvasErrorBoundary>
          <Toasts />
        </main>
        <Inspector />
        <Dock />
      </div>
      <ShareDialog />
      <ImportDialog />
    </ReactFlowProvider>
  );
}
