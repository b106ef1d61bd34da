// The arena's leaderboard: strategies ranked by validation accuracy as they finish, with test
// accuracy, accuracy with each modality missing, parameters and seconds per epoch; the strategy
// training now and those waiting below; skipped and failed ones with their reason.
import { arenaLeaderboard } from '../../store/index.ts';
import type { ArenaState } from '../../store/index.ts';
import { DEFAULT_ARENA_STRATEGIES } from '../../train/trainingProtocol.ts';
import type { ArenaRow } from '../../train/trainingProtocol.ts';
import { formatAcc, formatCount } from './format.ts';
import { STRATEGY_TITLES } from './strategies.ts';

type DoneRow = Extract<ArenaRow, { status: 'done' }>;

function modalitiesOf(rows: readonly ArenaRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) if (r.status === 'done') for (const a of r.ablation) if (!out.includes(a.modality)) out.push(a.modality);
  return out;
}

function AccCell({ value }: { value: number | null }) {
  return (
    <td className="num acc-cell">
      <span className="acc-bar" style={{ width: `${Math.round(Math.max(0, Math.min(1, value ?? 0)) * 100)}%` }} />
      <span className="acc-value">{formatAcc(value)}</span>
    </td>
  );
}

export function ArenaLeaderboard({ arena }: { arena: ArenaState }) {
  const board = arenaLeaderboard(arena.rows);
  const modalities = modalitiesOf(arena.rows);
  const listed = new Set(arena.rows.map((r) => r.strategy));
  const queue = arena.status === 'running' ? (arena.strategies ?? DEFAULT_ARENA_STRATEGIES).filter((s) => !listed.has(s)) : [];
  const columns = 6 + modalities.length;
  return (
    <table className="leaderboard" data-testid="arena.leaderboard" aria-label="Fusion arena leaderboard">
      <thead>
        <tr>
          <th className="num">Rank</th>
          <th>Strategy</th>
          <th className="num">Val acc</th>
          <th className="num">Test acc</th>
          {modalities.map((m) => (
            <th className="num" key={m} title={`Validation accuracy with ${m} missing (zeroed)`}>
              without {m}
            </th>
          ))}
          <th className="num">Params</th>
          <th className="num">s/epoch</th>
        </tr>
      </thead>
      <tbody>
        {board.map((r) =>
          r.status === 'done' ? (
            <DoneRowView key={r.strategy} row={r} modalities={modalities} />
          ) : (
            <tr key={r.strategy} className={`is-${r.status}`} data-testid="arena.row" data-strategy={r.strategy} data-status={r.status}>
              <td className="num muted">—</td>
              <td>{STRATEGY_TITLES[r.strategy]}</td>
              <td colSpan={columns - 2} className="leaderboard-reason">
                <span className={`status-chip is-${r.status}`}>{r.status}</span> {r.reason}
              </td>
            </tr>
          ),
        )}
        {queue.map((s) => {
          const now = arena.current?.strategy === s;
          return (
            <tr key={s} className={now ? 'is-training' : 'is-waiting'} data-testid="arena.pending" data-strategy={s}>
              <td className="num muted">{now ? '…' : ''}</td>
              <td>{STRATEGY_TITLES[s]}</td>
              <td colSpan={columns - 2} className="muted">
                {now ? 'training…' : 'waiting'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DoneRowView({ row, modalities }: { row: DoneRow; modalities: readonly string[] }) {
  return (
    <tr data-testid="arena.row" data-strategy={row.strategy} data-status="done" data-rank={row.rank} data-val-acc={row.valAccuracy ?? ''}>
      <td className="num rank">{row.rank}</td>
      <td className="strategy">{STRATEGY_TITLES[row.strategy]}</td>
      <AccCell value={row.valAccuracy} />
      <td className="num">{formatAcc(row.testAccuracy)}</td>
      {modalities.map((m) => {
        const a = row.ablation.find((x) => x.modality === m);
        return (
          <td className="num" key={m} title={a ? `${m} contributes ${a.contribution.toFixed(3)}` : undefined}>
            {formatAcc(a?.accuracy ?? null)}
          </td>
        );
      })}
      <td className="num">{formatCount(row.params)}</td>
      <td className="num">{row.secondsPerEpoch.toFixed(2)}</td>
    </tr>
  );
}
