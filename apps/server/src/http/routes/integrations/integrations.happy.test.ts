import { EVENT_TYPES } from '@tollgate/core';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, test } from 'vitest';
import { secretsContext } from '../../../integrations/stored.js';
import { anApp, anAppPlatform } from '../../../testing/catalog-builders.js';
import { countRows, useTestServer } from '../../../testing/test-server.js';
import {
  amplitudeBody,
  feedBody,
  integrationsUrl,
  integrationUrl,
  SECRETS,
  storedIntegration,
  webhookBody,
} from './integration-builders.js';
import { VENDOR_EVENT_TYPES } from './integration-schema.js';

const api = useTestServer();

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;
const hintOf = (secret: string) => `••••${secret.slice(-4)}`;

async function create(appId: string, body: object) {
  const response = await api.client.post(integrationsUrl(appId), body);
  expect(response.statusCode, response.body).toBe(201);
  const { signing_secret, ...integration } = response.json();
  return { integration, signingSecret: signing_secret as string | null };
}

/** What the secrets of an integration open to, with the key of the server that sealed them. */
async function openedSecrets(integrationId: string) {
  const row = await storedIntegration(api.server, integrationId);
  return JSON.parse(api.server.deps.secrets.open(row.secrets_sealed, secretsContext(integrationId)));
}

describe('an Amplitude integration', () => {
  test('is created with its settings, its secrets shown as hints, and reads back the same', async () => {
    const app = await anApp(api.client);

    const response = await api.client.post(
      integrationsUrl(app.id),
      amplitudeBody({
        name: 'Amplitude (production)',
        endpoint: 'https://api.eu.amplitude.com/2/httpapi',
        user_id: 'user_id',
        event_types: ['user.subscription.renewed', 'device.transaction'],
      }),
    );

    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toEqual({
      id: expect.any(String),
      app_id: app.id,
      kind: 'amplitude',
      name: 'Amplitude (production)',
      enabled: true,
      status: 'active',
      paused_reason: null,
      paused_at: null,
      event_types: ['device.transaction', 'user.subscription.renewed'],
      amplitude: {
        endpoint: 'https://api.eu.amplitude.com/2/httpapi',
        user_id: 'user_id',
        api_key: hintOf(SECRETS.apiKey),
        secret_key: hintOf(SECRETS.secretKey),
      },
      mparticle: null,
      webhook: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: created.created_at,
      signing_secret: null,
    });
    const { signing_secret: _none, ...integration } = created;
    expect((await api.client.get(integrationUrl(app.id, created.id))).json()).toEqual(integration);
    expect((await api.client.get(integrationsUrl(app.id))).json()).toEqual({ data: [integration], next_cursor: null });
  });

  test('defaults to enabled, the standard endpoint, the external id, all 13 events and no secret key', async () => {
    const app = await anApp(api.client);

    const { integration } = await create(app.id, { kind: 'amplitude', name: 'Amplitude', api_key: SECRETS.apiKey });

    expect(integration).toMatchObject({
      enabled: true,
      status: 'active',
      event_types: [...VENDOR_EVENT_TYPES],
      amplitude: {
        endpoint: 'https://api2.amplitude.com/2/httpapi',
        user_id: 'external_id',
        api_key: hintOf(SECRETS.apiKey),
        secret_key: null,
      },
    });
    expect(await openedSecrets(integration.id)).toEqual({ api_key: SECRETS.apiKey, secret_key: null });
  });

  test('changes the fields sent, keeping the secrets left out, and replaces the secrets given', async () => {
    const app = await anApp(api.client);
    const { integration } = await create(app.id, amplitudeBody());
    const sealed = (await storedIntegration(api.server, integration.id)).secrets_sealed;

    const renamed = await api.client.patch(integrationUrl(app.id, integration.id), {
      name: 'Amplitude EU',
      endpoint: 'https://api.eu.amplitude.com/2/httpapi',
      user_id: 'user_id',
      event_types: ['user.subscription.purchased'],
      enabled: false,
    });

    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({
      ...integration,
      name: 'Amplitude EU',
      enabled: false,
      status: 'disabled',
      event_types: ['user.subscription.purchased'],
      amplitude: { ...integration.amplitude, endpoint: 'https://api.eu.amplitude.com/2/httpapi', user_id: 'user_id' },
      updated_at: expect.stringMatching(TIMESTAMP),
    });
    expect((await storedIntegration(api.server, integration.id)).secrets_sealed).toBe(sealed);

    const rekeyed = await api.client.patch(integrationUrl(app.id, integration.id), {
      api_key: 'amp-new-api-key-99999999wxyz',
    });

    expect(rekeyed.statusCode, rekeyed.body).toBe(200);
    expect(rekeyed.json().amplitude).toMatchObject({ api_key: '••••wxyz', secret_key: hintOf(SECRETS.secretKey) });
    expect(await openedSecrets(integration.id)).toEqual({
      api_key: 'amp-new-api-key-99999999wxyz',
      secret_key: SECRETS.secretKey,
    });

    const unkeyed = await api.client.patch(integrationUrl(app.id, integration.id), { secret_key: null });

    expect(unkeyed.json().amplitude.secret_key).toBeNull();
    expect(await openedSecrets(integration.id)).toEqual({ api_key: 'amp-new-api-key-99999999wxyz', secret_key: null });
  });
});

