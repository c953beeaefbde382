import { type DragEvent, useEffect, useRef, useState } from 'react';
import { ErrorState } from '../ui/states.js';
import { CampaignSummary } from './campaign-item.js';
import { type Campaign, useReorderPlacement } from './queries.js';

interface Props {
  appId: string;
  placement: string;
  /** The placement's campaigns, first considered first, the default (if any) last. */
  campaigns: Campaign[];
}

/**
 * Where focus goes once the list shows a move (the row's element may be taken out and put back, which
 * loses focus): the same button of the moved campaign, or its other one when that one is disabled now.
 */
interface PendingFocus {
  id: string;
  direction: 'up' | 'down';
  position: number;
}

/**
 * A placement's campaigns in the order devices are matched against them. Drag a campaign to
 * reorder, or use its move buttons (the keyboard's way); the default stays last and does not move.
 */
export function PlacementList({ appId, placement, campaigns }: Props) {
  const reorder = useReorderPlacement(appId);
  const ordered = campaigns.filter((c) => !c.is_default);
  const fallback = campaigns.find((c) => c.is_default);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focus, setFocus] = useState<PendingFocus | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    if (!focus || ordered.findIndex((c) => c.id === focus.id) !== focus.position) {
      return;
    }
    const wanted = buttons.current.get(`${focus.id}:${focus.direction}`);
    const other = buttons.current.get(`${focus.id}:${focus.direction === 'up' ? 'down' : 'up'}`);
    (wanted && !wanted.disabled ? wanted : other)?.focus();
    setFocus(null);
  });

  const moveTo = (id: string, to: number) => {
    const from = ordered.findIndex((c) => c.id === id);
    if (from < 0 || from === to) {
      return;
    }
    const ids = ordered.map((c) => c.id);
    ids.splice(from, 1);
    ids.splice(to, 0, id);
    reorder.mutate({ placement, campaignIds: ids }, { onError: () => setFocus(null) });
    const name = ordered[from]?.name ?? '';
    setAnnouncement(`“${name}” moved to position ${to + 1} of ${ordered.length}.`);
  };
  const drop = (event: DragEvent, target: string) => {
    event.preventDefault();
    const id = dragged ?? event.dataTransfer.getData('text/plain');
    setDragged(null);
    setOver(null);
    moveTo(
      id,
      ordered.findIndex((c) => c.id === target),
    );
  };

  return (
    <>
      <ol className="campaign-list" aria-label={`Campaigns at “${placement}”, first considered first`}>
        {ordered.map((campaign, position) => (
          <li
            key={campaign.id}
            className={`campaign-item${dragged === campaign.id ? ' dragging' : ''}${over === campaign.id && dragged !== campaign.id ? ' drop-target' : ''}`}
            draggable
            onDragStart={(event) => {
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData('text/plain', campaign.id);
              setDragged(campaign.id);
            }}
            onDragEnd={() => {
              setDragged(null);
              setOver(null);
            }}
            onDragOver={(event) => {
              event.preventDefault();
              setOver(campaign.id);
            }}
            onDrop={(event) => drop(event, campaign.id)}
          >
            <span className="drag-handle" aria-hidden="true" title="Drag to reorder">
              ⠿
            </span>
            <span className="priority">{position + 1}</span>
            <CampaignSummary appId={appId} campaign={campaign} />
            <div className="move-buttons">
              {(['up', 'down'] as const).map((direction) => (
                <button
                  key={direction}
                  ref={(element) => {
                    const key = `${campaign.id}:${direction}`;
                    element ? buttons.current.set(key, element) : buttons.current.delete(key);
                  }}
                  type="button"
                  aria-label={`Move “${campaign.name}” ${direction}`}
                  disabled={direction === 'up' ? position === 0 : position === ordered.length - 1}
                  onClick={() => {
                    const to = direction === 'up' ? position - 1 : position + 1;
                    setFocus({ id: campaign.id, direction, position: to });
                    moveTo(campaign.id, to);
                  }}
                >
                  {direction === 'up' ? '↑' : '↓'}
                </button>
              ))}
            </div>
          </li>
        ))}
        {fallback ? (
          <li className="campaign-item campaign-default">
            <span className="priority" title="Always last">
              —
            </span>
            <CampaignSummary appId={appId} campaign={fallback} />
          </li>
        ) : null}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {reorder.isError ? <ErrorState error={reorder.error} /> : null}
    </>
  );
}
