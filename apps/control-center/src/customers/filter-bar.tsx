import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { FILTERS, type FilterKey, type Filters, filterLabel, PLATFORMS } from './filters.js';

interface FilterBarProps {
  filters: Filters;
  /** The API's message per filter, when it refused one. */
  errors: Partial<Record<FilterKey, string>>;
  onSet: (key: FilterKey, value: string | undefined) => void;
  onClear: () => void;
}

/** "+ Filter" adds each filter once; chips show them, × removes one, "Clear all" removes all. */
export function FilterBar({ filters, errors, onSet, onClear }: FilterBarProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const [draft, setDraft] = useState<FilterKey | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const active = FILTERS.filter(({ key }) => filters[key] !== undefined);
  const available = FILTERS.filter(({ key }) => filters[key] === undefined && key !== draft);

  const closeMenu = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      setMenuOpen(false);
      addButton.current?.focus();
    }
  };

  return (
    <div className="filter-bar">
      <ul className="chips" aria-label="Filters">
        {active.map(({ key, label }) => (
          <li key={key} className={errors[key] ? 'chip chip-invalid' : 'chip'}>
            <span>
              {label}: <strong>{filters[key]}</strong>
            </span>
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${label} filter`}
              onClick={() => onSet(key, undefined)}
            >
              ×
            </button>
            {errors[key] ? <span className="field-error">{errors[key]}</span> : null}
          </li>
        ))}
      </ul>
      {draft ? (
        <FilterForm
          filterKey={draft}
          onApply={(value) => {
            setDraft(null);
            onSet(draft, value);
          }}
          onCancel={() => {
            setDraft(null);
            addButton.current?.focus();
          }}
        />
      ) : null}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the menu from anywhere inside it */}
      <div className="filter-add" onKeyDown={closeMenu}>
        <button
          ref={addButton}
          type="button"
          aria-expanded={menuOpen}
          aria-controls="filter-menu"
          disabled={available.length === 0}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          + Filter
        </button>
        {menuOpen ? (
          <ul id="filter-menu" className="filter-menu" aria-label="Add a filter">
            {available.map(({ key, label }) => (
              <li key={key}>
                <button
                  type="button"
                  onClick={() => {
                    setMenuOpen(false);
                    setDraft(key);
                  }}
                >
                  {label}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {active.length > 0 ? (
        <button type="button" className="link-button" onClick={onClear}>
          Clear all
        </button>
      ) : null}
    </div>
  );
}

interface FilterFormProps {
  filterKey: FilterKey;
  onApply: (value: string) => void;
  onCancel: () => void;
}

function FilterForm({ filterKey, onApply, onCancel }: FilterFormProps) {
  const [value, setValue] = useState<string>(filterKey === 'platform' ? PLATFORMS[0] : '');
  const control = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => control.current?.focus(), []);
  const label = filterLabel(filterKey);
  const id = `filter-${filterKey}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() !== '') {
      onApply(value.trim());
    }
  };

  return (
    <form className="filter-form" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <label htmlFor={id}>{label}</label>
      {filterKey === 'platform' ? (
        <select id={id} ref={control} value={value} onChange={(event) => setValue(event.target.value)}>
          {PLATFORMS.map((platform) => (
            <option key={platform} value={platform}>
              {platform}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} ref={control} value={value} onChange={(event) => setValue(event.target.value)} />
      )}
      <button type="submit" className="primary">
        Apply
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