describe('an mParticle feed', () => {
  test('serves one platform, with its defaults, and moves to another', async () => {
    const app = await anApp(api.client);
    const ios = await anAppPlatform(api.client, app.id, { store: 'apple' });
    const android = await anAppPlatform(api.client, app.id, { store: 'google' });

    const { integration, signingSecret } = await create(app.id, feedBody(ios.id));

    expect(signingSecret).toBeNull();
    expect(integration).toMatchObject({
      kind: 'mparticle',
      enabled: true,
      status: 'active',
      event_types: [...VENDOR_EVENT_TYPES],
      amplitude: null,
      webhook: null,
      mparticle: {
        mode: 'selected_platform',
        legacy: false,
        app_platform_id: ios.id,
        base_url: 'https://s2s.mparticle.com/v2',
        customer_id: 'external_id',
        key: hintOf(SECRETS.feedKey),
        secret: hintOf(SECRETS.feedSecret),
      },
    });

    const moved = await api.client.patch(integrationUrl(app.id, integration.id), {
      app_platform_id: android.id,
      base_url: 'https://s2s.eu1.mparticle.com/v2',
      customer_id: 'user_id',
    });

    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().mparticle).toEqual({
      ...integration.mparticle,
      app_platform_id: android.id,
      base_url: 'https://s2s.eu1.mparticle.com/v2',
      customer_id: 'user_id',
    });
    expect((await storedIntegration(api.server, integration.id)).app_platform_id).toBe(android.id);
  });

  test('takes one feed per platform, and feeds for several platforms side by side', async () => {
    const app = await anApp(api.client);
    const ios = await anAppPlatform(api.client, app.id, { store: 'apple' });
    const android = await anAppPlatform(api.client, app.id, { store: 'google' });

    await create(app.id, feedBody(ios.id, { name: 'iOS feed' }));
    await create(app.id, feedBody(android.id, { name: 'Android feed' }));

    const listed = (await api.client.get(integrationsUrl(app.id))).json().data;
    expect(listed.map((feed: { mparticle: { app_platform_id: string } }) => feed.mparticle.app_platform_id)).toEqual([
      ios.id,
      android.id,
    ]);
  });

  test('accepts the legacy all-platforms mode and marks it legacy', async () => {
    const app = await anApp(api.client);

    const { integration } = await create(app.id, feedBody(null));

    expect(integration.mparticle).toMatchObject({ mode: 'all_platforms', legacy: true, app_platform_id: null });
    expect((await storedIntegration(api.server, integration.id)).app_platform_id).toBeNull();
  });

  test('moves out of the legacy mode onto a platform, and back', async () => {
    const app = await anApp(api.client);
    const ios = await anAppPlatform(api.client, app.id);
    const { integration } = await create(app.id, feedBody(null));

    const selected = await api.client.patch(integrationUrl(app.id, integration.id), {
      mode: 'selected_platform',
      app_platform_id: ios.id,
    });
    expect(selected.statusCode, selected.body).toBe(200);
    expect(selected.json().mparticle).toMatchObject({
      mode: 'selected_platform',
      legacy: false,
      app_platform_id: ios.id,
    });

    const legacy = await api.client.patch(integrationUrl(app.id, integration.id), { mode: 'all_platforms' });
    expect(legacy.statusCode, legacy.body).toBe(200);
    expect(legacy.json().mparticle).toMatchObject({ mode: 'all_platforms', legacy: true, app_platform_id: null });
  });

  test('replaces the secret given and keeps the key', async () => {
    const app = await anApp(api.client);
    const ios = await anAppPlatform(api.client, app.id);
    const { integration } = await create(app.id, feedBody(ios.id));

    const response = await api.client.patch(integrationUrl(app.id, integration.id), {
      secret: 'rotated-feed-secret-00001111',
    });

    expect(response.json().mparticle).toMatchObject({ key: hintOf(SECRETS.feedKey), secret: '••••1111' });
    expect(await openedSecrets(integration.id)).toEqual({
      key: SECRETS.feedKey,
      secret: 'rotated-feed-secret-00001111',
    });
  });
});

