// The latest numbers as text ("val acc 0.934"), refreshed at most every READOUT_INTERVAL_MS from
// the telemetry buffer; after training, the final evaluation's figures.
import { useEffect, useState } from 'react';
import { selectRunEvaluation } from '../../store/index.ts';
import { useAppStore } from '../hooks/useAppStore.ts';
import { formatAcc, formatLoss } from './format.ts';
import { subscribeTelemetry, telemetry } from './telemetry.ts';
import type { TelemetrySnapshot } from './telemetry.ts';

export const READOUT_INTERVAL_MS = 250;

interface Readout {
  readonly trainLoss: string;
  readonly trainAcc: string;
  readonly valLoss: string;
  readonly valAcc: string;
}

const last = (xs: readonly number[]): number | null => (xs.length === 0 ? null : (xs[xs.length - 1] as number));

function readout(t: TelemetrySnapshot): string {
  const epoch = t.epochs.length === 0 ? null : t.epochs.reduce((a, b) => (b.epoch > a.epoch ? b : a));
  const r: Readout = {
    trainLoss: formatLoss(last(t.batches.lossSmooth)),
    trainAcc: formatAcc(last(t.batches.accSmooth)),
    valLoss: formatLoss(epoch?.valLoss),
    valAcc: formatAcc(epoch?.valAcc),
  };
  // A string, so an unchanged readout does not re-render.
  return JSON.stringify(r);
}

export function MetricsText() {
  const evaluation = useAppStore(selectRunEvaluation);
  const [text, setText] = useState(() => readout(telemetry()));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = (): void => {
      timer = null;
      setText(readout(telemetry()));
    };
    const unsubscribe = subscribeTelemetry(() => {
      timer ??= setTimeout(update, READOUT_INTERVAL_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, []);

  const live = JSON.parse(text) as Readout;
  const val = evaluation?.metrics.validation;
  const r: Readout = val ? { ...live, valLoss: formatLoss(val.loss), valAcc: formatAcc(val.accuracy) } : live;
  const items: [string, string][] = [
    ['train loss', r.trainLoss],
    ['train acc', r.trainAcc],
    ['val loss', r.valLoss],
    ['val acc', r.valAcc],
  ];
  return (
    <p className="run-metrics" data-testid="run.metrics" data-val-acc={r.valAcc} aria-live="off">
      {items.map(([name, value], i) => (
        <span key={name} className={`metric${name.startsWith('val') ? ' is-val' : ''}`}>
          {i > 0 ? ' ' : ''}
          <span className="metric-name">{name}</span> <span className="metric-value">{value}</span>
        </span>
      ))}
    </p>
  );
}
