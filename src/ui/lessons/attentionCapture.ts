// Keeps, per run, where its modality-attention nodes looked: the first and the latest probe
// snapshot, averaged over the probe samples. Snapshots arrive a few times a second and stay in this
// module; when the run finishes, its record's document maps the columns to modality names and the
// store gets one record (nothing re-renders per snapshot). Lessons check "attention on the audio
// ≥ 70%" against it.
import { attentionByModality, probeColumnMeans } from '../../graph/lessons/index.ts';
import type { RunAttention } from '../../store/index.ts';
import type { RunRecord, TrainingEvent } from '../../train/trainingProtocol.ts';
import { actions } from '../hooks/useAppStore.ts';

/** Per run, per probed node: the column means of its first and latest snapshot. */
const pending = new Map<string, Map<string, { first: number[]; last: number[] }>>();

/** Most runs followed at once (an arena trains one variant at a time; old entries are dropped). */
const LIMIT = 16;

function merge(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [m, w] of Object.entries(from)) into[m] = (into[m] ?? 0) + w;
}

/** The attention of a finished run from its snapshots, by modality (null when it had none). */
function attentionOf(record: RunRecord): RunAttention | null {
  const nodes = pending.get(record.runId);
  pending.delete(record.runId);
  if (nodes === undefined) return null;
  const dataset = actions().catalogue?.find((d) => d.id === record.datasetId);
  const first: Record<string, number> = {};
  const last: Record<string, number> = {};
  for (const [nodeId, means] of nodes) {
    const a = attentionByModality(record.document, nodeId, means.first, dataset);
    const b = attentionByModality(record.document, nodeId, means.last, dataset);
    if (a === null || b === null) continue;
    merge(first, a);
    merge(last, b);
  }
  return Object.keys(last).length === 0 ? null : { first, last };
}

function finish(records: readonly RunRecord[]): void {
  for (const r of records) {
    const attention = attentionOf(r);
    if (attention !== null) actions().recordRunAttention(r.runId, attention);
  }
}

/** Feeds one training event (useLessonSync mounts it once). */
export function captureAttention(event: TrainingEvent): void {
  switch (event.type) {
    case 'train.probe': {
      const means = probeColumnMeans(event.values, event.shape);
      if (means === null) return;
      const nodes = pending.get(event.runId) ?? new Map<string, { first: number[]; last: number[] }>();
      nodes.set(event.nodeId, { first: nodes.get(event.nodeId)?.first ?? means, last: means });
      pending.set(event.runId, nodes);
      if (pending.size > LIMIT) pending.delete(pending.keys().next().value as string);
      return;
    }
    case 'train.done':
      finish([event.record]);
      return;
    case 'arena.done':
      finish(event.records);
      return;
    case 'train.error':
      pending.delete(event.runId);
      return;
    default:
      return;
  }
}
