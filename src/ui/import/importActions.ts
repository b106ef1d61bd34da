// What the import dialog does: pick files, ask the worker to inspect them, edit the mapping, run
// the import with progress and cancel, and show the report. The UI never parses: it posts Files.
import { defaultMapping, SIZE_LIMITS, sizeLimitMessage } from '../../train/protocol.ts';
import type { ColumnRole, ImportMapping, ImportProgress, ImportResponse, ImportSources } from '../../train/protocol.ts';
import { importTransport, onImportDone } from './importClient.ts';
import { getFlow, setFlow } from './importStore.ts';
import type { ChosenFiles, ImportMode } from './importStore.ts';

let nextRequestId = 1;

/** The stage the estimate is for: when it started and how far it was then. */
let stage: { label: string; at: number; done: number } | null = null;

/** "about 12 s left" at the pace of the current stage so far ('' until it can tell). */
function etaOf(p: ImportProgress): string {
  const now = Date.now();
  if (stage === null || stage.label !== p.label) stage = { label: p.label, at: now, done: p.done };
  const elapsed = (now - stage.at) / 1000;
  const progressed = p.done - stage.done;
  if (elapsed < 1 || progressed <= 0 || p.done >= p.total) return '';
  const left = ((p.total - p.done) * elapsed) / progressed;
  return left < 60 ? `about ${Math.max(1, Math.round(left))} s left` : `about ${Math.round(left / 60)} min left`;
}

function postCancel(requestId: number): void {
  try {
    importTransport().post({ type: 'import.cancel', requestId });
  } catch {
    // No worker: nothing is running.
  }
}

export function openImport(mode: ImportMode = 'csv'): void {
  setFlow({ step: 'pick', mode, csv: null, files: null, error: null, inspecting: null });
}

export function closeImport(): void {
  const flow = getFlow();
  if (flow.step === 'importing') cancelImport();
  if (flow.step === 'pick' && flow.inspecting !== null) postCancel(flow.inspecting.requestId);
  setFlow({ step: 'closed' });
}

export function setMode(mode: ImportMode): void {
  const flow = getFlow();
  if (flow.step !== 'pick' || flow.inspecting !== null) return;
  setFlow({ ...flow, mode, error: null });
}

/** Checks a size at once, in the page, before anything is read. */
function tooBig(kind: keyof typeof SIZE_LIMITS, bytes: number, name: string): string | null {
  return sizeLimitMessage(kind, bytes, name);
}

export function chooseCsv(file: File | null): void {
  const flow = getFlow();
  if (flow.step !== 'pick') return;
  const error = file === null ? null : tooBig('csv', file.size, file.name);
  setFlow({ ...flow, csv: error === null ? file : null, error });
}

export function chooseZip(file: File | null): void {
  const flow = getFlow();
  if (flow.step !== 'pick') return;
  const error = file === null ? null : tooBig('zip', file.size, file.name);
  setFlow({ ...flow, files: error === null && file !== null ? { kind: 'zip', file } : null, error });
}

export function chooseFolder(files: readonly File[]): void {
  const flow = getFlow();
  if (flow.step !== 'pick') return;
  if (files.length === 0) {
    setFlow({ ...flow, files: null });
    return;
  }
  const first = files[0]?.webkitRelativePath ?? '';
  const name = first.includes('/') ? first.slice(0, first.indexOf('/')) : 'folder';
  const bytes = files.reduce((n, f) => n + f.size, 0);
  const error = tooBig('folder', bytes, name);
  setFlow({ ...flow, files: error === null ? { kind: 'folder', name, files, bytes } : null, error });
}

export function clearFiles(): void {
  const flow = getFlow();
  if (flow.step === 'pick') setFlow({ ...flow, files: null, error: null });
}

function sourcesOf(mode: ImportMode, csv: File | null, files: ChosenFiles | null): ImportSources {
  return {
    csv: mode === 'csv' ? csv : null,
    csvName: mode === 'csv' && csv !== null ? csv.name : null,
    zip: files?.kind === 'zip' ? files.file : null,
    zipName: files?.kind === 'zip' ? files.file.name : null,
    folder:
      files?.kind === 'folder'
        ? { name: files.name, files: files.files.map((f) => ({ path: f.webkitRelativePath === '' ? f.name : f.webkitRelativePath, file: f })) }
        : null,
  };
}

