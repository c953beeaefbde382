import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { setExchangeRates } from '../../../use-cases/set-exchange-rates.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { currency } from './exchange-rate-schema.js';

export function setExchangeRatesRoute(http: HttpApp, deps: Deps): void {
  http.put(
    '/exchange-rates',
    {
      schema: {
        operationId: 'setExchangeRates',
        tags: ['Exchange rates'],
        summary: "Add or change the organization's own USD rates",
        description:
          'Each rate is in effect from its day until a later one; the organization’s rates take precedence over the ' +
          'shipped ones. Revenue booked afterwards is valued with them, and revenue that had no value for want of ' +
          'a rate gets one now. Revenue already valued keeps its value.',
        body: z.strictObject({
          rates: z
            .array(z.strictObject({ currency, day: z.iso.date(), usd_per_unit: z.number().positive().max(1_000_000) }))
            .min(1)
            .max(1000),
        }),
        response: {
          200: z.object({ rates: z.int(), revenue_valued: z.int().describe('Revenue rows that got a USD value') }),
          ...problemResponses(400, 401, 413, 415),
        },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);

      const result = await setExchangeRates(deps, {
        orgId,
        rates: request.body.rates.map((rate) => ({
          currency: rate.currency,
          day: rate.day,
          usdPerUnit: rate.usd_per_unit,
        })),
      });

      return { rates: result.rates, revenue_valued: result.revenueValued };
    },
  );
}
