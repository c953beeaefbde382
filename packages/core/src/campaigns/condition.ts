import { z } from 'zod';
import { REF_ID_MAX_LENGTH, REF_ID_PATTERN, STORE_PLATFORMS } from '../catalog.js';
import type { CustomerJourneyState } from '../customer-state.js';

/**
 * The conditions of the audience language: each tests one fact about the user or their
 * device. They are stored and served as the JSON written here.
 */

/** The flags of `CustomerJourneyState`, in its order. */
export const JOURNEY_FLAGS = [
  'former_subscriber',
  'in_account_hold',
  'in_grace_period',
  'in_trial_period',
  'in_intro_offer_period',
  'in_pause',
  'is_cancelled',
] as const satisfies readonly (keyof CustomerJourneyState)[];
export type JourneyFlag = (typeof JOURNEY_FLAGS)[number];

export const AUDIENCE_ATTRIBUTES = [
  'journey_state',
  'entitlement',
  'platform',
  'country',
  'language',
  'app_version',
  'days_since_first_seen',
  'session_count',
] as const;

const NUMERIC_OPERATORS = ['lt', 'lte', 'eq', 'gte', 'gt'] as const;
const numericOperator = z.enum(NUMERIC_OPERATORS);
const membership = z.enum(['in', 'not_in']);
const WHOLE = 'A whole number, 0 or more';
const count = z.int(WHOLE).min(0, WHOLE);
const nonEmpty = 'List at least one value';

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code in capitals, like US');
const languageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, "A BCP 47 language tag, like 'en' or 'pt-BR'");
/** Dotted numbers, one to four parts: '2', '2.3', '2.3.1'. */
const VERSION_PATTERN = /^\d{1,9}(\.\d{1,9}){0,3}$/;
const refId = z.string().max(REF_ID_MAX_LENGTH).regex(REF_ID_PATTERN, 'An entitlement_ref_id');

export const conditionSchema = z
  .discriminatedUnion(
    'attribute',
    [
      z.strictObject({
        attribute: z.literal('journey_state'),
        operator: z.enum(['is', 'is_not']),
        value: z.enum(JOURNEY_FLAGS),
      }),
      // `has_any` / `has_none` take no value: "has no entitlement at all" cannot be said with `lacks`.
      z.discriminatedUnion('operator', [
        z.strictObject({ attribute: z.literal('entitlement'), operator: z.enum(['has', 'lacks']), value: refId }),
        z.strictObject({ attribute: z.literal('entitlement'), operator: z.enum(['has_any', 'has_none']) }),
      ]),
      z.strictObject({
        attribute: z.literal('platform'),
        operator: membership,
        value: z.array(z.enum(STORE_PLATFORMS)).min(1, nonEmpty),
      }),
      z.strictObject({
        attribute: z.literal('country'),
        operator: membership,
        value: z.array(countryCode).min(1, nonEmpty),
      }),
      z.strictObject({
        attribute: z.literal('language'),
        operator: membership,
        value: z.array(languageTag).min(1, nonEmpty),
      }),
      z.strictObject({
        attribute: z.literal('app_version'),
        operator: numericOperator,
        value: z.string().regex(VERSION_PATTERN, "A dotted version number, like '2.3' or '2.3.1'"),
      }),
      z.strictObject({ attribute: z.literal('days_since_first_seen'), operator: numericOperator, value: count }),
      z.strictObject({ attribute: z.literal('session_count'), operator: numericOperator, value: count }),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `A rule is a group ({"all": [...]} or {"any": [...]}) or a condition whose attribute is one of ${AUDIENCE_ATTRIBUTES.join(', ')}`
          : undefined,
    },
  )
  // An id makes it one component of the OpenAPI document, not a copy in every level of the tree.
  .meta({ id: 'AudienceCondition', description: 'One test of a fact about the user or their device' });

export type Condition = z.infer<typeof conditionSchema>;
export type NumericOperator = (typeof NUMERIC_OPERATORS)[number];
