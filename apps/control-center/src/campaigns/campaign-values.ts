import type { Paywall } from '../paywalls/queries.js';
import { sameJson } from '../ui/same-json.js';
import { fromApi, type GroupNode, toApi } from './audience.js';
import type { Campaign, CampaignChanges } from './queries.js';
import { newVariant, type VariantRow } from './variants.js';

/** A campaign as its form holds it: times as `datetime-local` text, numbers as typed. */
export interface CampaignValues {
  name: string;
  placement: string;
  isDefault: boolean;
  paused: boolean;
  startsAt: string;
  endsAt: string;
  attributionWindowHours: string;
  audience: GroupNode;
  variants: VariantRow[];
}

/** What a template gives a new campaign. */
export interface TemplateStart {
  key: string;
  name: string;
  placement: string;
  audience: unknown;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` input shows it: in the browser's time zone, to the minute. */
function toLocalInput(iso: string | null): string {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (the browser's time zone) as the API's instant; empty is none. */
function fromLocalInput(value: string): string | null {
  const time = value ? new Date(value) : null;
  return time && !Number.isNaN(time.getTime()) ? time.toISOString() : null;
}

export function valuesOf(campaign: Campaign | undefined, template: TemplateStart | undefined, paywalls: Paywall[]) {
  let lastId = 0;
  const variants: VariantRow[] = campaign
    ? campaign.variants.map((v) => ({
        id: `saved-${++lastId}`,
        key: v.key,
        paywall_id: v.paywall_id,
        weight: String(v.weight),
      }))
    : [newVariant([], paywalls)];
  return {
    name: campaign?.name ?? template?.name ?? '',
    placement: campaign?.placement ?? template?.placement ?? '',
    isDefault: campaign?.is_default ?? false,
    paused: campaign ? campaign.paused_at !== null : false,
    startsAt: toLocalInput(campaign?.starts_at ?? null),
    endsAt: toLocalInput(campaign?.ends_at ?? null),
    attributionWindowHours: String(campaign?.attribution_window_hours ?? 24),
    audience: fromApi(campaign ? campaign.audience : (template?.audience ?? null)),
    variants,
  } satisfies CampaignValues;
}

/** The values as the API takes them; a default campaign is for everyone. */
export function bodyOf(values: CampaignValues) {
  return {
    name: values.name,
    placement: values.placement.trim(),
    is_default: values.isDefault,
    paused: values.paused,
    starts_at: fromLocalInput(values.startsAt),
    ends_at: fromLocalInput(values.endsAt),
    attribution_window_hours: Number(values.attributionWindowHours),
    audience: values.isDefault ? null : toApi(values.audience),
    variants: values.variants.map(({ key, paywall_id, weight }) => ({ key, paywall_id, weight: Number(weight) || 0 })),
  };
}

/** Only what was changed: a weight left as it was moves no user between variants. */
export function campaignChanges(campaign: Campaign, values: CampaignValues): CampaignChanges {
  const before: Record<string, unknown> = bodyOf(valuesOf(campaign, undefined, []));
  const after: Record<string, unknown> = bodyOf(values);
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => !sameJson(before[key], value)));
}
