// A dataset's options (noise, missing rate, seed, samples, test speaker): sliders for fractions,
// number fields (committed on Enter or leaving the field) for whole numbers, selects for choices.
import { useState } from 'react';
import type { ParamSpec, ParamValue } from '../../graph/index.ts';
import { actions } from '../hooks/useAppStore.ts';

function NumberField({ spec, value }: { spec: Extract<ParamSpec, { kind: 'int' | 'number' }>; value: number }) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = `data-option-${spec.name}`;
  const commit = () => {
    if (draft === null) return;
    const v = Number(draft);
    setDraft(null);
    if (draft.trim() === '' || !Number.isFinite(v)) return;
    const clamped = Math.min(spec.max, Math.max(spec.min, spec.kind === 'int' ? Math.round(v) : v));
    actions().setDatasetOption(spec.name, clamped);
  };
  return (
    <div className="field data-option">
      <div className="field-label">
        <label htmlFor={id}>{spec.label}</label>
        <span className="field-range">
          {spec.min}–{spec.max}
        </span>
      </div>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={spec.min}
        max={spec.max}
        step={spec.step ?? 1}
        value={draft ?? String(value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        data-testid={`data.option.${spec.name}`}
        aria-describedby={spec.help === undefined ? undefined : `${id}-help`}
      />
      {spec.help !== undefined && (
        <span className="field-help" id={`${id}-help`}>
          {spec.help}
        </span>
      )}
    </div>
  );
}

function SliderField({ spec, value }: { spec: Extract<ParamSpec, { kind: 'int' | 'number' }>; value: number }) {
  const id = `data-option-${spec.name}`;
  return (
    <div className="field data-option">
      <div className="field-label">
        <label htmlFor={id}>{spec.label}</label>
        <output htmlFor={id} className="data-option-value">
          {spec.name === 'missingRate' ? `${Math.round(value * 100)}%` : value.toFixed(2)}
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={spec.min}
        max={spec.max}
        step={spec.step ?? 0.01}
        value={value}
        onChange={(e) => actions().setDatasetOption(spec.name, Number(e.target.value))}
        data-testid={`data.option.${spec.name}`}
        aria-describedby={spec.help === undefined ? undefined : `${id}-help`}
      />
      {spec.help !== undefined && (
        <span className="field-help" id={`${id}-help`}>
          {spec.help}
        </span>
      )}
    </div>
  );
}

export function DatasetOptions({ specs, values }: { specs: readonly ParamSpec[]; values: Readonly<Record<string, ParamValue>> }) {
  return (
    <div className="data-options">
      {specs.map((spec) => {
        const v = values[spec.name] ?? spec.default;
        switch (spec.kind) {
          case 'number':
            return spec.max - spec.min <= 1 ? <SliderField key={spec.name} spec={spec} value={Number(v)} /> : <NumberField key={spec.name} spec={spec} value={Number(v)} />;
          case 'int':
            return <NumberField key={spec.name} spec={spec} value={Number(v)} />;
          case 'enum':
            return (
              <div className="field data-option" key={spec.name}>
                <label htmlFor={`data-option-${spec.name}`}>{spec.label}</label>
                <select id={`data-option-${spec.name}`} value={String(v)} onChange={(e) => actions().setDatasetOption(spec.name, e.target.value)} data-testid={`data.option.${spec.name}`}>
                  {spec.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
                {spec.help !== undefined && <span className="field-help">{spec.help}</span>}
              </div>
            );
          case 'bool':
            return (
              <div className="field data-option field-check-row" key={spec.name}>
                <input id={`data-option-${spec.name}`} type="checkbox" checked={v === true} onChange={(e) => actions().setDatasetOption(spec.name, e.target.checked)} />
                <label htmlFor={`data-option-${spec.name}`}>{spec.label}</label>
              </div>
            );
        }
      })}
    </div>
  );
}
