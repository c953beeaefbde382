import {
  amplitudeRequests,
  amplitudeTestRequest,
  amplitudeVerdict,
  mparticleRequests,
  mparticleTestRequest,
  mparticleVerdict,
  type OutgoingEvent,
  type PreparedRequest,
  type Response,
  type Skipped,
  type Verdict,
  webhookRequest,
  webhookTestRequest,
  webhookVerdict,
} from '@tollgate/integrations';
import type { SendableIntegration } from '../queries/sendable-integration.js';

/** The requests that carry these events to the integration, and the events it cannot take. */
export function prepareRequests(
  integration: SendableIntegration,
  events: OutgoingEvent[],
  now: Date,
): { requests: PreparedRequest[]; skipped: Skipped[] } {
  switch (integration.kind) {
    case 'amplitude':
      return amplitudeRequests(events, integration.settings);
    case 'mparticle':
      return mparticleRequests(events, integration.settings);
    case 'webhook':
      return { requests: events.map((event) => webhookRequest(event, integration.settings, now)), skipped: [] };
  }
}

export function verdictOn(kind: SendableIntegration['kind'], response: Response, request: PreparedRequest): Verdict {
  switch (kind) {
    case 'amplitude':
      return amplitudeVerdict(response, request);
    case 'mparticle':
      return mparticleVerdict(response, request);
    case 'webhook':
      return webhookVerdict(response);
  }
}

/** A harmless event of the integration's kind, for "send test event". */
export function testRequest(integration: SendableIntegration, now: Date): PreparedRequest {
  switch (integration.kind) {
    case 'amplitude':
      return amplitudeTestRequest(integration.settings, now);
    case 'mparticle':
      return mparticleTestRequest(integration.settings, now);
    case 'webhook':
      return webhookTestRequest(integration.settings, now);
  }
}
