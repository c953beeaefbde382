import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform } from '../../../testing/catalog-builders.js';
import { countRows, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';
import {
  amplitudeBody,
  feedBody,
  integrationsUrl,
  integrationUrl,
  storedIntegration,
  webhookBody,
} from './integration-builders.js';

const api = useTestServer();
let app: { id: string };
let ios: { id: string };

beforeAll(async () => {
  app = await anApp(api.client);
  ios = await anAppPlatform(api.client, app.id);
});

const integrationCount = () => countRows(api.server, 'integrations');

async function anIntegration(appId: string, body: object): Promise<{ id: string }> {
  const response = await api.client.post(integrationsUrl(appId), body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

function expectProblem(response: LightMyRequestResponse, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json().status).toBe(status);
}

const without = (body: Record<string, unknown>, field: string) => {
  const { [field]: _gone, ...rest } = body;
  return rest;
};

describe('creating an integration with bad input', () => {
  test.each<[string, () => object, string]>([
    ['no kind', () => without(amplitudeBody(), 'kind'), 'kind'],
    ['a kind Tollgate does not know', () => amplitudeBody({ kind: 'segment' }), 'kind'],
    ['a body that is not an object', () => ['amplitude'], ''],
    ['no name', () => without(amplitudeBody(), 'name'), 'name'],
    ['a blank name', () => webhookBody({ name: '  ' }), 'name'],
    ['a name over 200 characters', () => feedBody(null, { name: 'x'.repeat(201) }), 'name'],
    ['an enabled that is not a boolean', () => amplitudeBody({ enabled: 'yes' }), 'enabled'],
    // Amplitude
    ['no Amplitude api_key', () => without(amplitudeBody(), 'api_key'), 'api_key'],
    ['an empty api_key', () => amplitudeBody({ api_key: ' ' }), 'api_key'],
    ['an api_key with a line break', () => amplitudeBody({ api_key: 'abc\r\nX-Injected: 1' }), 'api_key'],
    ['an api_key that is not a string', () => amplitudeBody({ api_key: 1234 }), 'api_key'],
    ['an empty secret_key', () => amplitudeBody({ secret_key: '' }), 'secret_key'],
    ['an endpoint that is not a URL', () => amplitudeBody({ endpoint: 'api2.amplitude.com' }), 'endpoint'],
    ['an endpoint that is not http(s)', () => amplitudeBody({ endpoint: 'ftp://api2.amplitude.com/2' }), 'endpoint'],
    ['a user_id choice Tollgate does not know', () => amplitudeBody({ user_id: 'email' }), 'user_id'],
    ['no event types', () => amplitudeBody({ event_types: [] }), 'event_types'],
    ['event types that are not a list', () => amplitudeBody({ event_types: 'device.impression' }), 'event_types'],
    [
      'an event type Amplitude does not take',
      () => amplitudeBody({ event_types: ['device.session.start'] }),
      'event_types.0',
    ],
    [
      'an unknown event type',
      () => amplitudeBody({ event_types: ['device.impression', 'user.login'] }),
      'event_types.1',
    ],
    // mParticle
    [
      'a selected_platform feed without its platform',
      () => without(feedBody(ios.id), 'app_platform_id'),
      'app_platform_id',
    ],
    ['a legacy feed with a platform', () => feedBody(null, { app_platform_id: ios.id }), 'app_platform_id'],
    ['a malformed app_platform_id', () => feedBody('ios'), 'app_platform_id'],
    ['a mode Tollgate does not know', () => feedBody(ios.id, { mode: 'some_platforms' }), 'mode'],
    ['no feed key', () => without(feedBody(ios.id), 'key'), 'key'],
    ['no feed secret', () => without(feedBody(ios.id), 'secret'), 'secret'],
    ['a base_url that is not a URL', () => feedBody(ios.id, { base_url: 's2s.mparticle.com' }), 'base_url'],
    ['a customer_id choice Tollgate does not know', () => feedBody(ios.id, { customer_id: 'mpid' }), 'customer_id'],
    [
      'an event type mParticle does not take',
      () => feedBody(ios.id, { event_types: ['purchase.updated'] }),
      'event_types.0',
    ],
    // webhooks
    ['no webhook url', () => without(webhookBody(), 'url'), 'url'],
    ['a url that is not a URL', () => webhookBody({ url: 'hooks.example.com' }), 'url'],
    ['a javascript: url', () => webhookBody({ url: 'javascript:alert(1)' }), 'url'],
    ['a url with credentials in it', () => webhookBody({ url: 'https://user:pw@hooks.example.com/' }), 'url'],
    ['a url over 2000 characters', () => webhookBody({ url: `https://hooks.example.com/${'x'.repeat(2000)}` }), 'url'],
    ['an empty authorization', () => webhookBody({ authorization: '' }), 'authorization'],
    ['an authorization with a line break', () => webhookBody({ authorization: 'Bearer a\nb' }), 'authorization'],
    ['an event type no one emits', () => webhookBody({ event_types: ['user.subscription.upgraded'] }), 'event_types.0'],
    ['no webhook event types', () => webhookBody({ event_types: [] }), 'event_types'],
  ])('rejects %s with 400 naming %s, and stores nothing', async (_case, body, field) => {
    const before = await integrationCount();

    const response = await api.client.post(integrationsUrl(app.id), body());

    expectProblem(response, 400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await integrationCount()).toBe(before);
  });

  test.each<[string, () => object, string]>([
    ['a signing secret of its own', () => webhookBody({ signing_secret: 'whsec_bWluZQ==' }), 'signing_secret'],
    ['a webhook url on an Amplitude integration', () => amplitudeBody({ url: 'https://hooks.example.com' }), 'url'],
    ['an api_key on a webhook', () => webhookBody({ api_key: 'abc' }), 'api_key'],
    ['a status', () => amplitudeBody({ status: 'paused' }), 'status'],
    ['an id', () => feedBody(ios.id, { id: UNKNOWN_ID }), 'id'],
  ])('rejects %s as an unknown field, and stores nothing', async (_case, body, field) => {
    const before = await integrationCount();

    const response = await api.client.post(integrationsUrl(app.id), body());

    expectProblem(response, 400);
    expect(response.json().errors).toContainEqual({ location: 'body', field, message: 'Unknown field' });
    expect(await integrationCount()).toBe(before);
  });

  test('answers 404 app_not_found for an unknown app, and stores nothing', async () => {
    const before = await integrationCount();

    const response = await api.client.post(integrationsUrl(UNKNOWN_ID), webhookBody());

    expectProblem(response, 404);
    expect(response.json().code).toBe('app_not_found');
    expect(await integrationCount()).toBe(before);
  });
});

describe('one Amplitude integration per app, one mParticle feed per platform', () => {
  test('refuses a second Amplitude integration with 409, keeping the first', async () => {
    const own = await anApp(api.client);
    const first = await anIntegration(own.id, amplitudeBody());
    const stored = await storedIntegration(api.server, first.id);
    const before = await integrationCount();

    const response = await api.client.post(integrationsUrl(own.id), amplitudeBody({ name: 'Second' }));

    expectProblem(response, 409);
    expect(response.json()).toMatchObject({
      code: 'amplitude_integration_exists',
      errors: [{ location: 'body', field: 'kind', message: expect.any(String) }],
    });
    expect(await integrationCount()).toBe(before);
    expect(await storedIntegration(api.server, first.id)).toEqual(stored);
  });

  test('refuses a second feed for the same platform with 409 naming app_platform_id', async () => {
    const own = await anApp(api.client);
    const platform = await anAppPlatform(api.client, own.id);
    await anIntegration(own.id, feedBody(platform.id));
    const before = await integrationCount();

    const response = await api.client.post(integrationsUrl(own.id), feedBody(platform.id, { name: 'Again' }));

    expectProblem(response, 409);
    expect(response.json()).toMatchObject({
      code: 'mparticle_feed_exists',
      errors: [{ location: 'body', field: 'app_platform_id', message: expect.any(String) }],
    });
    expect(await integrationCount()).toBe(before);
  });

  test('refuses a second legacy all-platforms feed with 409', async () => {
    const own = await anApp(api.client);
    await anIntegration(own.id, feedBody(null));
    const before = await integrationCount();

    const response = await api.client.post(integrationsUrl(own.id), feedBody(null, { name: 'Again' }));

    expectProblem(response, 409);
    expect(response.json()).toMatchObject({
      code: 'mparticle_feed_exists',
      errors: [{ location: 'body', field: 'app_platform_id', message: expect.stringMatching(/legacy/) }],
    });
    expect(await integrationCount()).toBe(before);
  });

  test.each([
    ['an unknown platform', () => UNKNOWN_ID],
    ["another app's platform", async () => (await anAppPlatform(api.client, (await anApp(api.client)).id)).id],
  ])('refuses a feed for %s with 422 naming app_platform_id, storing nothing', async (_case, platformId) => {
    const id = await platformId();
    const before = await integrationCount();

    const response = await api.client.post(integrationsUrl(app.id), feedBody(id));

    expectProblem(response, 422);
    expect(response.json()).toMatchObject({
      code: 'unknown_app_platform',
      errors: [{ location: 'body', field: 'app_platform_id', message: expect.any(String) }],
    });
    expect(await integrationCount()).toBe(before);
  });
});

describe('changing an integration with bad input', () => {
  const bodies = { amplitude: () => amplitudeBody(), webhook: () => webhookBody(), mparticle: () => feedBody(null) };

  test.each<[keyof typeof bodies, object, string, string?]>([
    ['amplitude', { kind: 'webhook' }, 'kind', 'Unknown field'],
    ['webhook', { kind: 'webhook', name: 'Same kind' }, 'kind', 'Unknown field'],
    ['amplitude', { url: 'https://hooks.example.com' }, 'url', 'Not a field of Amplitude integrations'],
    ['amplitude', { key: 'feed-key' }, 'key', 'Not a field of Amplitude integrations'],
    ['mparticle', { authorization: 'Bearer x' }, 'authorization', 'Not a field of mParticle integrations'],
    ['webhook', { api_key: 'amp' }, 'api_key', 'Not a field of webhook integrations'],
    ['webhook', { signing_secret: 'whsec_bWluZQ==' }, 'signing_secret', 'Unknown field'],
    ['webhook', { colour: 'red' }, 'colour', 'Unknown field'],
    ['amplitude', { event_types: ['device.session.end'] }, 'event_types.0'],
    ['mparticle', { event_types: ['user.subscription.transferred.from'] }, 'event_types.0'],
    ['webhook', { event_types: [] }, 'event_types'],
    ['amplitude', { api_key: '' }, 'api_key'],
    ['amplitude', { api_key: null }, 'api_key'],
    ['amplitude', { endpoint: 'amplitude' }, 'endpoint'],
    ['mparticle', { mode: 'every_platform' }, 'mode'],
    ['mparticle', { secret: null }, 'secret'],
    ['webhook', { url: 'ftp://hooks.example.com' }, 'url'],
    ['webhook', { name: '' }, 'name'],
    ['webhook', { enabled: null }, 'enabled'],
    ['webhook', {}, ''],
  ])(
    'rejects a change to a %s integration of %j naming %s, and changes nothing',
    async (kind, change, field, message) => {
      const integration = await anIntegration((await anApp(api.client)).id, bodies[kind]());
      const stored = await storedIntegration(api.server, integration.id);

      const response = await api.client.patch(integrationUrl(stored.app_id, integration.id), change);

      expectProblem(response, 400);
      expect(response.json().code).toBe('validation_failed');
      expect(response.json().errors).toContainEqual(
        expect.objectContaining({ location: 'body', field, ...(message ? { message } : {}) }),
      );
      expect(await storedIntegration(api.server, integration.id)).toEqual(stored);
    },
  );

  test('refuses moving a feed onto a platform another feed serves with 409, and changes nothing', async () => {
    const own = await anApp(api.client);
    const first = await anAppPlatform(api.client, own.id);
    const second = await anAppPlatform(api.client, own.id);
    await anIntegration(own.id, feedBody(first.id));
    const mover = await anIntegration(own.id, feedBody(second.id));
    const stored = await storedIntegration(api.server, mover.id);

    const response = await api.client.patch(integrationUrl(own.id, mover.id), {
      name: 'Moved',
      app_platform_id: first.id,
    });

    expectProblem(response, 409);
    expect(response.json()).toMatchObject({ code: 'mparticle_feed_exists', errors: [{ field: 'app_platform_id' }] });
    expect(await storedIntegration(api.server, mover.id)).toEqual(stored);
  });

  test('refuses turning a feed into a second legacy feed with 409, and changes nothing', async () => {
    const own = await anApp(api.client);
    const platform = await anAppPlatform(api.client, own.id);
    await anIntegration(own.id, feedBody(null));
    const feed = await anIntegration(own.id, feedBody(platform.id));
    const stored = await storedIntegration(api.server, feed.id);

    const response = await api.client.patch(integrationUrl(own.id, feed.id), { mode: 'all_platforms' });

    expectProblem(response, 409);
    expect(response.json().code).toBe('mparticle_feed_exists');
    expect(await storedIntegration(api.server, feed.id)).toEqual(stored);
  });

  test.each<[string, (platforms: { mine: string; foreign: string }) => object, string, boolean]>([
    ['an unknown platform', () => ({ app_platform_id: UNKNOWN_ID }), 'unknown_app_platform', false],
    ["another app's platform", ({ foreign }) => ({ app_platform_id: foreign }), 'unknown_app_platform', false],
    ['a platform for a legacy feed', ({ mine }) => ({ app_platform_id: mine }), 'app_platform_for_legacy_feed', true],
    [
      'the legacy mode with a platform',
      ({ mine }) => ({ mode: 'all_platforms', app_platform_id: mine }),
      'app_platform_for_legacy_feed',
      false,
    ],
    [
      'a legacy feed on a platform it does not name',
      () => ({ mode: 'selected_platform' }),
      'app_platform_required',
      true,
    ],
  ])('refuses %s with 422 %s naming app_platform_id, and changes nothing', async (_case, change, code, legacy) => {
    const own = await anApp(api.client);
    const mine = (await anAppPlatform(api.client, own.id)).id;
    const foreign = (await anAppPlatform(api.client, app.id)).id;
    const feed = await anIntegration(own.id, feedBody(legacy ? null : mine));
    const stored = await storedIntegration(api.server, feed.id);

    const response = await api.client.patch(integrationUrl(own.id, feed.id), change({ mine, foreign }));

    expectProblem(response, 422);
    expect(response.json()).toMatchObject({ code, errors: [{ location: 'body', field: 'app_platform_id' }] });
    expect(await storedIntegration(api.server, feed.id)).toEqual(stored);
  });
});

describe('addressing integrations that are not there', () => {
  type Method = 'GET' | 'PATCH' | 'DELETE' | 'POST';
  const operations: [string, Method, string][] = [
    ['get', 'GET', ''],
    ['update', 'PATCH', ''],
    ['delete', 'DELETE', ''],
    ['resume', 'POST', '/resume'],
  ];
  const call = (method: Method, url: string) =>
    api.client.call({ method, url, ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}) });

  test.each(operations)(
    'answers %s of an unknown integration with 404 integration_not_found',
    async (_case, method, suffix) => {
      const before = await integrationCount();

      const response = await call(method, `${integrationUrl(app.id, UNKNOWN_ID)}${suffix}`);

      expectProblem(response, 404);
      expect(response.json().code).toBe('integration_not_found');
      expect(await integrationCount()).toBe(before);
    },
  );

  test.each(operations)('answers %s under an unknown app with 404 app_not_found', async (_case, method, suffix) => {
    const response = await call(method, `${integrationUrl(UNKNOWN_ID, UNKNOWN_ID)}${suffix}`);

    expectProblem(response, 404);
    expect(response.json().code).toBe('app_not_found');
  });

  test.each(operations)(
    "answers %s of another app's integration under this app's URL with 404, and leaves it as it was",
    async (_case, method, suffix) => {
      const other = await anApp(api.client);
      const foreign = await anIntegration(other.id, webhookBody());
      const stored = await storedIntegration(api.server, foreign.id);

      const response = await call(method, `${integrationUrl(app.id, foreign.id)}${suffix}`);

      expectProblem(response, 404);
      expect(response.json().code).toBe('integration_not_found');
      expect(await storedIntegration(api.server, foreign.id)).toEqual(stored);
    },
  );

  test.each(operations)(
    'answers %s of a malformed integration id with 400 naming integrationId',
    async (_case, method, suffix) => {
      const response = await call(method, `${integrationsUrl(app.id)}/42${suffix}`);

      expectProblem(response, 400);
      expect(response.json().errors).toContainEqual(
        expect.objectContaining({ location: 'params', field: 'integrationId' }),
      );
    },
  );

  test('rejects a list with a malformed cursor with 400 naming cursor', async () => {
    const response = await api.client.get(`${integrationsUrl(app.id)}?cursor=nope`);

    expectProblem(response, 400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ location: 'querystring', field: 'cursor' }),
    );
  });
});

