import { audienceSchema, CAMPAIGN_TEMPLATES, scheduleStatus } from '@tollgate/core';
import { z } from 'zod';
import type { StoredCampaign } from '../../../queries/campaigns.js';
import type { CampaignInput } from '../../../use-cases/create-campaign.js';
import type { CampaignChanges } from '../../../use-cases/update-campaign.js';
import { displayName, id, timestamp } from '../../schemas.js';

export const placementLabel = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_.-]{0,63}$/,
    'Use lowercase letters, digits, "_", "." or "-" (at most 64), like "onboarding"',
  )
  .describe('The label the app asks for');

const TEMPLATE_KEYS = CAMPAIGN_TEMPLATES.map((template) => template.key) as [string, ...string[]];

const audience = audienceSchema.nullable().describe('Who the campaign is for; null is everyone');

const variant = z.strictObject({
  key: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'Use letters, digits, "_" or "-" (at most 32), like "A"')
    .describe('Names the variant in results and in what the SDK reports'),
  paywall_id: id,
  weight: z.int().min(0).max(100).describe('The percent of the campaign’s users who see it'),
});

const variants = z
  .array(variant)
  .min(1, 'Give at least one variant')
  .max(10)
  .superRefine((list, context) => {
    const total = list.reduce((sum, entry) => sum + entry.weight, 0);
    if (total !== 100) {
      context.addIssue({ code: 'custom', message: `The weights add up to ${total}: they must add up to 100` });
    }
    list.forEach((entry, position) => {
      if (list.findIndex((other) => other.key === entry.key) !== position) {
        context.addIssue({ code: 'custom', path: [position, 'key'], message: 'Another variant has this key' });
      }
    });
  })
  .describe('One paywall (weight 100), or an A/B test across several');

const when = timestamp.nullable();

const fields = {
  name: displayName,
  placement: placementLabel,
  priority: z.int().min(0).max(100_000).describe('Lower is considered first among the placement’s campaigns'),
  is_default: z.boolean().describe('The placement’s fallback, shown when no other campaign applies'),
  paused: z.boolean(),
  starts_at: when,
  ends_at: when.describe('Exclusive: the campaign stops at this instant'),
  audience,
  variants,
  attribution_window_hours: z
    .int()
    .min(1)
    .max(720)
    .describe('How long after an impression a purchase counts as its conversion (default 24)'),
};

function checkCombination(
  value: {
    is_default?: boolean | undefined;
    audience?: unknown;
    starts_at?: string | null | undefined;
    ends_at?: string | null | undefined;
  },
  context: z.core.$RefinementCtx,
) {
  if (value.is_default && value.audience !== undefined && value.audience !== null) {
    context.addIssue({
      code: 'custom',
      path: ['audience'],
      message: 'A default campaign is for everyone: leave the audience null',
    });
  }
  if (value.starts_at && value.ends_at && Date.parse(value.ends_at) <= Date.parse(value.starts_at)) {
    context.addIssue({ code: 'custom', path: ['ends_at'], message: 'A campaign must end after it starts' });
  }
}

export const campaignInput = z
  .strictObject({
    ...fields,
    template: z
      .enum(TEMPLATE_KEYS)
      .optional()
      .describe('Start from a template: its placement and audience, unless given'),
    placement: placementLabel.optional().describe('Required unless a template gives it'),
    priority: fields.priority.optional().describe('Left out: after the placement’s other campaigns'),
    is_default: fields.is_default.default(false),
    paused: fields.paused.default(false),
    starts_at: when.default(null),
    ends_at: fields.ends_at.default(null),
    audience: audience
      .optional()
      .describe('Who the campaign is for; null is everyone (default: the template’s, or null)'),
    attribution_window_hours: fields.attribution_window_hours.default(24),
  })
  .superRefine((value, context) => {
    if (value.placement === undefined && value.template === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['placement'],
        message: 'Give a placement, or a template that has one',
      });
    }
    checkCombination(value, context);
  });

export const campaignChanges = z
  .strictObject(fields)
  .partial()
  .superRefine((value, context) => {
    if (Object.keys(value).length === 0) {
      context.addIssue({ code: 'custom', message: 'Name at least one field to change' });
    }
    checkCombination(value, context);
  });

export const campaignSchema = z
  .object({
    id,
    app_id: id,
    name: z.string(),
    placement: z.string(),
    priority: z.number().int(),
    is_default: z.boolean(),
    status: z.enum(['running', 'paused', 'not_started', 'ended']).describe('Whether devices can be shown it now'),
    paused_at: timestamp.nullable(),
    starts_at: timestamp.nullable(),
    ends_at: timestamp.nullable(),
    audience,
    variants: z.array(variant.extend({ paywall_name: z.string() })),
    attribution_window_hours: z.number().int(),
    template: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Campaign' });

export const campaignParams = z.strictObject({ appId: id, campaignId: id });

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentCampaign(campaign: StoredCampaign, now: Date): z.infer<typeof campaignSchema> {
  return {
    id: campaign.id,
    app_id: campaign.app_id,
    name: campaign.name,
    placement: campaign.placement,
    priority: campaign.priority,
    is_default: campaign.is_default,
    status: campaign.paused_at
      ? 'paused'
      : scheduleStatus({ startsAt: campaign.starts_at, endsAt: campaign.ends_at }, now),
    paused_at: iso(campaign.paused_at),
    starts_at: iso(campaign.starts_at),
    ends_at: iso(campaign.ends_at),
    audience: campaign.audience,
    variants: campaign.variants,
    attribution_window_hours: campaign.attribution_window_hours,
    template: campaign.template,
    created_at: campaign.created_at.toISOString(),
    updated_at: campaign.updated_at.toISOString(),
  };
}

type Body = z.infer<typeof campaignInput>;

/** The request as the use case takes it, a template filling what the body left out. */
export function campaignFromBody(body: Body): CampaignInput {
  const template = CAMPAIGN_TEMPLATES.find((candidate) => candidate.key === body.template);
  return {
    name: body.name,
    placement: body.placement ?? template?.placement ?? '',
    priority: body.priority,
    isDefault: body.is_default,
    paused: body.paused,
    startsAt: body.starts_at === null ? null : new Date(body.starts_at),
    endsAt: body.ends_at === null ? null : new Date(body.ends_at),
    // A default is for everyone: a template's audience does not apply to it.
    audience: body.audience === undefined ? (body.is_default ? null : (template?.audience ?? null)) : body.audience,
    variants: body.variants.map(({ key, paywall_id, weight }) => ({ key, paywallId: paywall_id, weight })),
    attributionWindowHours: body.attribution_window_hours,
    template: template?.key ?? null,
  };
}

export function changesFromBody(body: z.infer<typeof campaignChanges>): CampaignChanges {
  const date = (value: string | null | undefined) =>
    value === undefined ? undefined : value === null ? null : new Date(value);
  return {
    name: body.name,
    placement: body.placement,
    priority: body.priority,
    isDefault: body.is_default,
    paused: body.paused,
    startsAt: date(body.starts_at),
    endsAt: date(body.ends_at),
    audience: body.audience,
    variants: body.variants?.map(({ key, paywall_id, weight }) => ({ key, paywallId: paywall_id, weight })),
    attributionWindowHours: body.attribution_window_hours,
  };
}
