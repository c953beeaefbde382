export { amplitudeRequests, amplitudeTestRequest } from './amplitude.js';
export { amplitudeVerdict } from './amplitude-verdict.js';
export type { Destinations } from './destinations.js';
export { mparticleRequests, mparticleTestRequest } from './mparticle.js';
export { mparticleVerdict } from './mparticle-verdict.js';
export { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './retry.js';
export { sendRequest } from './send.js';
export type {
  AmplitudeSettings,
  IdChoice,
  MparticleSettings,
  OutgoingEvent,
  OutgoingRequest,
  PreparedRequest,
  Response,
  Skipped,
  Verdict,
  WebhookSettings,
} from './types.js';
export { webhookVerdict } from './webhook-verdict.js';
export { newWebhookSecret, webhookRequest, webhookTestRequest } from './webhooks.js';