describe('deleting an app platform that an mParticle feed serves', () => {
  test.each(['', '?force=true'])(
    'answers 409 app_platform_has_integrations naming the feed (%s), and deletes nothing',
    async (query) => {
      const own = await anApp(api.client);
      const platform = await anAppPlatform(api.client, own.id);
      const feed = await anIntegration(own.id, feedBody(platform.id, { name: 'iOS feed' }));

      const response = await api.client.delete(`/api/v1/apps/${own.id}/platforms/${platform.id}${query}`);

      expectProblem(response, 409);
      expect(response.json()).toMatchObject({
        code: 'app_platform_has_integrations',
        detail: expect.stringContaining('"iOS feed"'),
      });
      expect((await api.client.get(`/api/v1/apps/${own.id}/platforms/${platform.id}`)).statusCode).toBe(200);
      expect((await api.client.get(integrationUrl(own.id, feed.id))).statusCode).toBe(200);
    },
  );

  test('deletes the platform once its feed is gone, and a legacy feed does not hold it', async () => {
    const own = await anApp(api.client);
    const platform = await anAppPlatform(api.client, own.id);
    const feed = await anIntegration(own.id, feedBody(platform.id));
    await anIntegration(own.id, feedBody(null));

    await api.client.delete(integrationUrl(own.id, feed.id));
    const response = await api.client.delete(`/api/v1/apps/${own.id}/platforms/${platform.id}`);

    expect(response.statusCode, response.body).toBe(204);
  });
});
