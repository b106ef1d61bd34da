import { memo } from 'react';
import type { CSSProperties, DragEvent, KeyboardEvent } from 'react';
import type { NodeKind } from '../../graph/index.ts';
import { KIND_MIME } from '../canvas/dnd.ts';
import { CATEGORY_COLORS } from '../theme.ts';
import { NodeInfoButton } from './NodeInfoCard.tsx';

interface Props {
  readonly kind: NodeKind;
  readonly onAdd: (kind: NodeKind) => void;
}

function PaletteItemView({ kind, onAdd }: Props) {
  const unavailable = kind.unavailable;
  const disabled = unavailable !== undefined;
  const descId = `palette-desc-${kind.id}`;

  const onDragStart = (e: DragEvent<HTMLDivElement>) => {
    if (disabled) {
      e.preventDefault();
      return;
    }
    e.dataTransfer.setData(KIND_MIME, kind.id);
    e.dataTransfer.setData('text/plain', kind.id);
    e.dataTransfer.effectAllowed = 'copy';
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (disabled || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    onAdd(kind);
  };

  return (
    <li className="palette-row">
      <div
        className={disabled ? 'palette-item is-disabled' : 'palette-item'}
        style={{ '--cat': CATEGORY_COLORS[kind.category] } as CSSProperties}
        role="button"
        tabIndex={0}
        draggable={!disabled}
        aria-disabled={disabled}
        aria-label={kind.title}
        aria-describedby={descId}
        title={unavailable ?? `${kind.description}\n\nDrag onto the canvas, or press Enter.`}
        data-testid={`palette.${kind.id}`}
        onDragStart={onDragStart}
        onKeyDown={onKeyDown}
      >
        <span className="palette-item-dot" aria-hidden="true" />
        <span className="palette-item-text">
          <span className="palette-item-title">{kind.title}</span>
          <span className="palette-item-desc" id={descId}>
            {unavailable ?? firstSentence(kind.description)}
          </span>
        </span>
      </div>
      <NodeInfoButton kindId={kind.id} title={kind.title} />
    </li>
  );
}

/** The description's first sentence (the palette shows one line). */
function firstSentence(text: string): string {
  const m = /^.*?[.!?](\s|$)/.exec(text);
  return (m?.[0] ?? text).trim();
}

export const PaletteItem = memo(PaletteItemView);
