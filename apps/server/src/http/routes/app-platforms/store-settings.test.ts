import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { anApp, anAppPlatform } from '../../../testing/catalog-builders.js';
import { countRows, useTestServer } from '../../../testing/test-server.js';
import { googleKeyContext } from '../../../use-cases/store-settings.js';

const api = useTestServer();
let app: { id: string };

beforeAll(async () => {
  app = await anApp(api.client);
});

const KEY_CLIENT_EMAIL = 'play-reader@tollgate-test.iam.gserviceaccount.com';
const PUSH_SERVICE_ACCOUNT = 'pubsub-push@tollgate-test.iam.gserviceaccount.com';
const PUSH_AUDIENCE = 'https://tollgate.example.com/play-push';

const privateKey = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

/** A service-account key file as Google Cloud hands it out. */
const KEY_FILE = JSON.stringify({
  type: 'service_account',
  project_id: 'tollgate-test',
  private_key_id: '0123456789abcdef0123456789abcdef01234567',
  private_key: privateKey,
  client_email: KEY_CLIENT_EMAIL,
  client_id: '100000000000000000001',
  token_uri: 'https://oauth2.googleapis.com/token',
});

/** Pieces of the key that must never leave the server or rest in plaintext, in any encoding. */
const SECRET_PARTS = [
  KEY_CLIENT_EMAIL,
  ...privateKey
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('-----'))
    .slice(0, 3),
];

const platformsUrl = () => `/api/v1/apps/${app.id}/platforms`;
const platformUrl = (id: string) => `/api/v1/apps/${app.id}/platforms/${id}`;
const notificationUrl = (store: string, id: string) =>
  `${api.server.deps.publicUrl}/stores/${store}/${id}/notifications`;

function aGooglePlatform(google: Record<string, unknown> = {}) {
  return anAppPlatform(api.client, app.id, {
    store: 'google',
    google: {
      push_audience: PUSH_AUDIENCE,
      push_service_account: PUSH_SERVICE_ACCOUNT,
      service_account_key: KEY_FILE,
      ...google,
    },
  });
}

async function sealedKeyOf(appPlatformId: string): Promise<string | null> {
  const row = await api.server.database.db
    .selectFrom('app_platforms')
    .select('google_service_account_key_encrypted')
    .where('id', '=', appPlatformId)
    .executeTakeFirstOrThrow();
  return row.google_service_account_key_encrypted;
}

describe('App Store settings', () => {
  test("creates an App Store platform with the app's Apple ID and its notification URL", async () => {
    const response = await api.client.post(platformsUrl(), {
      name: 'iOS',
      store: 'apple',
      marketplace_app_id: 'com.example.settings1',
      apple: { app_apple_id: 1234567890 },
    });

    expect(response.statusCode, response.body).toBe(201);
    const platform = response.json();
    expect(platform.apple).toEqual({
      app_apple_id: 1234567890,
      notification_url: notificationUrl('apple', platform.id),
    });
    expect(platform.google).toBeNull();
    expect((await api.client.get(platformUrl(platform.id))).json()).toEqual(platform);
  });

  test('shows an App Store platform made without settings with no Apple ID', async () => {
    const platform = await anAppPlatform(api.client, app.id, { store: 'apple' });

    expect(platform.apple).toEqual({ app_apple_id: null, notification_url: notificationUrl('apple', platform.id) });
  });

  test.each([
    ['sets', null, 987654321],
    ['changes', 1234567890, 987654321],
    ['removes', 1234567890, null],
  ])('%s the Apple ID of a platform', async (_case, from, to) => {
    const platform = await anAppPlatform(api.client, app.id, { store: 'apple', apple: { app_apple_id: from } });

    const response = await api.client.patch(platformUrl(platform.id), { apple: { app_apple_id: to } });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().apple).toEqual({
      app_apple_id: to,
      notification_url: notificationUrl('apple', platform.id),
    });
    expect((await api.client.get(platformUrl(platform.id))).json().apple.app_apple_id).toBe(to);
  });

  test('keeps the Apple ID when a change does not name it', async () => {
    const platform = await anAppPlatform(api.client, app.id, { store: 'apple', apple: { app_apple_id: 1234567890 } });

    const response = await api.client.patch(platformUrl(platform.id), { name: 'Renamed', apple: {} });

    expect(response.json().apple.app_apple_id).toBe(1234567890);
  });

  test.each([
    ['0', 0],
    ['a negative number', -5],
    ['a fraction', 12.5],
    ['a string', '1234567890'],
    ['a boolean', true],
  ])('rejects an Apple ID of %s with 400 naming apple.app_apple_id, storing nothing', async (_case, value) => {
    const before = await countRows(api.server, 'app_platforms');

    const response = await api.client.post(platformsUrl(), {
      name: 'iOS',
      store: 'apple',
      marketplace_app_id: 'com.example.badid',
      apple: { app_apple_id: value },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ location: 'body', field: 'apple.app_apple_id' }),
    );
    expect(await countRows(api.server, 'app_platforms')).toBe(before);
  });

  test('rejects a change to an Apple ID of 0 with 400 naming apple.app_apple_id, changing nothing', async () => {
    const platform = await anAppPlatform(api.client, app.id, { store: 'apple', apple: { app_apple_id: 1234567890 } });

    const response = await api.client.patch(platformUrl(platform.id), { apple: { app_apple_id: 0 } });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ location: 'body', field: 'apple.app_apple_id' }),
    );
    expect((await api.client.get(platformUrl(platform.id))).json()).toEqual(platform);
  });
});

