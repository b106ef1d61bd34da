// One control per parameter: number input (int/number), select (enum) or checkbox (bool), with
// the inline validation message from checkParam under it.
import { useState } from 'react';
import { checkParam } from '../../graph/index.ts';
import type { ParamSpec, ParamValue } from '../../graph/index.ts';
import { actions } from '../hooks/useAppStore.ts';

interface Props {
  readonly nodeId: string;
  readonly spec: ParamSpec;
  readonly value: ParamValue | undefined;
}

export function ParamField({ nodeId, spec, value }: Props) {
  const id = `param-${nodeId}-${spec.name}`;
  const current = value ?? spec.default;
  const [draftError, setDraftError] = useState<string | null>(null);
  const error = draftError ?? checkParam(spec, current);
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [error !== null ? errorId : null, spec.help !== undefined ? helpId : null].filter(Boolean).join(' ') || undefined;
  const set = (v: ParamValue, coalesce = false) => actions().setParam(nodeId, spec.name, v, { coalesce });
  const common = {
    id,
    'aria-invalid': error !== null,
    'aria-describedby': describedBy,
    'data-testid': `inspector.param.${spec.name}`,
  } as const;

  let control;
  switch (spec.kind) {
    case 'int':
    case 'number':
      control = (
        <NumberInput
          {...common}
          value={current}
          min={spec.min}
          max={spec.max}
          step={spec.step ?? (spec.kind === 'int' ? 1 : 'any')}
          onValue={(v) => set(v, true)}
          onDraftValid={(valid) => setDraftError(valid ? null : 'Enter a number.')}
        />
      );
      break;
    case 'enum':
      control = (
        <select {...common} value={String(current)} onChange={(e) => set(e.target.value)}>
          {!spec.options.includes(String(current)) && <option value={String(current)}>{String(current)}</option>}
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'bool':
      control = <input {...common} type="checkbox" checked={current === true} onChange={(e) => set(e.target.checked)} />;
      break;
  }

  const label =
    spec.kind === 'bool' ? (
      <div className="field-check-row">
        {control}
        <label htmlFor={id}>{spec.label}</label>
      </div>
    ) : (
      <>
        <div className="field-label">
          <label htmlFor={id}>{spec.label}</label>
          {(spec.kind === 'int' || spec.kind === 'number') && (
            <span className="field-range" title={`Allowed: ${spec.min} to ${spec.max}`}>
              {spec.min}–{spec.max}
            </span>
          )}
        </div>
        {control}
      </>
    );

  return (
    <div className={error !== null ? 'field is-invalid' : 'field'}>
      {label}
      {spec.help !== undefined && (
        <div className="field-help" id={helpId}>
          {spec.help}
        </div>
      )}
      {error !== null && (
        <div className="field-error" id={errorId} data-testid={`inspector.param.${spec.name}.error`}>
          {error}
        </div>
      )}
    </div>
  );
}

interface NumberInputProps {
  readonly id: string;
  readonly value: ParamValue;
  readonly min: number;
  readonly max: number;
  readonly step: number | 'any';
  readonly onValue: (v: number) => void;
  /** Whether the text being typed is a number (false: the stored value is left as it was). */
  readonly onDraftValid: (valid: boolean) => void;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
  readonly 'data-testid': string;
}

/**
 * A number field that keeps what the user types ("1.", "") while it is consistent with the stored
 * value, and shows the stored value when it changes from outside (undo).
 */
function NumberInput({ value, onValue, onDraftValid, ...rest }: NumberInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const stored = typeof value === 'number' ? value : Number.NaN;
  const draftNumber = draft === null || draft.trim() === '' ? Number.NaN : Number(draft);
  const showDraft = draft !== null && (Object.is(draftNumber, stored) || Number.isNaN(draftNumber));
  const text = showDraft ? draft : String(value);
  return (
    <input
      {...rest}
      type="number"
      inputMode="decimal"
      value={text}
      onChange={(e) => {
        const raw = e.target.value;
        setDraft(raw);
        const n = raw.trim() === '' ? Number.NaN : Number(raw);
        onDraftValid(Number.isFinite(n));
        if (Number.isFinite(n)) onValue(n);
      }}
      onBlur={() => {
        setDraft(null);
        onDraftValid(true);
        actions().sealHistory();
      }}
    />
  );
}
