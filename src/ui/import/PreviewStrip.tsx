// A few imported samples as people will recognise them: images drawn, spectrograms drawn as
// images, tokens as words, table rows as numbers, each with its class and split.
import { useEffect, useRef } from 'react';
import type { ModalitySpec } from '../../graph/index.ts';
import type { DatasetPreview } from '../../train/protocol.ts';

type Sample = DatasetPreview['samples'][number];

function drawImage(canvas: HTMLCanvasElement, values: Float32Array, h: number, w: number, c: number): void {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const img = ctx.createImageData(w, h);
  for (let p = 0; p < h * w; p++) {
    const r = values[p * c] ?? 0;
    const g = c === 3 ? (values[p * c + 1] ?? 0) : r;
    const b = c === 3 ? (values[p * c + 2] ?? 0) : r;
    img.data[p * 4] = Math.round(Math.max(0, Math.min(1, r)) * 255);
    img.data[p * 4 + 1] = Math.round(Math.max(0, Math.min(1, g)) * 255);
    img.data[p * 4 + 2] = Math.round(Math.max(0, Math.min(1, b)) * 255);
    img.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/** Spectrogram [T, F]: time left to right, low frequencies at the bottom, min–max scaled. */
function drawSpectrogram(canvas: HTMLCanvasElement, values: Float32Array, frames: number, bins: number): void {
  canvas.width = frames;
  canvas.height = bins;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo || 1;
  const img = ctx.createImageData(frames, bins);
  for (let t = 0; t < frames; t++) {
    for (let f = 0; f < bins; f++) {
      const x = ((values[t * bins + f] ?? lo) - lo) / span;
      const o = ((bins - 1 - f) * frames + t) * 4;
      img.data[o] = Math.round(255 * Math.min(1, x * 1.6));
      img.data[o + 1] = Math.round(255 * Math.max(0, x - 0.35) * 1.5);
      img.data[o + 2] = Math.round(255 * (0.35 + 0.4 * (1 - x)) * (1 - x * 0.6));
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}

function Picture({ modality, values }: { modality: ModalitySpec; values: Float32Array | Int32Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (canvas === null || !(values instanceof Float32Array)) return;
    const [a = 1, b = 1, c = 1] = modality.shape;
    if (modality.kind === 'image') drawImage(canvas, values, a, b, c);
    else drawSpectrogram(canvas, values, a, b);
  }, [modality, values]);
  return <canvas ref={ref} className={`import-thumb is-${modality.kind}`} aria-label={`${modality.name} (${modality.kind})`} />;
}

function TableRow({ modality, values }: { modality: ModalitySpec; values: Float32Array | Int32Array }) {
  const columns = modality.preprocessing.kind === 'tabular' ? modality.preprocessing.columns : [];
  const shown = columns.slice(0, 4);
  return (
    <dl className="import-tablerow" title="Standardised values (z-scores; one-hot columns 0 or 1)">
      {shown.map((name, i) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{(values[i] ?? 0).toFixed(2)}</dd>
        </div>
      ))}
      {columns.length > shown.length && <div className="muted small">+{columns.length - shown.length} more</div>}
    </dl>
  );
}

/** Pictures first, then words, then numbers. */
const ORDER: Readonly<Record<ModalitySpec['kind'], number>> = { image: 0, audio: 1, text: 2, sequence: 3, tabular: 4 };

function SampleCard({ sample, preview }: { sample: Sample; preview: DatasetPreview }) {
  const modalities = [...preview.info.modalities].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  const { info } = preview;
  return (
    <figure className="import-card" data-testid="import.preview.sample">
      {modalities.map((m) => {
        const values = sample.values[m.name];
        if (values === undefined) {
          return (
            <div key={m.name} className="import-absent">
              no {m.name}
            </div>
          );
        }
        if (m.kind === 'image' || m.kind === 'audio') return <Picture key={m.name} modality={m} values={values} />;
        if (m.kind === 'text') {
          return (
            <p key={m.name} className="import-words">
              {(sample.words?.[m.name] ?? []).join(' ') || '—'}
            </p>
          );
        }
        return <TableRow key={m.name} modality={m} values={values} />;
      })}
      <figcaption>
        <strong>{info.classes[sample.label] ?? sample.label}</strong>
        <span className="muted small">{sample.split}</span>
      </figcaption>
    </figure>
  );
}

export function PreviewStrip({ preview }: { preview: DatasetPreview }) {
  return (
    <div className="import-preview" data-testid="import.preview">
      {preview.samples.map((s) => (
        <SampleCard key={s.index} sample={s} preview={preview} />
      ))}
    </div>
  );
}