describe('Google Play settings', () => {
  test('creates a Google Play platform with its push audience, push service account and a stored key', async () => {
    const response = await api.client.post(platformsUrl(), {
      name: 'Android',
      store: 'google',
      marketplace_app_id: 'com.example.settings2',
      google: {
        push_audience: PUSH_AUDIENCE,
        push_service_account: PUSH_SERVICE_ACCOUNT,
        service_account_key: KEY_FILE,
      },
    });

    expect(response.statusCode, response.body).toBe(201);
    const platform = response.json();
    expect(platform.google).toEqual({
      push_audience: PUSH_AUDIENCE,
      push_service_account: PUSH_SERVICE_ACCOUNT,
      service_account_key_configured: true,
      notification_url: notificationUrl('google', platform.id),
    });
    expect(platform.apple).toBeNull();
  });

  test('uses the notification URL as the push audience until one is set, with no key', async () => {
    const platform = await anAppPlatform(api.client, app.id, { store: 'google' });

    expect(platform.google).toEqual({
      push_audience: notificationUrl('google', platform.id),
      push_service_account: null,
      service_account_key_configured: false,
      notification_url: notificationUrl('google', platform.id),
    });
  });

  test('goes back to the default push audience when it is set to null', async () => {
    const platform = await aGooglePlatform();

    const response = await api.client.patch(platformUrl(platform.id), { google: { push_audience: null } });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().google.push_audience).toBe(notificationUrl('google', platform.id));
  });

  test('adds a key to a platform that had none', async () => {
    const platform = await anAppPlatform(api.client, app.id, { store: 'google' });

    const response = await api.client.patch(platformUrl(platform.id), { google: { service_account_key: KEY_FILE } });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().google.service_account_key_configured).toBe(true);
    expect(await sealedKeyOf(platform.id)).not.toBeNull();
  });

  test('removes the key when it is set to null', async () => {
    const platform = await aGooglePlatform();

    const response = await api.client.patch(platformUrl(platform.id), { google: { service_account_key: null } });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().google).toMatchObject({
      service_account_key_configured: false,
      push_audience: PUSH_AUDIENCE,
      push_service_account: PUSH_SERVICE_ACCOUNT,
    });
    expect(await sealedKeyOf(platform.id)).toBeNull();
  });

  test('keeps the key when a change does not name it', async () => {
    const platform = await aGooglePlatform();
    const sealed = await sealedKeyOf(platform.id);

    const response = await api.client.patch(platformUrl(platform.id), {
      google: { push_service_account: 'other-push@tollgate-test.iam.gserviceaccount.com' },
    });

    expect(response.json().google.service_account_key_configured).toBe(true);
    expect(await sealedKeyOf(platform.id)).toBe(sealed);
  });

  describe('never shows the key', () => {
    const answers: Record<string, string> = {};

    beforeAll(async () => {
      const created = await api.client.post(platformsUrl(), {
        name: 'Android',
        store: 'google',
        marketplace_app_id: 'com.example.secret',
        google: { service_account_key: KEY_FILE, push_service_account: PUSH_SERVICE_ACCOUNT },
      });
      const id = created.json().id;
      answers.create = created.body;
      answers.patch = (
        await api.client.patch(platformUrl(id), { name: 'Android 2', google: { service_account_key: KEY_FILE } })
      ).body;
      answers.get = (await api.client.get(platformUrl(id))).body;
      answers.list = (await api.client.get(platformsUrl())).body;
    });

    test.each(['create', 'patch', 'get', 'list'])('in the answer to %s', (answer) => {
      const text = answers[answer] ?? '';

      expect(text).toContain('"service_account_key_configured":true');
      for (const secret of SECRET_PARTS) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain('service_account_key"');
    });
  });

  test('keeps the key sealed at rest, openable only for its own platform', async () => {
    const platform = await aGooglePlatform();
    const other = await aGooglePlatform();

    const sealed = (await sealedKeyOf(platform.id)) ?? '';

    const decoded = sealed.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1'));
    expect(sealed).not.toBe('');
    for (const secret of [...SECRET_PARTS, 'PRIVATE KEY', 'service_account']) {
      expect(sealed).not.toContain(secret);
      expect(decoded.join('\n')).not.toContain(secret);
    }
    expect(api.server.deps.secrets.open(sealed, googleKeyContext(platform.id))).toBe(KEY_FILE);
    expect(() => api.server.deps.secrets.open(sealed, googleKeyContext(other.id))).toThrow();
  });

  test.each([
    ['text that is not JSON', 'not a key file'],
    ['a JSON array', '[]'],
    ['JSON that is not an object', '"service_account"'],
    ['a user credential file', JSON.stringify({ type: 'authorized_user', client_id: 'x', refresh_token: 'y' })],
    [
      'a service account without its private key',
      JSON.stringify({ type: 'service_account', client_email: KEY_CLIENT_EMAIL }),
    ],
    ['a service account without its email', JSON.stringify({ type: 'service_account', private_key: privateKey })],
    ['a number', 42],
  ])(
    'rejects a key file that is %s with 400 naming google.service_account_key, storing nothing',
    async (_case, key) => {
      const before = await countRows(api.server, 'app_platforms');

      const response = await api.client.post(platformsUrl(), {
        name: 'Android',
        store: 'google',
        marketplace_app_id: 'com.example.badkey',
        google: { service_account_key: key },
      });

      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors).toContainEqual(
        expect.objectContaining({ location: 'body', field: 'google.service_account_key' }),
      );
      expect(await countRows(api.server, 'app_platforms')).toBe(before);
    },
  );

  test('rejects a change to a key file that is not JSON with 400, keeping the stored key', async () => {
    const platform = await aGooglePlatform();
    const sealed = await sealedKeyOf(platform.id);

    const response = await api.client.patch(platformUrl(platform.id), { google: { service_account_key: '{' } });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(
      expect.objectContaining({ location: 'body', field: 'google.service_account_key' }),
    );
    expect(await sealedKeyOf(platform.id)).toBe(sealed);
  });

  test.each([
    ['a push audience that is not a URL', { push_audience: 'my audience' }, 'google.push_audience'],
    [
      'a push service account that is not an email',
      { push_service_account: 'pubsub-push' },
      'google.push_service_account',
    ],
    ['an unknown Google setting', { package_name: 'com.example' }, 'google.package_name'],
  ])('rejects %s with 400 naming %s', async (_case, google, field) => {
    const platform = await aGooglePlatform();

    const response = await api.client.patch(platformUrl(platform.id), { google });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect((await api.client.get(platformUrl(platform.id))).json()).toEqual(platform);
  });
});