describe('a webhook', () => {
  test('gets a signing secret made by Tollgate, shown whole in the answer to its creation only', async () => {
    const app = await anApp(api.client);

    const { integration, signingSecret } = await create(app.id, webhookBody());

    expect(signingSecret).toMatch(WEBHOOK_SECRET);
    const secret = String(signingSecret);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(integration).toMatchObject({
      kind: 'webhook',
      amplitude: null,
      mparticle: null,
      webhook: {
        url: 'https://hooks.example.com/tollgate',
        authorization: hintOf(SECRETS.authorization),
        signing_secret: hintOf(secret),
      },
    });
    expect(await openedSecrets(integration.id)).toEqual({
      signing_secret: secret,
      authorization: SECRETS.authorization,
    });
    const shown = [
      (await api.client.get(integrationUrl(app.id, integration.id))).body,
      (await api.client.get(integrationsUrl(app.id))).body,
      (await api.client.patch(integrationUrl(app.id, integration.id), { name: 'Renamed' })).body,
      (await api.client.post(`${integrationUrl(app.id, integration.id)}/resume`)).body,
    ];
    for (const body of shown) {
      expect(body).toContain(hintOf(secret));
      expect(body).not.toContain(secret);
      expect(body).not.toContain(secret.slice('whsec_'.length, -4));
    }
  });

  test('makes a new secret for every webhook', async () => {
    const app = await anApp(api.client);

    const secrets = [
      (await create(app.id, webhookBody())).signingSecret,
      (await create(app.id, webhookBody())).signingSecret,
      (await create(app.id, webhookBody())).signingSecret,
    ];

    expect(new Set(secrets).size).toBe(3);
  });

  test('takes every event type by default, and no authorization', async () => {
    const app = await anApp(api.client);

    const { integration } = await create(app.id, {
      kind: 'webhook',
      name: 'Everything',
      url: 'http://127.0.0.1:8765/hooks',
    });

    expect(integration.event_types).toEqual([...EVENT_TYPES]);
    expect(integration.enabled).toBe(true);
    expect(integration.webhook).toMatchObject({ url: 'http://127.0.0.1:8765/hooks', authorization: null });
  });

  test('moves to another URL, and its authorization can be replaced and removed, keeping its signing secret', async () => {
    const app = await anApp(api.client);
    const { integration, signingSecret } = await create(app.id, webhookBody());

    const moved = await api.client.patch(integrationUrl(app.id, integration.id), {
      url: 'https://other.example.com/in',
      authorization: 'Basic dXNlcjpwYXNzd29yZA==',
      event_types: ['device.session.start', 'user.subscription.transferred.to'],
    });

    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      event_types: ['device.session.start', 'user.subscription.transferred.to'],
      webhook: {
        url: 'https://other.example.com/in',
        authorization: '••••ZA==',
        signing_secret: integration.webhook.signing_secret,
      },
    });
    const removed = await api.client.patch(integrationUrl(app.id, integration.id), { authorization: null });
    expect(removed.json().webhook.authorization).toBeNull();
    expect(await openedSecrets(integration.id)).toEqual({ signing_secret: signingSecret, authorization: null });
  });
});

