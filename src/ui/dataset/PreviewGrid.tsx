// The preview: one card per sample (its class, its split, each modality drawn as what it is), and
// the tabular modalities as a small table of the same samples.
import type { DatasetInfo, ModalitySpec } from '../../graph/dataset.ts';
import type { DatasetPreview, PreviewSample } from '../../train/protocol.ts';
import { ImageCanvas, SpectrogramCanvas } from './PreviewCanvas.tsx';

const SPLIT_SHORT = { train: 'train', validation: 'val', test: 'test' } as const;

function Missing({ name }: { name: string }) {
  return (
    <div className="data-missing" title={`This sample has no ${name}: the model sees zeros and a presence mask of 0`}>
      no {name}
    </div>
  );
}

function ModalityView({ m, sample }: { m: ModalitySpec; sample: PreviewSample }) {
  const values = sample.values[m.name];
  if (values === undefined) return <Missing name={m.name} />;
  const testId = `data.preview.${m.name}`;
  switch (m.kind) {
    case 'image': {
      const [h = 1, w = 1, c = 1] = m.shape;
      return (
        <figure className="data-fig">
          <ImageCanvas values={values} height={h} width={w} channels={c} size={56} label={`${m.name} of a ${sample.label} sample`} testId={testId} />
          <figcaption>{m.name}</figcaption>
        </figure>
      );
    }
    case 'audio': {
      const [t = 1, f = 1] = m.shape;
      return (
        <figure className="data-fig">
          <SpectrogramCanvas values={values} frames={t} bins={f} height={56} label={`${m.name} spectrogram`} testId={testId} />
          <figcaption>{m.name}</figcaption>
        </figure>
      );
    }
    case 'text': {
      const words = sample.words?.[m.name] ?? [];
      return (
        <div className="data-words" data-testid={testId} aria-label={`${m.name}: ${words.join(' ')}`}>
          {words.map((w, i) => (
            <span key={i} className={w === '<unk>' ? 'data-word is-unknown' : 'data-word'}>
              {w}
            </span>
          ))}
        </div>
      );
    }
    default:
      return null;
  }
}

function TabularTable({ m, preview, info }: { m: ModalitySpec; preview: DatasetPreview; info: DatasetInfo }) {
  const columns = m.preprocessing.kind === 'tabular' ? m.preprocessing.columns : m.shape.map((_, i) => `x${i + 1}`);
  return (
    <div className="data-table-wrap">
      <table className="data-table" data-testid={`data.preview.${m.name}`}>
        <caption title="Standardised: 0 is the training mean, ±1 one standard deviation">
          {m.name} <span className="muted">· standardised values</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">class</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.samples.map((s) => {
            const row = s.values[m.name];
            return (
              <tr key={s.index}>
                <th scope="row">{info.classes[s.label]}</th>
                {row === undefined ? (
                  <td colSpan={columns.length} className="muted">
                    missing
                  </td>
                ) : (
                  Array.from(row, (v, i) => <td key={i}>{v.toFixed(2)}</td>)
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function PreviewGrid({ preview, stale }: { preview: DatasetPreview; stale: boolean }) {
  const { info } = preview;
  const inCard = info.modalities.filter((m) => m.kind !== 'tabular' && m.kind !== 'sequence');
  const tables = info.modalities.filter((m) => m.kind === 'tabular');
  return (
    <div className={stale ? 'data-preview is-stale' : 'data-preview'} data-testid="data.preview" aria-busy={stale}>
      <p className="data-preview-caption muted small">
        {preview.samples.length} samples from the training split, {preview.samples.length / Math.max(1, info.classes.length) >= 2 ? 'two' : 'one'} per class, as the model sees them
      </p>
      {inCard.length > 0 && (
        <ul className="data-cards">
          {preview.samples.map((s) => (
            <li key={s.index} className="data-card">
              <div className="data-card-head">
                <span className="data-class" title={`class ${s.label}`}>
                  {info.classes[s.label]}
                </span>
                {s.split !== 'train' && (
                  <span className={`data-split is-${s.split}`} title={`in the ${s.split} split`}>
                    {SPLIT_SHORT[s.split]}
                  </span>
                )}
              </div>
              <div className="data-card-body">
                {inCard.map((m) => (
                  <ModalityView key={m.name} m={m} sample={s} />
                ))}
              </div>
              {s.note !== undefined && (
                <div className="data-note" title={s.note}>
                  {s.note}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {tables.map((m) => (
        <TabularTable key={m.name} m={m} preview={preview} info={info} />
      ))}
    </div>
  );
}
