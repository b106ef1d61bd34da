// The timeline under the heatmap: scrub through the snapshots taken during training, replay them,
// or follow the newest (Live). Its slider and label follow the heatmap store through direct DOM
// updates, so a snapshot does not re-render React.
import { useEffect, useRef } from 'react';
import { heatmaps, setCursor, shownTick, subscribeHeatmaps } from './heatmapStore.ts';
import { tickLabel } from './views.ts';

/** Replay speed: about this many seconds from the first snapshot to the last. */
const REPLAY_SECONDS = 5;

export function Timeline() {
  const rangeRef = useRef<HTMLInputElement>(null);
  const labelRef = useRef<HTMLSpanElement>(null);
  const liveRef = useRef<HTMLButtonElement>(null);
  const playRef = useRef<HTMLButtonElement>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(() => {
    const sync = (): void => {
      const s = heatmaps();
      const range = rangeRef.current;
      const n = s.ticks.length;
      const at = shownTick(s);
      if (range) {
        range.max = String(Math.max(0, n - 1));
        range.value = String(Math.max(0, at));
        range.disabled = n < 2;
        range.setAttribute('aria-valuetext', tickLabel(s.ticks[at], s.plan?.batchesPerEpoch));
      }
      if (labelRef.current) {
        labelRef.current.textContent = n === 0 ? 'no snapshot yet' : `${tickLabel(s.ticks[at], s.plan?.batchesPerEpoch)} · ${at + 1} of ${n}`;
      }
      liveRef.current?.setAttribute('aria-pressed', String(s.cursor === null));
    };
    sync();
    const unsubscribe = subscribeHeatmaps(sync);
    return () => {
      unsubscribe();
      if (timer.current !== null) clearInterval(timer.current);
    };
  }, []);

  const stopReplay = (): void => {
    if (timer.current !== null) clearInterval(timer.current);
    timer.current = null;
    if (playRef.current) playRef.current.textContent = '▶ Replay';
  };

  const replay = (): void => {
    if (timer.current !== null) {
      stopReplay();
      return;
    }
    const n = heatmaps().ticks.length;
    if (n < 2) return;
    const fps = 12;
    const step = Math.max(1, Math.round(n / (REPLAY_SECONDS * fps)));
    let i = 0;
    setCursor(0);
    if (playRef.current) playRef.current.textContent = '❚❚ Pause';
    timer.current = setInterval(() => {
      i = Math.min(heatmaps().ticks.length - 1, i + step);
      setCursor(i);
      if (i >= heatmaps().ticks.length - 1) stopReplay();
    }, 1000 / fps);
  };

  return (
    <div className="attn-timeline" data-testid="attn.timelineBar">
      <button ref={playRef} type="button" className="btn btn-small attn-play" onClick={replay} data-testid="attn.replay" title="Replay how the map changed during training">
        ▶ Replay
      </button>
      <input
        ref={rangeRef}
        type="range"
        min={0}
        max={0}
        step={1}
        defaultValue={0}
        className="attn-range"
        aria-label="Timeline of snapshots"
        data-testid="attn.timeline"
        onInput={(e) => {
          stopReplay();
          setCursor(Number(e.currentTarget.value));
        }}
      />
      <span ref={labelRef} className="attn-tick" data-testid="attn.tick" aria-live="off" />
      <button
        ref={liveRef}
        type="button"
        className="btn btn-small attn-live"
        aria-pressed="true"
        onClick={() => {
          stopReplay();
          setCursor(null);
        }}
        data-testid="attn.live"
        title="Follow the newest snapshot"
      >
        Live
      </button>
    </div>
  );
}
