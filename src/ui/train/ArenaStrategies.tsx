// Which fusion strategies the next arena trains: one toggle per strategy.
import { FUSION_STRATEGIES } from '../../train/trainingProtocol.ts';
import { selectArenaStrategies } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import { STRATEGY_TITLES } from './strategies.ts';

export function ArenaStrategies({ disabled }: { disabled: boolean }) {
  const chosen = useAppStore(selectArenaStrategies);
  return (
    <fieldset className="arena-strategies" disabled={disabled}>
      <legend className="visually-hidden">Strategies to train</legend>
      {FUSION_STRATEGIES.map((s) => {
        const on = chosen.includes(s);
        return (
          <label key={s} className={`strategy-chip${on ? ' is-on' : ''}`} data-testid={`arena.strategy.${s}`}>
            <input type="checkbox" checked={on} onChange={() => actions().toggleArenaStrategy(s)} />
            {STRATEGY_TITLES[s]}
          </label>
        );
      })}
    </fieldset>
  );
}
