import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { aDevice, anSdkApp, deviceRow, type SdkPlatform, userRow } from '../../../testing/sdk-client.js';
import { countRows, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let ios: SdkPlatform;
let android: SdkPlatform;

beforeAll(async () => {
  [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
});

const fullInfo = {
  os: 'ios',
  os_version: '18.2',
  model: 'iPhone16,2',
  language: 'pt-BR',
  country: 'BR',
  sdk_version: '1.0.0',
  app_version: '4.2.0',
};

/** Every column of `devices`: what a device says of itself, and nothing that names a person. */
const DEVICE_COLUMNS = [
  'app_id',
  'app_platform_id',
  'app_version',
  'country',
  'created_at',
  'id',
  'language',
  'last_seen_at',
  'model',
  'os',
  'os_version',
  'sdk_version',
  'sessions_with_user',
  'updated_at',
  'user_id',
];

describe('registering a device', () => {
  test('creates the device with an anonymous user of its own and answers 201', async () => {
    const deviceId = randomUUID();

    const response = await ios.sdk.put(`/devices/${deviceId}`, fullInfo);

    expect(response.statusCode, response.body).toBe(201);
    const { user_id: userId } = response.json();
    expect(response.json()).toEqual({ device_id: deviceId, user_id: expect.any(String) });
    expect(await deviceRow(api.server, ios.appId, deviceId)).toMatchObject({
      ...fullInfo,
      app_platform_id: ios.platformId,
      user_id: userId,
      last_seen_at: null,
    });
    expect(await userRow(api.server, ios.appId, userId)).toMatchObject({
      external_id: null,
      sessions_count: 0,
      platforms: ['apple'],
    });
  });

  test('again answers 200 with the same user and updates what the device says of itself', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk, fullInfo);
    const usersBefore = await countRows(api.server, 'users');

    const response = await ios.sdk.put(`/devices/${deviceId}`, { os_version: '18.3', app_version: '4.3.0' });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ device_id: deviceId, user_id: userId });
    expect(await deviceRow(api.server, ios.appId, deviceId)).toMatchObject({
      ...fullInfo,
      os_version: '18.3',
      app_version: '4.3.0',
    });
    expect(await countRows(api.server, 'users')).toBe(usersBefore);
  });

  test('keeps no column that could hold an IP address, a name or an e-mail', async () => {
    const { deviceId } = await aDevice(ios.sdk, fullInfo);

    const row = await deviceRow(api.server, ios.appId, deviceId);

    expect(Object.keys(row).sort()).toEqual(DEVICE_COLUMNS);
  });

  test('refuses a device id of another app platform of the app with 409, changing nothing', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk, fullInfo);

    const response = await android.sdk.put(`/devices/${deviceId}`, { os: 'android' });

    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('device_of_another_platform');
    expect(await deviceRow(api.server, ios.appId, deviceId)).toMatchObject({
      os: 'ios',
      app_platform_id: ios.platformId,
      user_id: userId,
    });
  });
});

describe('registering a device with bad input', () => {
  test.each([
    ['a lower-case country', 'country', { country: 'us' }],
    ['a country name', 'country', { country: 'Brazil' }],
    ['a language that is no BCP 47 tag', 'language', { language: 'English' }],
    ['a language with an underscore', 'language', { language: 'pt_BR' }],
    ['an upper-case os', 'os', { os: 'iOS' }],
    ['an empty model', 'model', { model: '' }],
    ['a number for a version', 'os_version', { os_version: 18 }],
    ['an IP address', 'ip', { ip: '203.0.113.7' }],
    ['an e-mail', 'email', { email: 'ada@example.com' }],
    ['a name', 'name', { name: 'Ada’s iPhone' }],
  ])('refuses %s with 400 naming %s, and registers nothing', async (_case, field, info) => {
    const deviceId = randomUUID();
    const before = await countRows(api.server, 'devices');

    const response = await ios.sdk.put(`/devices/${deviceId}`, { os: 'ios', ...info });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await countRows(api.server, 'devices')).toBe(before);
  });

  test('refuses a device id that is not a UUID with 400 naming it', async () => {
    const response = await ios.sdk.put('/devices/my-phone', fullInfo);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'params', field: 'deviceId' }));
  });
});