describe("settings for another store's platform", () => {
  test.each([
    ['apple', 'google', { apple: { app_apple_id: 1234567890 } }],
    ['apple', 'roku', { apple: { app_apple_id: 1234567890 } }],
    ['google', 'apple', { google: { push_audience: PUSH_AUDIENCE } }],
    ['google', 'apple', { google: { service_account_key: KEY_FILE } }],
  ])(
    'rejects %s settings on a new %s platform with 422 settings_for_other_store, storing nothing',
    async (field, store, settings) => {
      const before = await countRows(api.server, 'app_platforms');

      const response = await api.client.post(platformsUrl(), {
        name: 'Wrong',
        store,
        marketplace_app_id: 'com.example.wrongstore',
        ...settings,
      });

      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        status: 422,
        code: 'settings_for_other_store',
        errors: [{ location: 'body', field, message: expect.any(String) }],
      });
      expect(await countRows(api.server, 'app_platforms')).toBe(before);
    },
  );

  test.each([
    ['apple', 'google', { apple: { app_apple_id: 1234567890 } }],
    ['google', 'apple', { google: { service_account_key: KEY_FILE } }],
  ])('rejects %s settings in a change to a %s platform with 422, changing nothing', async (field, store, settings) => {
    const platform = await anAppPlatform(api.client, app.id, { store });

    const response = await api.client.patch(platformUrl(platform.id), { name: 'Renamed', ...settings });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'settings_for_other_store',
      errors: [{ location: 'body', field, message: expect.any(String) }],
    });
    expect((await api.client.get(platformUrl(platform.id))).json()).toEqual(platform);
    expect(await sealedKeyOf(platform.id)).toBeNull();
  });
});
