import { sendRequest } from '@tollgate/integrations';
import type { Deps } from '../../../deps.js';
import { answerColumns } from '../../../use-cases/record-delivery-outcome.js';
import { sendTestEvent } from '../../../use-cases/send-test-event.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { integrationParams, testResult } from './delivery-schema.js';
import { integrationOf } from './integration-of.js';
import { integrationNotFound } from './problems.js';

/** An operator waits for the answer: shorter than the worker's timeout. */
const TEST_TIMEOUT_MS = 10_000;

export function sendTestEventRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/integrations/:integrationId/test',
    {
      schema: {
        operationId: 'sendTestEvent',
        tags: ['Integrations'],
        summary: 'Send a harmless test event now, and answer with what the vendor said',
        params: integrationParams,
        response: { 200: testResult, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const integration = await integrationOf(deps, principalOf(request), request.params);

      const result = await sendTestEvent(deps, {
        appId: integration.app_id,
        integrationId: integration.id,
        send: (outgoing) => sendRequest(outgoing, { timeoutMs: TEST_TIMEOUT_MS, destinations: deps.destinations }),
      });

      if (result.outcome === 'integration_not_found') {
        // Deleted between the two reads.
        throw integrationNotFound(integration.id);
      }
      const { verdict, response } = result;
      return {
        outcome: verdict.kind,
        detail: verdict.kind === 'delivered' ? null : verdict.reason,
        // What the log keeps of the answer, so the two always agree.
        ...answerColumns(response),
      };
    },
  );
}