describe('any integration', () => {
  test('counts a repeated event type once and keeps the catalogue order', async () => {
    const app = await anApp(api.client);

    const { integration } = await create(
      app.id,
      webhookBody({ event_types: ['user.subscription.renewed', 'device.impression', 'user.subscription.renewed'] }),
    );

    expect(integration.event_types).toEqual(['device.impression', 'user.subscription.renewed']);
  });

  test('keeps its secrets sealed at rest: the column holds none of them, and opens for its own row only', async () => {
    const app = await anApp(api.client);
    const ios = await anAppPlatform(api.client, app.id);
    const amplitude = (await create(app.id, amplitudeBody())).integration;
    const feed = (await create(app.id, feedBody(ios.id))).integration;
    const { integration: webhook, signingSecret } = await create(app.id, webhookBody());

    const rows = await api.server.database.db
      .selectFrom('integrations')
      .selectAll()
      .where('app_id', '=', app.id)
      .execute();

    const stored = JSON.stringify(rows);
    for (const secret of [...Object.values(SECRETS), String(signingSecret)]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(Buffer.from(secret).toString('base64url'));
    }
    for (const row of rows) {
      expect(row.secrets_sealed).toMatch(/^v1\./);
    }
    const sealed = (await storedIntegration(api.server, amplitude.id)).secrets_sealed;
    expect(() => api.server.deps.secrets.open(sealed, secretsContext(feed.id))).toThrow();
    expect(() => api.server.deps.secrets.open(sealed, secretsContext(webhook.id))).toThrow();
  });

  test('shows a pause and its reason, and resuming clears the pause and any throttle', async () => {
    const app = await anApp(api.client);
    const { integration } = await create(app.id, amplitudeBody());
    const pausedAt = new Date('2026-01-02T03:04:05.678Z');
    await api.server.database.db
      .updateTable('integrations')
      .set({
        paused_at: pausedAt,
        paused_reason: 'Amplitude answered 401',
        throttled_until: new Date(Date.now() + 60_000),
      })
      .where('id', '=', integration.id)
      .execute();

    const paused = (await api.client.get(integrationUrl(app.id, integration.id))).json();
    expect(paused).toMatchObject({
      status: 'paused',
      paused_at: pausedAt.toISOString(),
      paused_reason: 'Amplitude answered 401',
    });

    const resumed = await api.client.post(`${integrationUrl(app.id, integration.id)}/resume`);

    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json()).toEqual({
      ...integration,
      status: 'active',
      paused_at: null,
      paused_reason: null,
      updated_at: expect.stringMatching(TIMESTAMP),
    });
    const row = await storedIntegration(api.server, integration.id);
    expect(row).toMatchObject({ paused_at: null, paused_reason: null, throttled_until: null });
  });

  test('resuming does not enable a disabled integration', async () => {
    const app = await anApp(api.client);
    const { integration } = await create(app.id, webhookBody({ enabled: false }));

    const resumed = await api.client.post(`${integrationUrl(app.id, integration.id)}/resume`);

    expect(resumed.json()).toMatchObject({ enabled: false, status: 'disabled' });
  });

  test('is deleted with its deliveries and its delivery log, and the others stay', async () => {
    const app = await anApp(api.client);
    const { integration: doomed } = await create(app.id, webhookBody());
    const { integration: kept } = await create(app.id, amplitudeBody());
    await aDeliveryWithAnAttempt(app.id, doomed.id);
    await aDeliveryWithAnAttempt(app.id, kept.id);
    const before = {
      deliveries: await countRows(api.server, 'deliveries'),
      attempts: await countRows(api.server, 'delivery_attempts'),
    };

    const response = await api.client.delete(integrationUrl(app.id, doomed.id));

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect((await api.client.get(integrationUrl(app.id, doomed.id))).statusCode).toBe(404);
    expect((await api.client.get(integrationUrl(app.id, kept.id))).json()).toEqual(kept);
    expect(await countRows(api.server, 'deliveries')).toBe(before.deliveries - 1);
    expect(await countRows(api.server, 'delivery_attempts')).toBe(before.attempts - 1);
  });

  test('a deleted Amplitude integration or feed makes room for a new one', async () => {
    const app = await anApp(api.client);
    const ios = await anAppPlatform(api.client, app.id);
    const amplitude = (await create(app.id, amplitudeBody())).integration;
    const feed = (await create(app.id, feedBody(ios.id))).integration;

    await api.client.delete(integrationUrl(app.id, amplitude.id));
    await api.client.delete(integrationUrl(app.id, feed.id));

    await create(app.id, amplitudeBody());
    await create(app.id, feedBody(ios.id));
  });
});

