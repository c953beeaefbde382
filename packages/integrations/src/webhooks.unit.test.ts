import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { APP_ID, CREATED, outgoingEvent, uuid } from './testing/events.js';
import { answered, REFUSED, TIMEOUT } from './testing/responses.js';
import type { OutgoingRequest, Response, Verdict, WebhookSettings } from './types.js';
import { webhookVerdict } from './webhook-verdict.js';
import { newWebhookSecret, webhookRequest, webhookTestRequest } from './webhooks.js';

const KEY = Buffer.alloc(32, 7);
const settings: WebhookSettings = {
  integrationId: '0193f0bb-0000-7000-8000-0000000000cc',
  url: 'https://hooks.example.com/tollgate',
  authorization: null,
  signingSecret: `whsec_${KEY.toString('base64')}`,
};
const NOW = new Date('2026-03-01T12:00:00.250Z');

/** The receiver's check, written from the Standard Webhooks spec, not from our signer. */
function verifies(request: OutgoingRequest, secret: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature } = request.headers;
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest('base64');
  return (signature ?? '').split(' ').includes(`v1,${expected}`);
}

describe('webhookRequest', () => {
  test('the body: our envelope around the stored payload', () => {
    const event = outgoingEvent('user.subscription.renewed');
    const { request, eventIds } = webhookRequest(event, settings, NOW);
    expect(eventIds).toEqual([event.id]);
    expect(request.url).toBe(settings.url);
    expect(JSON.parse(request.body)).toEqual({
      id: `evt_${uuid(1)}`,
      type: 'user.subscription.renewed',
      api_version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      created: CREATED,
      environment: 'production',
      app_id: APP_ID,
      data: event.payload,
    });
  });

  test('signed the Standard Webhooks way, webhook-id equal to the body id', () => {
    const { request } = webhookRequest(outgoingEvent('device.impression'), settings, NOW);
    expect(request.headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'Tollgate-Webhooks',
      'webhook-id': `evt_${uuid(1)}`,
      'webhook-timestamp': String(Math.floor(NOW.getTime() / 1000)),
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
    });
    expect(request.headers['webhook-id']).toBe((JSON.parse(request.body) as { id: string }).id);
    expect(verifies(request, settings.signingSecret)).toBe(true);
    expect(verifies(request, `whsec_${Buffer.alloc(32, 8).toString('base64')}`)).toBe(false);
    expect(verifies({ ...request, body: request.body.replace('apple', 'google') }, settings.signingSecret)).toBe(false);
  });

  test('after a rotation: one signature per secret, the new one first, each verifying alone', () => {
    const previous = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const { request } = webhookRequest(
      outgoingEvent('device.impression'),
      { ...settings, previousSigningSecret: previous },
      NOW,
    );

    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$/);
    expect([verifies(request, settings.signingSecret), verifies(request, previous)]).toEqual([true, true]);
    expect(request.headers['webhook-signature']?.split(' ')[0]).toBe(
      webhookRequest(outgoingEvent('device.impression'), settings, NOW).request.headers['webhook-signature'],
    );
  });

  test('a retry keeps the id and body, with a new timestamp and signature', () => {
    const event = outgoingEvent('device.impression');
    const first = webhookRequest(event, settings, NOW).request;
    const retry = webhookRequest(event, settings, new Date(NOW.getTime() + 5000)).request;
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(retry.body).toBe(first.body);
    expect(retry.headers['webhook-timestamp']).not.toBe(first.headers['webhook-timestamp']);
    expect(retry.headers['webhook-signature']).not.toBe(first.headers['webhook-signature']);
    expect(verifies(retry, settings.signingSecret)).toBe(true);
  });

  test('sends the Authorization value verbatim when set', () => {
    const { request } = webhookRequest(
      outgoingEvent('device.impression'),
      { ...settings, authorization: 'Bearer s3cr3t' },
      NOW,
    );
    expect(request.headers.authorization).toBe('Bearer s3cr3t');
  });

  test.each([
    ['production', 'production'],
    ['sandbox', 'sandbox'],
    ['nami_bypass_store', 'sandbox'],
  ] as const)('a %s purchase is a %s event', (environment, expected) => {
    const { request } = webhookRequest(outgoingEvent('user.subscription.purchased', { environment }), settings, NOW);
    expect(JSON.parse(request.body)).toMatchObject({ environment: expected });
  });
});

describe('webhookTestRequest', () => {
  test('a signed test event, new for each test', () => {
    const { request, eventIds } = webhookTestRequest(settings, NOW);
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(eventIds).toEqual([]);
    expect(body).toMatchObject({ type: 'test', created: NOW.toISOString() });
    expect(body.id).toMatch(/^evt_[0-9a-f-]{36}$/);
    expect(request.headers['webhook-id']).toBe(body.id);
    expect(verifies(request, settings.signingSecret)).toBe(true);
    const later = webhookTestRequest(settings, new Date(NOW.getTime() + 1000)).request;
    expect(later.headers['webhook-id']).not.toBe(body.id);
  });
});

describe('newWebhookSecret', () => {
  test('whsec_ and the bytes in base64, usable as a signing secret', () => {
    const secret = newWebhookSecret(new Uint8Array(KEY));
    expect(secret).toBe(settings.signingSecret);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toEqual(KEY);
  });
});

describe('webhookVerdict', () => {
  test.each<[string, Response, Verdict]>([
    ['200', answered(200, 'ok'), { kind: 'delivered' }],
    ['204', answered(204), { kind: 'delivered' }],
    ['410', answered(410), { kind: 'pause', reason: expect.stringContaining('410 Gone') }],
    [
      '429 with Retry-After',
      answered(429, '', { 'retry-after': '90' }),
      { kind: 'retry', reason: 'the endpoint answered 429', afterMs: 90_000, throttled: true },
    ],
    [
      '429 without',
      answered(429),
      { kind: 'retry', reason: 'the endpoint answered 429', afterMs: null, throttled: true },
    ],
    [
      '503 with a Retry-After over an hour: capped',
      answered(503, 'down', { 'retry-after': '86400' }),
      { kind: 'retry', reason: 'the endpoint answered 503: down', afterMs: 3_600_000, throttled: false },
    ],
    [
      '301: not followed, a failed attempt',
      answered(301, '', { location: 'https://elsewhere.example.com/' }),
      {
        kind: 'retry',
        reason: 'the endpoint answered 301 to https://elsewhere.example.com/ (redirects are not followed)',
        afterMs: null,
        throttled: false,
      },
    ],
    [
      '400',
      answered(400, 'nope'),
      { kind: 'retry', reason: 'the endpoint answered 400: nope', afterMs: null, throttled: false },
    ],
    ['404', answered(404), { kind: 'retry', reason: 'the endpoint answered 404', afterMs: null, throttled: false }],
    ['500', answered(500), { kind: 'retry', reason: 'the endpoint answered 500', afterMs: null, throttled: false }],
    [
      'timeout',
      TIMEOUT,
      { kind: 'retry', reason: 'the endpoint did not answer in time', afterMs: null, throttled: false },
    ],
    [
      'connection refused',
      REFUSED,
      { kind: 'retry', reason: expect.stringContaining('ECONNREFUSED'), afterMs: null, throttled: false },
    ],
  ])('%s', (_, response, verdict) => {
    expect(webhookVerdict(response)).toEqual(verdict);
  });
});
