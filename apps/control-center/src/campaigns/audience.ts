import type { Schemas } from '../api/client.js';

// The audience language (`{all: [...]}`, `{any: [...]}`, conditions) as the rule builder edits it: a
// tree whose root is always a group, each node with an id for React, values as typed (a list of
// codes is the text "US, CA" until saved).

export type Audience = Schemas['Campaign']['audience'];
type Condition = Schemas['AudienceCondition'];
export type Attribute = Condition['attribute'];
export type Join = 'all' | 'any';

export interface ConditionNode {
  kind: 'condition';
  id: string;
  attribute: Attribute;
  operator: string;
  /** Platforms are a list of choices; everything else is what was typed or picked. */
  value: string | string[];
}

export interface GroupNode {
  kind: 'group';
  id: string;
  join: Join;
  children: RuleNode[];
}

export type RuleNode = ConditionNode | GroupNode;

/** Groups nest at most this deep, the root counting (the API's limit). */
export const MAX_DEPTH = 4;

const MEMBERSHIP: [string, string][] = [
  ['in', 'is one of'],
  ['not_in', 'is none of'],
];
const COMPARISON: [string, string][] = [
  ['lt', 'less than'],
  ['lte', 'at most'],
  ['eq', 'equal to'],
  ['gte', 'at least'],
  ['gt', 'more than'],
];

export const ATTRIBUTES: Record<
  Attribute,
  { label: string; operators: [string, string][]; initial: string | string[] }
> = {
  journey_state: {
    label: 'Journey state',
    operators: [
      ['is', 'is'],
      ['is_not', 'is not'],
    ],
    initial: 'in_trial_period',
  },
  entitlement: {
    label: 'Entitlement',
    operators: [
      ['has', 'has'],
      ['lacks', 'lacks'],
      ['has_any', 'has any entitlement'],
      ['has_none', 'has no entitlement'],
    ],
    initial: '',
  },
  platform: { label: 'Platform', operators: MEMBERSHIP, initial: [] },
  country: { label: 'Country', operators: MEMBERSHIP, initial: '' },
  language: { label: 'Language', operators: MEMBERSHIP, initial: '' },
  app_version: { label: 'App version', operators: COMPARISON, initial: '' },
  days_since_first_seen: { label: 'Days since first seen', operators: COMPARISON, initial: '' },
  session_count: { label: 'Session count', operators: COMPARISON, initial: '' },
};

export const JOURNEY_FLAGS: [string, string][] = [
  ['former_subscriber', 'Former subscriber'],
  ['in_account_hold', 'In account hold'],
  ['in_grace_period', 'In grace period'],
  ['in_trial_period', 'In a free trial'],
  ['in_intro_offer_period', 'In an intro offer'],
  ['in_pause', 'Subscription paused'],
  ['is_cancelled', 'Cancelled (will not renew)'],
];

export const PLATFORMS: [string, string][] = [
  ['apple', 'Apple'],
  ['google', 'Google'],
  ['roku', 'Roku'],
];

/** `entitlement` with `has_any` or `has_none` takes no value. */
export const takesValue = (node: ConditionNode) =>
  !(node.attribute === 'entitlement' && (node.operator === 'has_any' || node.operator === 'has_none'));

let lastId = 0;
const newId = () => `rule-${++lastId}`;

export function newCondition(attribute: Attribute = 'platform'): ConditionNode {
  const { operators, initial } = ATTRIBUTES[attribute];
  return { kind: 'condition', id: newId(), attribute, operator: operators[0]?.[0] ?? '', value: initial };
}

export const newGroup = (join: Join = 'all', children: RuleNode[] = []): GroupNode => ({
  kind: 'group',
  id: newId(),
  join,
  children,
});

/** The API's audience as a tree to edit: null (everyone) is an empty root group. */
export function fromApi(audience: Audience | unknown): GroupNode {
  const node = audience ? nodeFromApi(audience as object) : null;
  return node?.kind === 'group' ? node : newGroup('all', node ? [node] : []);
}

function nodeFromApi(rule: object): RuleNode {
  if ('all' in rule || 'any' in rule) {
    const join: Join = 'all' in rule ? 'all' : 'any';
    const children = (Reflect.get(rule, join) as object[]).map(nodeFromApi);
    return newGroup(join, children);
  }
  const condition = rule as { attribute: Attribute; operator: string; value?: unknown };
  const value = condition.value;
  return {
    kind: 'condition',
    id: newId(),
    attribute: condition.attribute,
    operator: condition.operator,
    value:
      condition.attribute === 'platform'
        ? ((value as string[] | undefined) ?? [])
        : Array.isArray(value)
          ? value.join(', ')
          : value === undefined
            ? ''
            : String(value),
  };
}

/** Whether the root holds exactly one condition: it is then sent bare, not as a group of one. */
export const isSingleCondition = (root: GroupNode) =>
  root.children.length === 1 && root.children[0]?.kind === 'condition';

/**
 * The tree as the API takes it: null for everyone (an empty root). The generated type spells the
 * depth limit out level by level; the builder keeps to the same limit (MAX_DEPTH), so the cast holds.
 */
export function toApi(root: GroupNode): Audience {
  if (root.children.length === 0) {
    return null;
  }
  const [only] = root.children;
  return (only && isSingleCondition(root) ? nodeToApi(only) : nodeToApi(root)) as Audience;
}

function nodeToApi(node: RuleNode): object {
  if (node.kind === 'group') {
    return { [node.join]: node.children.map(nodeToApi) };
  }
  const { attribute, operator, value } = node;
  if (!takesValue(node)) {
    return { attribute, operator };
  }
  const text = Array.isArray(value) ? '' : value.trim();
  switch (attribute) {
    case 'platform':
      return { attribute, operator, value };
    case 'country':
    case 'language':
      return { attribute, operator, value: text.split(',').flatMap((code) => code.trim() || []) };
    case 'days_since_first_seen':
    case 'session_count':
      // Anything but a number goes as typed: the API's message says what it wants, beside the field.
      return { attribute, operator, value: /^\d+$/.test(text) ? Number(text) : text };
    default:
      return { attribute, operator, value: text };
  }
}

const operatorLabel = (attribute: Attribute, operator: string) =>
  ATTRIBUTES[attribute]?.operators.find(([value]) => value === operator)?.[1] ?? operator;

/** The audience in words, for lists: "Platform is one of apple and Country is one of US, CA". */
export function describeAudience(audience: Audience | unknown): string {
  return audience ? describe(fromApi(audience), true) : 'Everyone';
}

function describe(node: RuleNode, top = false): string {
  if (node.kind === 'group') {
    const words = node.children.map((child) => describe(child)).join(node.join === 'all' ? ' and ' : ' or ');
    return top || node.children.length < 2 ? words : `(${words})`;
  }
  const label = ATTRIBUTES[node.attribute]?.label ?? node.attribute;
  const nameOf = (choices: [string, string][], value: string) => choices.find(([key]) => key === value)?.[1] ?? value;
  const shown = Array.isArray(node.value)
    ? node.value.map((platform) => nameOf(PLATFORMS, platform)).join(', ')
    : node.attribute === 'journey_state'
      ? nameOf(JOURNEY_FLAGS, node.value)
      : node.value;
  return [label, operatorLabel(node.attribute, node.operator), takesValue(node) ? shown : ''].join(' ').trim();
}
