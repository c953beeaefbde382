import { useId } from 'react';
import {
  ATTRIBUTES,
  type Attribute,
  type ConditionNode,
  JOURNEY_FLAGS,
  newCondition,
  PLATFORMS,
  takesValue,
} from './audience.js';

interface Props {
  node: ConditionNode;
  /** Its number in its group, to name its controls apart from the others'. */
  label: string;
  onChange: (node: ConditionNode) => void;
  onRemove: () => void;
  /** The API's message about this condition (`audience.all.1.value.0`), when it refused it. */
  error: string | undefined;
  /** The app's entitlement IDs, offered as suggestions. */
  entitlementIds: string[];
}

/** One condition: the attribute, then an operator and a value input that suit it. */
export function ConditionEditor({ node, label, onChange, onRemove, error, entitlementIds }: Props) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const { operators } = ATTRIBUTES[node.attribute];
  const changeAttribute = (attribute: Attribute) => onChange({ ...newCondition(attribute), id: node.id });
  return (
    <fieldset className="condition" aria-describedby={errorId}>
      <legend className="visually-hidden">{label}</legend>
      <div className="condition-row">
        <label className="visually-hidden" htmlFor={`${id}-attribute`}>
          Attribute
        </label>
        <select
          id={`${id}-attribute`}
          value={node.attribute}
          onChange={(e) => changeAttribute(e.target.value as Attribute)}
        >
          {Object.entries(ATTRIBUTES).map(([attribute, { label: name }]) => (
            <option key={attribute} value={attribute}>
              {name}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor={`${id}-operator`}>
          Operator
        </label>
        <select
          id={`${id}-operator`}
          value={node.operator}
          onChange={(e) => onChange({ ...node, operator: e.target.value })}
        >
          {operators.map(([operator, words]) => (
            <option key={operator} value={operator}>
              {words}
            </option>
          ))}
        </select>
        {takesValue(node) ? (
          <ValueInput id={id} node={node} onChange={onChange} errorId={errorId} entitlementIds={entitlementIds} />
        ) : null}
        <button type="button" className="danger-button" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`}>
          Remove
        </button>
      </div>
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

interface ValueInputProps {
  id: string;
  node: ConditionNode;
  onChange: (node: ConditionNode) => void;
  errorId: string | undefined;
  entitlementIds: string[];
}

const TEXT_INPUTS: Partial<Record<Attribute, { label: string; placeholder: string; type?: 'number' }>> = {
  entitlement: { label: 'Entitlement ID', placeholder: 'premium' },
  country: { label: 'Country codes, comma-separated', placeholder: 'US, CA' },
  language: { label: 'Language tags, comma-separated', placeholder: 'en, pt-BR' },
  app_version: { label: 'App version', placeholder: '2.3.1' },
  days_since_first_seen: { label: 'Days', placeholder: '7', type: 'number' },
  session_count: { label: 'Sessions', placeholder: '3', type: 'number' },
};

function ValueInput({ id, node, onChange, errorId, entitlementIds }: ValueInputProps) {
  const described = { 'aria-describedby': errorId, 'aria-invalid': errorId !== undefined };
  if (node.attribute === 'platform') {
    const chosen = Array.isArray(node.value) ? node.value : [];
    const toggle = (platform: string, on: boolean) =>
      onChange({ ...node, value: on ? [...chosen, platform] : chosen.filter((p) => p !== platform) });
    return (
      <fieldset className="inline-checks" aria-describedby={errorId}>
        <legend className="visually-hidden">Platforms</legend>
        {PLATFORMS.map(([platform, name]) => (
          <label key={platform} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(platform)}
              onChange={(e) => toggle(platform, e.target.checked)}
            />
            {name}
          </label>
        ))}
      </fieldset>
    );
  }
  const value = Array.isArray(node.value) ? '' : node.value;
  if (node.attribute === 'journey_state') {
    return (
      <>
        <label className="visually-hidden" htmlFor={`${id}-value`}>
          Journey state
        </label>
        <select
          id={`${id}-value`}
          value={value}
          onChange={(e) => onChange({ ...node, value: e.target.value })}
          {...described}
        >
          {JOURNEY_FLAGS.map(([flag, name]) => (
            <option key={flag} value={flag}>
              {name}
            </option>
          ))}
        </select>
      </>
    );
  }
  const input = TEXT_INPUTS[node.attribute] ?? { label: 'Value', placeholder: '' };
  return (
    <>
      <label className="visually-hidden" htmlFor={`${id}-value`}>
        {input.label}
      </label>
      <input
        id={`${id}-value`}
        type={input.type ?? 'text'}
        min={input.type === 'number' ? 0 : undefined}
        inputMode={input.type === 'number' ? 'numeric' : undefined}
        value={value}
        placeholder={input.placeholder}
        list={node.attribute === 'entitlement' ? `${id}-entitlements` : undefined}
        onChange={(e) => onChange({ ...node, value: e.target.value })}
        {...described}
      />
      {node.attribute === 'entitlement' ? (
        <datalist id={`${id}-entitlements`}>
          {entitlementIds.map((refId) => (
            <option key={refId} value={refId} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}
