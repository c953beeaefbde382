import { isApiError } from '../api/client.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import {
  type GroupNode,
  isSingleCondition,
  type Join,
  MAX_DEPTH,
  newCondition,
  newGroup,
  type RuleNode,
} from './audience.js';
import { ConditionEditor } from './condition-editor.js';

interface Props {
  root: GroupNode;
  onChange: (root: GroupNode) => void;
  error: unknown;
  entitlementIds: string[];
}

/** Who the campaign is for: conditions joined by ALL or ANY, in groups that nest. No condition is everyone. */
export function RuleBuilder({ root, onChange, error, entitlementIds }: Props) {
  return (
    <fieldset className="rule-builder">
      <legend>Audience</legend>
      {root.children.length === 0 ? (
        <p className="muted small">Everyone. Add a condition to show the campaign only to some users.</p>
      ) : null}
      <GroupEditor
        group={root}
        depth={1}
        number=""
        // A single condition is sent bare (not as a group of one): the API names its fields from `audience`.
        path={isSingleCondition(root) ? null : 'audience'}
        onChange={(group) => onChange(group)}
        error={error}
        entitlementIds={entitlementIds}
      />
    </fieldset>
  );
}

interface GroupProps {
  group: GroupNode;
  depth: number;
  /** Its place in the tree, to name its conditions apart: "2" for the root's second rule, "2.1" inside it. */
  number: string;
  /** Where the API says things about this group (`audience.all.2`); null when it was not sent as a group. */
  path: string | null;
  onChange: (group: GroupNode) => void;
  onRemove?: () => void;
  error: unknown;
  entitlementIds: string[];
}

function GroupEditor({ group, depth, number, path, onChange, onRemove, error, entitlementIds }: GroupProps) {
  const joinName = group.join === 'all' ? 'ALL' : 'ANY';
  const title = depth === 1 ? 'Users matching' : `Group ${number} matching`;
  const numberOf = (index: number) => (number ? `${number}.${index + 1}` : `${index + 1}`);
  const setChild = (index: number, child: RuleNode) =>
    onChange({ ...group, children: group.children.with(index, child) });
  const removeChild = (index: number) =>
    onChange({ ...group, children: group.children.filter((_child, position) => position !== index) });
  const add = (child: RuleNode) => onChange({ ...group, children: [...group.children, child] });
  // Said of the group itself (empty, too deep), not of one of its conditions.
  const groupError =
    path === null || !isApiError(error)
      ? undefined
      : (error.fieldError(`${path}.${group.join}`) ?? (depth > 1 ? error.fieldError(path) : undefined));
  const childPath = (index: number) => (path === null ? 'audience' : `${path}.${group.join}.${index}`);

  return (
    <fieldset className={depth === 1 ? 'rule-group rule-root' : 'rule-group'} aria-label={`${title}: ${joinName}`}>
      <div className="rule-group-head">
        <label className="inline-field">
          <span>{title}</span>
          <select value={group.join} onChange={(e) => onChange({ ...group, join: e.target.value as Join })}>
            <option value="all">ALL of these</option>
            <option value="any">ANY of these</option>
          </select>
        </label>
        {onRemove ? (
          <button type="button" className="danger-button" onClick={onRemove} aria-label={`Remove group ${number}`}>
            Remove group
          </button>
        ) : null}
      </div>
      {groupError ? <p className="field-error">{groupError}</p> : null}
      <ol className="rules">
        {group.children.map((child, index) =>
          child.kind === 'group' ? (
            <li key={child.id}>
              <GroupEditor
                group={child}
                depth={depth + 1}
                number={numberOf(index)}
                path={childPath(index)}
                onChange={(next) => setChild(index, next)}
                onRemove={() => removeChild(index)}
                error={error}
                entitlementIds={entitlementIds}
              />
            </li>
          ) : (
            <li key={child.id}>
              <ConditionEditor
                node={child}
                label={`Condition ${numberOf(index)}`}
                onChange={(next) => setChild(index, next)}
                onRemove={() => removeChild(index)}
                error={fieldErrorOf(error, childPath(index))}
                entitlementIds={entitlementIds}
              />
            </li>
          ),
        )}
      </ol>
      <div className="actions">
        <button type="button" onClick={() => add(newCondition())}>
          + Add condition
        </button>
        {depth < MAX_DEPTH ? (
          <button type="button" onClick={() => add(newGroup(group.join === 'all' ? 'any' : 'all', [newCondition()]))}>
            + Add group
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
