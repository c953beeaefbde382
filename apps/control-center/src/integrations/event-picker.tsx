import { useEffect, useRef } from 'react';
import { type EventType, groupsOf } from './event-types.js';

interface Props {
  offered: readonly EventType[];
  selected: EventType[];
  onChange: (selected: EventType[]) => void;
  error: string | undefined;
}

/** The events to send, as checkboxes grouped by category, each group with its own select-all. */
export function EventPicker({ offered, selected, onChange, error }: Props) {
  const set = (types: readonly EventType[], on: boolean) => {
    const rest = selected.filter((type) => !types.includes(type));
    onChange(on ? offered.filter((type) => rest.includes(type) || types.includes(type)) : rest);
  };
  return (
    <fieldset className="events" aria-describedby={error ? 'event-types-error' : undefined}>
      <legend>Events to send</legend>
      <p className="muted">
        {selected.length} of {offered.length} selected.
      </p>
      {groupsOf(offered).map(({ category, types }) => (
        <EventGroup key={category} category={category} types={types} selected={selected} onSet={set} />
      ))}
      {error ? (
        <p className="field-error" id="event-types-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function EventGroup({
  category,
  types,
  selected,
  onSet,
}: {
  category: string;
  types: EventType[];
  selected: EventType[];
  onSet: (types: readonly EventType[], on: boolean) => void;
}) {
  const all = useRef<HTMLInputElement>(null);
  const count = types.filter((type) => selected.includes(type)).length;
  useEffect(() => {
    if (all.current) {
      all.current.indeterminate = count > 0 && count < types.length;
    }
  }, [count, types.length]);
  return (
    <details className="event-group" open>
      <summary>
        {category}{' '}
        <span className="muted">
          ({count}/{types.length})
        </span>
      </summary>
      <label className="check check-all">
        <input
          ref={all}
          type="checkbox"
          checked={count === types.length}
          onChange={(e) => onSet(types, e.target.checked)}
        />
        Select all {category.toLowerCase()}
      </label>
      <div className="check-list">
        {types.map((type) => (
          <label key={type} className="check">
            <input
              type="checkbox"
              checked={selected.includes(type)}
              onChange={(e) => onSet([type], e.target.checked)}
            />
            <code>{type}</code>
          </label>
        ))}
      </div>
    </details>
  );
}
