// Which backend trains, and the probe figures when 'auto' timed them
// ("webgl — 1,520 samples/s; wasm 3,300; cpu 600").
import { isFinished, selectBackendRequest, selectRunBackend, selectRunProgress } from '../../store/index.ts';
import type { AppState } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { describeBackends } from './format.ts';

const selectRunFinished = (s: AppState): boolean => isFinished(s.run);
const selectLiveRate = (s: AppState): number | null => selectRunProgress(s)?.samplesPerSec ?? null;

export function BackendLine() {
  const backend = useAppStore(selectRunBackend);
  const request = useAppStore(selectBackendRequest);
  const finished = useAppStore(selectRunFinished);
  const liveRate = useAppStore(selectLiveRate);
  let text: string;
  let title: string | undefined;
  if (backend === null) {
    text = request === 'auto' ? 'auto: the fastest here, timed on your model when you press Train' : `${request} (your choice)`;
  } else if (backend.name === null) {
    text = !finished ? (backend.message ?? (backend.request === 'auto' ? 'choosing…' : backend.request)) : `${backend.request} (none chosen: the run ended first)`;
  } else {
    text = describeBackends(backend.name, backend.figures, backend.figures.some((f) => f.backend === backend.name) ? null : liveRate);
    if (backend.request !== 'auto' && backend.request !== backend.name) text += ` (${backend.request} was not available)`;
    else if (backend.request === 'auto' && backend.figures.some((f) => f.samplesPerSec !== null)) text += ' (auto: fastest)';
    else if (backend.request === 'auto') text += ' (auto)';
    const notes = backend.figures.filter((f) => f.error !== undefined || f.skipped !== undefined);
    if (notes.length > 0) title = notes.map((f) => `${f.backend}: ${f.error ?? `not timed, ${f.skipped ?? ''}`}`).join('\n');
  }
  return (
    <p className="run-line" data-testid="run.backend" {...(title === undefined ? {} : { title })}>
      <span className="run-line-name">Backend</span> {text}
    </p>
  );
}
