import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { derivedUuid } from './derived-id.js';
import { environmentOf } from './event-fields.js';
import type { OutgoingEvent, PreparedRequest, WebhookSettings } from './types.js';

/** Pins the body's shape per endpoint: fields may be added under it, never removed or renamed. */
const API_VERSION = '2025-01-01';
const SECRET_PREFIX = 'whsec_';

/** One event, one signed POST: `webhook-id` is the body's id, the same on every retry and replay. */
export function webhookRequest(event: OutgoingEvent, settings: WebhookSettings, now: Date): PreparedRequest {
  const { payload } = event;
  const body = {
    id: `evt_${event.id}`,
    type: event.type,
    api_version: API_VERSION,
    created: new Date(payload.created_date).toISOString(),
    environment: environmentOf(payload),
    app_id: payload.app_id,
    data: payload,
  };
  return { request: signed(settings, body.id, JSON.stringify(body), now), eventIds: [event.id] };
}

/**
 * A `test` event for "send test event". Its id is new for each test (made from the time),
 * so a receiver that keeps seen ids takes every test. The settings know no app: `app_id` is null.
 */
export function webhookTestRequest(settings: WebhookSettings, now: Date): PreparedRequest {
  const id = `evt_${derivedUuid(settings.integrationId, 'test', String(now.getTime()))}`;
  const body = {
    id,
    type: 'test',
    api_version: API_VERSION,
    created: now.toISOString(),
    environment: 'sandbox',
    app_id: null,
    data: { message: 'A test event from Tollgate: this endpoint is set up to receive events.' },
  };
  return { request: signed(settings, id, JSON.stringify(body), now), eventIds: [] };
}

/** A Standard Webhooks secret from random bytes the caller draws (32 of them). */
export function newWebhookSecret(bytes: Uint8Array): string {
  return `${SECRET_PREFIX}${Buffer.from(bytes).toString('base64')}`;
}

/**
 * Standard Webhooks `v1`: HMAC-SHA256 of `id.timestamp.body`, keyed with the secret's decoded
 * bytes; after a rotation, one signature per secret, space-separated, the current one first.
 */
function signed(settings: WebhookSettings, id: string, body: string, now: Date) {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const secrets = [settings.signingSecret, settings.previousSigningSecret ?? null].filter(
    (secret): secret is string => secret !== null,
  );
  const signatures = secrets.map((secret) => `v1,${signature(secret, `${id}.${timestamp}.${body}`)}`);
  return {
    url: settings.url,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Tollgate-Webhooks',
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signatures.join(' '),
      ...(settings.authorization ? { authorization: settings.authorization } : {}),
    },
    body,
  };
}

function signature(secret: string, content: string): string {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return createHmac('sha256', Buffer.from(encoded, 'base64')).update(content).digest('base64');
}
