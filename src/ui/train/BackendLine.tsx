// Which backend trains, and the probe figures when 'auto' timed them
// ("webgl — 1,520 samples/s; wasm 3,300; cpu 600").
import { isFinished, selectBackendRequest, selectRunBackend } from '../../store/index.ts';
import type { AppState } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { describeBackends } from './format.ts';

const selectRunFinished = (s: AppState): boolean => isFinished(s.run);

export function BackendLine() {
  const backend = useAppStore(selectRunBackend);
  const request = useAppStore(selectBackendRequest);
  const finished = useAppStore(selectRunFinished);
  let text: string;
  let title: string | undefined;
  if (backend === null) {
    text = request === 'auto' ? 'auto: the fastest here, timed on your model when you press Train' : `${request} (your choice)`;
  } else if (backend.name === null) {
    text = !finished ? (backend.message ?? (backend.request === 'auto' ? 'choosing…' : backend.request)) : `${backend.request} (none chosen: the run ended first)`;
  } else {
    text = backend.figures.length > 0 ? describeBackends(backend.name, backend.figures) : backend.name;
    if (backend.request !== 'auto' && backend.request !== backend.name) text += ` (${backend.request} was not available)`;
    else if (backend.request === 'auto' && backend.figures.length > 0) text += ' (auto: fastest)';
    const failed = backend.figures.filter((f) => f.error !== undefined);
    if (failed.length > 0) title = failed.map((f) => `${f.backend}: ${f.error ?? ''}`).join('\n');
  }
  return (
    <p className="run-line" data-testid="run.backend" {...(title === undefined ? {} : { title })}>
      <span className="run-line-name">Backend</span> {text}
    </p>
  );
}
