// The Attention tab's "Probe samples" control: which validation samples the next run's heatmaps
// follow. The worker picks 8, 12 or 16 (the classes taking turns), in the split's order or
// shuffled, or the next run keeps the last run's samples so the maps compare sample by sample.
// The choice lives in the ui slice and goes out with the next train.start (runActions.ts).
import type { ModalitySpec } from '../../graph/dataset.ts';
import {
  DEFAULT_PROBE_CHOICE,
  describeProbeChoice,
  nextShuffle,
  PROBE_COUNTS,
  probeChoiceStale,
  selectDatasetKey,
  type AppState,
  type ProbeChoice,
} from '../../store/index.ts';
import type { PreviewSample } from '../../train/protocol.ts';
import { ImageCanvas, SpectrogramCanvas } from '../dataset/PreviewCanvas.tsx';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import type { HeatmapPlan } from './heatmapStore.ts';

const POPOVER_ID = 'attn-probes-popover';

const selectModalities = (s: AppState): readonly ModalitySpec[] | null => (s.data.state === 'ready' ? s.data.info.modalities : null);

/** A small picture of the sample: its first image or spectrogram, else its first words. */
function SampleThumb({ sample, modalities }: { sample: PreviewSample; modalities: readonly ModalitySpec[] | null }) {
  for (const m of modalities ?? []) {
    const values = sample.values[m.name];
    if (values === undefined) continue;
    if (m.kind === 'image') {
      const [h = 1, w = 1, c = 1] = m.shape;
      return <ImageCanvas values={values} height={h} width={w} channels={c} size={28} label={`${m.name} of sample ${sample.index}`} testId="attn.probes.thumb" />;
    }
    if (m.kind === 'audio') {
      const [t = 1, f = 1] = m.shape;
      return <SpectrogramCanvas values={values} frames={t} bins={f} height={28} label={`${m.name} of sample ${sample.index}`} testId="attn.probes.thumb" />;
    }
    if (m.kind === 'text') {
      const words = sample.words?.[m.name] ?? [];
      return <span className="attn-probe-words">{words.slice(0, 3).join(' ')}</span>;
    }
  }
  return null;
}

export function ProbeSamplesControl({ plan }: { plan: HeatmapPlan | null }) {
  const choice = useAppStore((s) => s.probeChoice);
  const datasetKey = useAppStore(selectDatasetKey);
  const modalities = useAppStore(selectModalities);
  const classes = plan?.classes ?? [];
  const stale = probeChoiceStale(choice, datasetKey);
  const set = (next: ProbeChoice): void => actions().setProbeChoice(next);
  // The pick's settings (the default's while the next run keeps samples).
  const pick = choice.kind === 'pick' ? choice : DEFAULT_PROBE_CHOICE;
  const canKeep = plan !== null && plan.samples.length > 0 && datasetKey !== null;
  const summary = stale ? 'the default pick (the kept samples belong to another dataset)' : describeProbeChoice(choice, classes);

  return (
    <div className="attn-probes">
      <span className="attn-probes-title">Probe samples</span>
      <p className="attn-probes-summary" data-testid="attn.probes.summary">
        Next run: {summary}.
      </p>
      <button type="button" className="btn btn-small attn-probes-open" popoverTarget={POPOVER_ID} data-testid="attn.probes.open">
        Pick samples…
      </button>
      <div id={POPOVER_ID} popover="auto" className="attn-probes-popover" role="dialog" aria-labelledby="attn-probes-heading" data-testid="attn.probes.popover">
        <h3 id="attn-probes-heading">Probe samples for the next run</h3>
        <p className="attn-probes-note">
          The heatmaps follow a fixed set of validation samples. What you choose here applies to the <strong>next run</strong> you train; the maps on screen keep their samples.
        </p>
        <fieldset className="attn-probes-options" aria-label="How the next run picks its probe samples">
          <div className="attn-probes-option">
            <label>
              <input type="radio" name="attn-probes-kind" checked={choice.kind === 'pick' || stale} onChange={() => set(pick)} data-testid="attn.probes.pick" />
              Pick from the validation split
            </label>
            <div className="attn-probes-choices">
              <select
                aria-label="How many probe samples"
                value={pick.count}
                onChange={(e) => set({ kind: 'pick', count: Number(e.target.value), shuffle: pick.shuffle })}
                data-testid="attn.probes.count"
              >
                {PROBE_COUNTS.map((n) => (
                  <option key={n} value={n}>
                    {n} samples
                  </option>
                ))}
              </select>
              <button type="button" className="btn btn-small" onClick={() => set({ kind: 'pick', count: pick.count, shuffle: nextShuffle(pick.shuffle) })} data-testid="attn.probes.shuffle">
                Shuffle
              </button>
              {pick.shuffle !== 0 && (
                <button type="button" className="btn btn-small" onClick={() => set({ kind: 'pick', count: pick.count, shuffle: 0 })} data-testid="attn.probes.order">
                  Split order
                </button>
              )}
            </div>
            <p className="attn-probes-desc">
              The classes take turns, so each class has at least one (more than {pick.count} when there are more classes). Shuffle picks other samples.
            </p>
          </div>
          <div className={`attn-probes-option${canKeep ? '' : ' is-disabled'}`}>
            <label>
              <input
                type="radio"
                name="attn-probes-kind"
                disabled={!canKeep}
                checked={choice.kind === 'keep' && !stale}
                onChange={() => plan !== null && datasetKey !== null && set({ kind: 'keep', datasetKey, samples: [...plan.samples], labels: [...plan.labels] })}
                data-testid="attn.probes.keep"
              />
              Keep the last run’s samples
            </label>
            <p className="attn-probes-desc">{canKeep ? 'The next run’s maps show the very same samples, to compare runs sample by sample.' : 'Train once with an attention node first.'}</p>
          </div>
        </fieldset>
        {plan !== null && plan.samples.length > 0 && (
          <>
            <h4>The last run’s samples</h4>
            <ol className="attn-probes-list" data-testid="attn.probes.list">
              {plan.samples.map((row, i) => {
                const input = plan.inputs[i];
                return (
                  <li key={row} className="attn-probe">
                    {input && <SampleThumb sample={input} modalities={modalities} />}
                    <span className="attn-probe-class">{classes[plan.labels[i] ?? -1] ?? '?'}</span>
                    <span className="attn-probe-row">#{row}</span>
                  </li>
                );
              })}
            </ol>
          </>
        )}
        <div className="attn-probes-footer">
          <button type="button" className="btn btn-small" onClick={() => set(DEFAULT_PROBE_CHOICE)} data-testid="attn.probes.reset">
            Default
          </button>
          <button type="button" className="btn btn-small btn-primary" popoverTarget={POPOVER_ID} popoverTargetAction="hide" data-testid="attn.probes.done">
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
