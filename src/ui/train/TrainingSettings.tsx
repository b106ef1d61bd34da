// The training settings (doc.training, undoable) and the backend people ask for.
import { useState } from 'react';
import { TRAINING_LIMITS } from '../../graph/index.ts';
import type { TrainingSettings as Settings } from '../../graph/index.ts';
import { selectBackendRequest, selectRunActive, selectTraining, trainingSettingProblem } from '../../store/index.ts';
import type { TrainingSettingName } from '../../store/index.ts';
import type { BackendRequest } from '../../train/trainingProtocol.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';

const OPTIMIZERS: readonly { value: Settings['optimizer']; label: string }[] = [
  { value: 'adam', label: 'Adam' },
  { value: 'sgd', label: 'SGD + momentum' },
  { value: 'rmsprop', label: 'RMSprop' },
];

const BACKENDS: readonly { value: BackendRequest; label: string }[] = [
  { value: 'auto', label: 'auto' },
  { value: 'webgpu', label: 'webgpu' },
  { value: 'webgl', label: 'webgl' },
  { value: 'wasm', label: 'wasm' },
  { value: 'cpu', label: 'cpu' },
];

interface FieldSpec {
  readonly name: TrainingSettingName;
  readonly label: string;
  readonly help: string;
  readonly step: number | 'any';
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'learningRate', label: 'Learning rate', help: 'Step size of each update (0.001 suits Adam).', step: 'any' },
  { name: 'batchSize', label: 'Batch size', help: 'Samples per update.', step: 1 },
  { name: 'epochs', label: 'Epochs', help: 'Passes over the training split.', step: 1 },
  { name: 'earlyStoppingPatience', label: 'Early stopping patience', help: 'Epochs without a better validation loss before stopping (the best weights are restored); 0 turns it off.', step: 1 },
  { name: 'seed', label: 'Seed', help: 'Same seed, same initial weights and batch order.', step: 1 },
];

function NumberField({ spec, value }: { spec: FieldSpec; value: number }) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(value);
  const problem = draft === null ? null : draft.trim() === '' ? 'Enter a number.' : trainingSettingProblem(spec.name, Number(draft));
  const id = `train-setting-${spec.name}`;
  const limits = TRAINING_LIMITS[spec.name];
  return (
    <div className={`train-field${problem ? ' is-invalid' : ''}`}>
      <label htmlFor={id} title={spec.help}>
        {spec.label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        step={spec.step}
        min={spec.name === 'learningRate' ? undefined : limits.min}
        max={limits.max}
        value={text}
        title={spec.help}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        data-testid={`train.setting.${spec.name}`}
        onChange={(e) => {
          const raw = e.target.value;
          setDraft(raw);
          if (raw.trim() !== '') actions().setTrainingNumber(spec.name, Number(raw));
        }}
        onBlur={() => {
          setDraft(null);
          actions().sealHistory();
        }}
      />
      {problem && (
        <span className="train-field-problem" id={`${id}-problem`}>
          {problem}
        </span>
      )}
    </div>
  );
}

export function TrainingSettings() {
  const training = useAppStore(selectTraining);
  const backend = useAppStore(selectBackendRequest);
  const running = useAppStore(selectRunActive);
  return (
    <form className="train-settings" aria-label="Training settings" onSubmit={(e) => e.preventDefault()} data-testid="train.settings">
      <fieldset disabled={running} title={running ? 'Settings apply to the next run.' : undefined}>
        <div className="train-field">
          <label htmlFor="train-setting-optimizer">Optimizer</label>
          <select
            id="train-setting-optimizer"
            value={training.optimizer}
            onChange={(e) => actions().setOptimizer(e.target.value as Settings['optimizer'])}
            data-testid="train.setting.optimizer"
          >
            {OPTIMIZERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        {FIELDS.map((f) => (
          <NumberField key={f.name} spec={f} value={training[f.name]} />
        ))}
        <div className="train-field">
          <label htmlFor="train-setting-backend" title="auto times a few training steps of your model on each available backend and takes the fastest">
            Backend
          </label>
          <select
            id="train-setting-backend"
            value={backend}
            onChange={(e) => actions().setBackendRequest(e.target.value as BackendRequest)}
            data-testid="train.backend"
          >
            {BACKENDS.map((b) => (
              <option key={b.value} value={b.value}>
                {b.label}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    </form>
  );
}
