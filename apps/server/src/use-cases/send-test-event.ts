import type { OutgoingRequest, Response, Verdict } from '@tollgate/integrations';
import type { Deps } from '../deps.js';
import { testRequest, verdictOn } from '../integrations/vendors.js';
import { sendableIntegration } from '../queries/sendable-integration.js';
import { answerColumns, attemptOutcome } from './record-delivery-outcome.js';

export type SendTestEventResult =
  | { outcome: 'sent'; verdict: Verdict; response: Response }
  | { outcome: 'integration_not_found' };

/**
 * "Send test event": a harmless event of the integration's kind, sent now whatever its
 * state (enabled or not, paused or not), answered with what the vendor said, and kept in
 * its delivery log. It changes no delivery and never pauses the integration.
 */
export async function sendTestEvent(
  deps: Deps,
  input: { appId: string; integrationId: string; send: (request: OutgoingRequest) => Promise<Response> },
): Promise<SendTestEventResult> {
  const integration = await sendableIntegration(deps, input.appId, input.integrationId);
  if (!integration) {
    return { outcome: 'integration_not_found' };
  }
  const prepared = testRequest(integration, deps.now());
  const response = await input.send(prepared.request);
  const verdict = verdictOn(integration.kind, response, prepared);
  await deps.db
    .insertInto('delivery_attempts')
    .values({
      app_id: input.appId,
      id: deps.newId(),
      integration_id: input.integrationId,
      event_ids: prepared.eventIds,
      is_test: true,
      attempted_at: deps.now(),
      ...answerColumns(response),
      outcome: attemptOutcome(verdict),
      detail: verdict.kind === 'delivered' ? null : verdict.reason,
    })
    .execute();
  return { outcome: 'sent', verdict, response };
}
