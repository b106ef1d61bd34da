// tf.memory() in the worker after the latest epoch: tensors and bytes (flat from epoch 2 on).
import { selectRunMemory } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { formatBytes, formatCount } from './format.ts';

export function MemoryLine() {
  const memory = useAppStore(selectRunMemory);
  return (
    <p className="run-line" data-testid="run.memory">
      <span className="run-line-name">Memory</span>{' '}
      {memory === null ? (
        <span className="muted">reported after each epoch</span>
      ) : (
        <>
          {formatCount(memory.numTensors)} tensors · {formatBytes(memory.numBytes)}
          <span className="muted"> (after epoch {memory.epoch})</span>
        </>
      )}
    </p>
  );
}
