// A node kind's info card: what it does, its math, its cost, when to use it and where it comes
// from. The palette shows it from each item's "i" button; the inspector shows the parts it does not
// already show (cost, when to use, source).
import { useEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { infoCard } from '../../graph/index.ts';
import type { InfoCard } from '../../graph/index.ts';
import { CATEGORY_COLORS } from '../theme.ts';
import './NodeInfoCard.css';

/** The card's sections after the description and the math (shared by the palette and the inspector). */
export function NodeInfoDetails({ card }: { card: InfoCard }) {
  return (
    <dl className="info-details" data-testid={`info.${card.id}.details`}>
      <div>
        <dt>Parameters</dt>
        <dd className="info-formula">{card.params}</dd>
      </div>
      <div>
        <dt>Cost</dt>
        <dd>{card.cost}</dd>
      </div>
      <div>
        <dt>When to use it</dt>
        <dd>{card.whenToUse}</dd>
      </div>
      <div>
        <dt>From</dt>
        <dd className="info-paper">{card.paper}</dd>
      </div>
    </dl>
  );
}

/** The whole card (title, what it does, math, details). */
function NodeInfoCard({ card, id }: { card: InfoCard; id: string }) {
  return (
    <div className="info-card" role="dialog" aria-labelledby={`${id}-title`} style={{ '--cat': CATEGORY_COLORS[card.category] } as CSSProperties} data-testid={`info.${card.id}`}>
      <h3 id={`${id}-title`}>
        {card.title} <span className="info-card-id">{card.id}</span>
      </h3>
      <p className="info-what">{card.what}</p>
      <pre className="inspector-math" aria-label="Math">
        {card.math}
      </pre>
      <NodeInfoDetails card={card} />
    </div>
  );
}

/**
 * The palette item's "i" button: hovering or focusing it shows the card beside the palette;
 * clicking pins it until Escape, a click elsewhere, or another click.
 */
export function NodeInfoButton({ kindId, title }: { kindId: string; title: string }) {
  const [hover, setHover] = useState(false);
  const [pinned, setPinned] = useState(false);
  const [pos, setPos] = useState({ top: 0, left: 0 });
  const button = useRef<HTMLButtonElement>(null);
  const open = hover || pinned;
  const card = open ? infoCard(kindId) : undefined;

  useEffect(() => {
    if (!pinned) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setPinned(false);
    };
    const onDown = (e: MouseEvent) => {
      if (!button.current?.parentElement?.contains(e.target as Node)) setPinned(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [pinned]);

  /** Beside the palette, level with the item (kept on screen). */
  const place = () => {
    const r = button.current?.getBoundingClientRect();
    const palette = button.current?.closest('.palette')?.getBoundingClientRect();
    if (r) setPos({ top: Math.max(60, Math.min(r.top - 12, window.innerHeight - 440)), left: (palette?.right ?? r.right) + 8 });
  };
  const popId = `info-pop-${kindId.replace('.', '-')}`;
  return (
    <>
      <button
        ref={button}
        type="button"
        className={`palette-info${open ? ' is-open' : ''}`}
        aria-label={`About ${title}`}
        aria-expanded={open}
        aria-controls={open ? popId : undefined}
        draggable={false}
        onDragStart={(e) => e.preventDefault()}
        onMouseEnter={() => {
          place();
          setHover(true);
        }}
        onMouseLeave={() => setHover(false)}
        onFocus={() => {
          place();
          setHover(true);
        }}
        onBlur={() => setHover(false)}
        onClick={(e) => {
          e.stopPropagation();
          place();
          setPinned((p) => !p);
        }}
        onKeyDown={(e) => e.stopPropagation()}
        data-testid={`palette.info.${kindId}`}
      >
        i
      </button>
      {card !== undefined && (
        <div className={`info-popover${pinned ? ' is-pinned' : ''}`} id={popId} style={pos}>
          <NodeInfoCard card={card} id={popId} />
        </div>
      )}
    </>
  );
}