/** Wait for the one answer to a request (progress goes to onProgress). */
function request(
  message: Parameters<ReturnType<typeof importTransport>['post']>[0] & { requestId: number },
  onMessage: (msg: ImportResponse) => boolean,
): void {
  let transport: ReturnType<typeof importTransport>;
  try {
    transport = importTransport();
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    onMessage({ type: 'import.failed', requestId: message.requestId, failure: { kind: 'error', message: `${text} Reload the page and try again.` } });
    return;
  }
  const stop = transport.subscribe((msg) => {
    if (msg.requestId !== message.requestId) return;
    if (onMessage(msg)) stop();
  });
  transport.post(message);
}

export function inspectFiles(): void {
  const flow = getFlow();
  if (flow.step !== 'pick' || flow.inspecting !== null) return;
  if (flow.mode === 'csv' && flow.csv === null) {
    setFlow({ ...flow, error: 'Choose a CSV file first.' });
    return;
  }
  if (flow.mode === 'folder' && flow.files === null) {
    setFlow({ ...flow, error: 'Choose a zip or a folder with one subfolder per class.' });
    return;
  }
  const requestId = nextRequestId++;
  const sources = sourcesOf(flow.mode, flow.csv, flow.files);
  stage = null;
  setFlow({ ...flow, error: null, inspecting: { requestId, progress: null, eta: '' } });
  request({ type: 'import.inspect', requestId, sources }, (msg) => {
    const cur = getFlow();
    if (cur.step !== 'pick' || cur.inspecting?.requestId !== requestId) return true;
    switch (msg.type) {
      case 'import.progress':
        setFlow({ ...cur, inspecting: { requestId, progress: msg.progress, eta: etaOf(msg.progress) } });
        return false;
      case 'import.inspected':
        setFlow({ step: 'mapping', mode: cur.mode, csv: cur.csv, files: cur.files, sources, inspection: msg.inspection, mapping: defaultMapping(msg.inspection), error: null });
        return true;
      case 'import.failed':
        setFlow({ ...cur, inspecting: null, error: msg.failure.kind === 'cancelled' ? null : msg.failure.message });
        return true;
      default:
        return false;
    }
  });
}

export function backToPick(): void {
  const flow = getFlow();
  if (flow.step !== 'mapping') return;
  setFlow({ step: 'pick', mode: flow.mode, csv: flow.csv, files: flow.files, error: null, inspecting: null });
}

export function updateMapping(change: Partial<ImportMapping>): void {
  const flow = getFlow();
  if (flow.step !== 'mapping') return;
  setFlow({ ...flow, mapping: { ...flow.mapping, ...change }, error: null });
}

/** Set a column's role. Making a column the label turns the previous label column into Ignore. */
export function setRole(column: string, role: ColumnRole): void {
  const flow = getFlow();
  if (flow.step !== 'mapping' || flow.inspection.kind !== 'csv') return;
  const roles: Record<string, ColumnRole> = { ...flow.mapping.roles, [column]: role };
  if (role === 'label') {
    for (const c of flow.inspection.columns) {
      if (c.name !== column && roles[c.name] === 'label') roles[c.name] = c.detected === 'label' ? 'ignore' : c.detected;
    }
  }
  updateMapping({ roles });
}

export function runImport(): void {
  const flow = getFlow();
  if (flow.step !== 'mapping') return;
  const requestId = nextRequestId++;
  stage = null;
  setFlow({ step: 'importing', requestId, previous: flow, progress: null, eta: '', cancelling: false });
  request({ type: 'import.run', requestId, sources: flow.sources, mapping: flow.mapping }, (msg) => {
    const cur = getFlow();
    if (cur.step !== 'importing' || cur.requestId !== requestId) return true;
    switch (msg.type) {
      case 'import.progress':
        setFlow({ ...cur, progress: msg.progress, eta: etaOf(msg.progress) });
        return false;
      case 'import.done':
        setFlow({ step: 'report', report: msg.report, info: msg.info, preview: msg.preview });
        onImportDone(msg.info);
        return true;
      case 'import.failed':
        setFlow({ ...cur.previous, error: msg.failure.kind === 'cancelled' ? 'Import cancelled; nothing was changed.' : msg.failure.message });
        return true;
      default:
        return false;
    }
  });
}

export function cancelImport(): void {
  const flow = getFlow();
  if (flow.step !== 'importing' || flow.cancelling) return;
  setFlow({ ...flow, cancelling: true });
  postCancel(flow.requestId);
}