describe('deleting an app with force', () => {
  test('takes its integrations with its platforms, an mParticle feed included', async () => {
    const app = await anApp(api.client);
    const ios = await anAppPlatform(api.client, app.id);
    const { integration: feed } = await create(app.id, feedBody(ios.id));
    const integrationsBefore = await countRows(api.server, 'integrations');

    const response = await api.client.delete(`/api/v1/apps/${app.id}?force=true`);

    expect(response.statusCode, response.body).toBe(204);
    expect((await api.client.get(integrationUrl(app.id, feed.id))).statusCode).toBe(404);
    expect(await countRows(api.server, 'integrations')).toBe(integrationsBefore - 1);
  });
});

describe('listing integrations', () => {
  test('pages through them oldest first, every kind in one list', async () => {
    const app = await anApp(api.client);
    const ios = await anAppPlatform(api.client, app.id);
    const created = [
      (await create(app.id, amplitudeBody())).integration,
      (await create(app.id, feedBody(ios.id))).integration,
      (await create(app.id, webhookBody())).integration,
    ];

    const first = (await api.client.get(`${integrationsUrl(app.id)}?limit=2`)).json();
    const second = (await api.client.get(`${integrationsUrl(app.id)}?limit=2&cursor=${first.next_cursor}`)).json();

    expect(first.data).toEqual(created.slice(0, 2));
    expect(first.next_cursor).toEqual(expect.any(String));
    expect(second).toEqual({ data: created.slice(2), next_cursor: null });
  });

  test("lists an app's own integrations only", async () => {
    const app = await anApp(api.client);
    const other = await anApp(api.client);
    await create(other.id, webhookBody());

    const response = await api.client.get(integrationsUrl(app.id));

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ data: [], next_cursor: null });
  });
});

async function aDeliveryWithAnAttempt(appId: string, integrationId: string) {
  const db = api.server.database.db;
  const eventId = uuidv7();
  const now = new Date();
  await db
    .insertInto('deliveries')
    .values({
      app_id: appId,
      integration_id: integrationId,
      event_id: eventId,
      status: 'dead',
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('delivery_attempts')
    .values({
      app_id: appId,
      id: uuidv7(),
      integration_id: integrationId,
      event_ids: [eventId],
      attempted_at: now,
      duration_ms: 12,
      http_status: 500,
      outcome: 'retry',
      detail: null,
      response_excerpt: null,
    })
    .execute();
}
