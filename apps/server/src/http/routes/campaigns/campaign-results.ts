import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { campaignResults } from '../../../queries/campaign-results.js';
import { findCampaign } from '../../../queries/campaigns.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';
import { id } from '../../schemas.js';
import { appNotFound } from '../apps/problems.js';
import { campaignParams } from './campaign-schema.js';
import { campaignNotFound } from './problems.js';

const DAY_MS = 86_400_000;
/** A year of days per variant is what a chart can show. */
const LONGEST_RANGE_DAYS = 366;

const day = z.iso.date('A calendar day, YYYY-MM-DD');

const counts = {
  impressions: z.number().int(),
  purchases: z.number().int().describe('New paid purchases that followed an impression within the window'),
  trials: z.number().int().describe('Free trials started that followed an impression within the window'),
  revenue_usd_micros: z.number().int().describe('What those purchases paid, in US dollar millionths'),
};

const resultsSchema = z
  .object({
    campaign_id: id,
    from: day,
    to: day,
    attribution_window_hours: z.number().int(),
    variants: z.array(
      z.object({
        key: z.string(),
        paywall_id: id.nullable().describe('Null for a variant the campaign no longer has'),
        ...counts,
        unique_users: z.number().int().describe('Users who saw it at least once in the range'),
        conversion_rate: z.number().describe('(purchases + trials) ÷ unique users; 0 with no users'),
      }),
    ),
    days: z.array(z.object({ day, variant: z.string(), ...counts })).describe('Per UTC day and variant, for charts'),
  })
  .meta({ id: 'CampaignResults' });

export function campaignResultsRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/apps/:appId/campaigns/:campaignId/results',
    {
      schema: {
        operationId: 'campaignResults',
        tags: ['Campaigns'],
        summary: 'Impressions, unique users, conversions and revenue per variant, over a range of UTC days',
        params: campaignParams,
        querystring: z.strictObject({
          from: day.optional().describe('First day included (default: 29 days before `to`)'),
          to: day.optional().describe('Last day included (default: today)'),
        }),
        response: { 200: resultsSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, campaignId } = request.params;
      const to = request.query.to ?? deps.now().toISOString().slice(0, 10);
      const from = request.query.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10);
      const span = (Date.parse(to) - Date.parse(from)) / DAY_MS;
      if (span < 0 || span >= LONGEST_RANGE_DAYS) {
        throw new Problem(
          400,
          'validation_failed',
          `from must be on or before to, at most ${LONGEST_RANGE_DAYS} days apart`,
          [
            {
              location: 'querystring',
              field: 'from',
              message: `Must be on or before to, at most ${LONGEST_RANGE_DAYS} days before it`,
            },
          ],
        );
      }
      const app = await findApp(deps.db, orgId, appId);
      if (!app) {
        throw appNotFound(appId);
      }
      const campaign = await findCampaign(deps.db, app.id, campaignId);
      if (!campaign) {
        throw campaignNotFound(campaignId);
      }
      const { totals, days } = await campaignResults(deps.db, app.id, campaign.id, { from, to });
      // Every current variant is listed, with zeros if nothing happened yet; then any removed one that had results.
      const keys = [...campaign.variants.map((v) => v.key), ...totals.map((t) => t.variant)];
      const variants = [...new Set(keys)].map((key) => {
        const total = totals.find((t) => t.variant === key);
        const converted = (total?.purchases ?? 0) + (total?.trials ?? 0);
        const users = total?.unique_users ?? 0;
        return {
          key,
          paywall_id: campaign.variants.find((v) => v.key === key)?.paywall_id ?? null,
          impressions: total?.impressions ?? 0,
          unique_users: users,
          purchases: total?.purchases ?? 0,
          trials: total?.trials ?? 0,
          revenue_usd_micros: total?.revenue_usd_micros ?? 0,
          conversion_rate: users === 0 ? 0 : converted / users,
        };
      });
      return {
        campaign_id: campaign.id,
        from,
        to,
        attribution_window_hours: campaign.attribution_window_hours,
        variants,
        days,
      };
    },
  );
}
