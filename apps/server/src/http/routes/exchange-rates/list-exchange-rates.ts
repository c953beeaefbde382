import { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { currentRates, rateHistory } from '../../../queries/exchange-rate-list.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { currency, rateSchema } from './exchange-rate-schema.js';

export function listExchangeRatesRoute(http: HttpApp, deps: Deps): void {
  http.get(
    '/exchange-rates',
    {
      schema: {
        operationId: 'listExchangeRates',
        tags: ['Exchange rates'],
        summary: 'The USD rates revenue is valued at: the latest per currency, or one currency’s history',
        querystring: z.strictObject({
          currency: currency.optional().describe('Every rate of this currency, newest first'),
        }),
        response: { 200: z.object({ data: z.array(rateSchema) }), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { currency: wanted } = request.query;

      const data = wanted ? await rateHistory(deps.db, orgId, wanted) : await currentRates(deps.db, orgId);

      return { data };
    },
  );
}
