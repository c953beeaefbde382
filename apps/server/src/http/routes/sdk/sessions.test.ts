import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { eventsOf, schemaViolations } from '../../../testing/engine-readers.js';
import {
  aDevice,
  anSdkApp,
  deviceEventTypes,
  deviceRow,
  type SdkPlatform,
  userRow,
} from '../../../testing/sdk-client.js';
import { countRows, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let ios: SdkPlatform;
let android: SdkPlatform;

beforeAll(async () => {
  [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
});

const HOUR_MS = 3_600_000;
const hoursAgo = (n: number) => new Date(Date.now() - n * HOUR_MS);

describe('starting a session', () => {
  test('answers 201, counts it in the user’s summary, moves Last Seen and emits device.session.start', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    const startedAt = hoursAgo(2);
    const sessionId = randomUUID();

    const response = await ios.sdk.post(`/devices/${deviceId}/sessions`, {
      session_id: sessionId,
      started_at: startedAt.toISOString(),
    });

    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ outcome: 'started' });
    expect(await userRow(api.server, ios.appId, userId)).toMatchObject({
      sessions_count: 1,
      first_seen_at: startedAt,
      last_seen_at: startedAt,
    });
    expect((await deviceRow(api.server, ios.appId, deviceId)).last_seen_at).toEqual(startedAt);
    const events = await eventsOf(api.server, userId);
    expect(events.map((event) => event.type)).toEqual(['device.session.start']);
    expect(events[0]?.payload).toMatchObject({
      event_type: 'device.session.start',
      event_platform: 'apple',
      user_id: userId,
      device_id: deviceId,
      session: { id: sessionId, started_at: startedAt.toISOString(), ended_at: null },
    });
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });

  test('many at once, on two platforms and with one sent twice, each count once and emit one event', async () => {
    const devices = [
      ...(await Promise.all([aDevice(ios.sdk), aDevice(ios.sdk), aDevice(ios.sdk)])).map((d) => ({ ...d, on: ios })),
      ...(await Promise.all([aDevice(android.sdk), aDevice(android.sdk)])).map((d) => ({ ...d, on: android })),
    ];
    const starts = devices.flatMap((device) =>
      [3, 2, 1].map((hours) => ({ device, sessionId: randomUUID(), startedAt: hoursAgo(hours) })),
    );
    const twice = starts.at(-1) as (typeof starts)[number];

    const responses = await Promise.all(
      [...starts, twice].map(({ device, sessionId, startedAt }) =>
        device.on.sdk.post(`/devices/${device.deviceId}/sessions`, {
          session_id: sessionId,
          started_at: startedAt.toISOString(),
        }),
      ),
    );

    const outcomes = responses.map((response) => `${response.statusCode} ${response.json().outcome}`);
    expect(outcomes.filter((outcome) => outcome === '201 started')).toHaveLength(starts.length);
    expect(outcomes.filter((outcome) => outcome === '200 already_started')).toHaveLength(1);
    for (const device of devices) {
      expect(await userRow(api.server, device.on.appId, device.userId)).toMatchObject({
        sessions_count: 3,
        first_seen_at: starts.find((start) => start.device === device)?.startedAt,
        last_seen_at: starts.findLast((start) => start.device === device)?.startedAt,
      });
      const events = await eventsOf(api.server, device.userId);
      expect(events.map((event) => event.type)).toEqual(Array(3).fill('device.session.start'));
      expect(new Set(events.map((event) => JSON.stringify(event.payload.session))).size).toBe(3);
      expect(await schemaViolations(api.server, device.userId)).toEqual([]);
    }
  });

  test('the same start four times at once is one start, and a start beside them is answered as started', async () => {
    const [first, beside, { deviceId, userId }] = await Promise.all([
      aDevice(ios.sdk),
      aDevice(ios.sdk),
      aDevice(ios.sdk),
    ]);
    const session = { session_id: randomUUID() };

    // The first call runs alone; the others arrive while it does and go together.
    const [, besideResponse, ...copies] = await Promise.all([
      ios.sdk.post(`/devices/${first.deviceId}/sessions`, { session_id: randomUUID() }),
      ios.sdk.post(`/devices/${beside.deviceId}/sessions`, { session_id: randomUUID() }),
      ...[1, 2, 3, 4].map(() => ios.sdk.post(`/devices/${deviceId}/sessions`, session)),
    ]);

    expect(besideResponse?.statusCode, besideResponse?.body).toBe(201);
    expect(copies.map((response) => `${response.statusCode} ${response.json().outcome}`).sort()).toEqual([
      '200 already_started',
      '200 already_started',
      '200 already_started',
      '201 started',
    ]);
    expect((await userRow(api.server, ios.appId, userId)).sessions_count).toBe(1);
    expect(await deviceEventTypes(api.server, deviceId)).toEqual(['device.session.start']);
  });

  test('a later session moves Last Seen but keeps First Seen', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    const first = hoursAgo(5);
    const second = hoursAgo(1);
    await ios.sdk.post(`/devices/${deviceId}/sessions`, { session_id: randomUUID(), started_at: first.toISOString() });

    await ios.sdk.post(`/devices/${deviceId}/sessions`, { session_id: randomUUID(), started_at: second.toISOString() });

    expect(await userRow(api.server, ios.appId, userId)).toMatchObject({
      sessions_count: 2,
      first_seen_at: first,
      last_seen_at: second,
    });
  });

  test('with the server’s time when the device gives none', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    const before = Date.now();

    await ios.sdk.post(`/devices/${deviceId}/sessions`, { session_id: randomUUID() });

    const seen = (await userRow(api.server, ios.appId, userId)).last_seen_at;
    expect(seen?.getTime()).toBeGreaterThanOrEqual(before);
    expect(seen?.getTime()).toBeLessThanOrEqual(Date.now());
  });

  test('the same session id again answers 200 already_started and changes nothing', async () => {
    const { deviceId, userId } = await aDevice(ios.sdk);
    const session = { session_id: randomUUID(), started_at: hoursAgo(3).toISOString() };
    await ios.sdk.post(`/devices/${deviceId}/sessions`, session);
    const userBefore = await userRow(api.server, ios.appId, userId);
    const deviceBefore = await deviceRow(api.server, ios.appId, deviceId);
    const eventsBefore = await countRows(api.server, 'events');

    const response = await ios.sdk.post(`/devices/${deviceId}/sessions`, {
      ...session,
      started_at: hoursAgo(1).toISOString(),
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ outcome: 'already_started' });
    expect(await userRow(api.server, ios.appId, userId)).toEqual(userBefore);
    expect(await deviceRow(api.server, ios.appId, deviceId)).toEqual(deviceBefore);
    expect(await countRows(api.server, 'events')).toBe(eventsBefore);
  });

  test('sent again after the device signed in as someone else, is still already_started and counts once', async () => {
    const { deviceId, userId: anonymous } = await aDevice(ios.sdk);
    const session = { session_id: randomUUID() };
    await ios.sdk.post(`/devices/${deviceId}/sessions`, session);
    const login = await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: `member-${randomUUID()}` });
    const member = login.json<{ user_id: string }>().user_id;
    expect(member).not.toBe(anonymous);
    const eventsBefore = await countRows(api.server, 'events');

    const response = await ios.sdk.post(`/devices/${deviceId}/sessions`, session);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ outcome: 'already_started' });
    // Signing in took the session along; the retry adds nothing.
    expect((await userRow(api.server, ios.appId, anonymous)).sessions_count).toBe(0);
    expect((await userRow(api.server, ios.appId, member)).sessions_count).toBe(1);
    expect(await countRows(api.server, 'events')).toBe(eventsBefore);
  });

  test('answers 404 device_not_found for a device never registered', async () => {
    const response = await ios.sdk.post(`/devices/${randomUUID()}/sessions`, { session_id: randomUUID() });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('device_not_found');
  });

  test('answers 404 device_not_found for a device of another platform of the app', async () => {
    const { deviceId } = await aDevice(android.sdk);

    const response = await ios.sdk.post(`/devices/${deviceId}/sessions`, { session_id: randomUUID() });

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('device_not_found');
  });

  test.each([
    ['a session id that is not a UUID', 'session_id', { session_id: 'session-1' }],
    ['a start that is not a time', 'started_at', { session_id: UNKNOWN_ID, started_at: 'now' }],
    ['an unknown field', 'duration', { session_id: UNKNOWN_ID, duration: 3 }],
  ])('refuses %s with 400 naming %s, and records nothing', async (_case, field, body) => {
    const { deviceId } = await aDevice(ios.sdk);
    const before = await countRows(api.server, 'sessions');

    const response = await ios.sdk.post(`/devices/${deviceId}/sessions`, body);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await countRows(api.server, 'sessions')).toBe(before);
  });
});

describe('ending a session', () => {
  async function aStartedSession(startedAt = hoursAgo(2)) {
    const { deviceId, userId } = await aDevice(ios.sdk);
    const sessionId = randomUUID();
    const started = await ios.sdk.post(`/devices/${deviceId}/sessions`, {
      session_id: sessionId,
      started_at: startedAt.toISOString(),
    });
    expect(started.statusCode, started.body).toBe(201);
    return { deviceId, userId, sessionId, startedAt };
  }

  test('answers ended, moves Last Seen to the end and emits device.session.end', async () => {
    const { deviceId, userId, sessionId, startedAt } = await aStartedSession();
    const endedAt = hoursAgo(1);

    const response = await ios.sdk.post(`/devices/${deviceId}/sessions/${sessionId}/end`, {
      ended_at: endedAt.toISOString(),
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ outcome: 'ended' });
    expect(await userRow(api.server, ios.appId, userId)).toMatchObject({
      sessions_count: 1,
      first_seen_at: startedAt,
      last_seen_at: endedAt,
    });
    expect((await deviceRow(api.server, ios.appId, deviceId)).last_seen_at).toEqual(endedAt);
    const events = await eventsOf(api.server, userId);
    expect(events.map((event) => event.type)).toEqual(['device.session.start', 'device.session.end']);
    expect(events[1]?.payload).toMatchObject({
      device_id: deviceId,
      session: { id: sessionId, started_at: startedAt.toISOString(), ended_at: endedAt.toISOString() },
    });
    expect(await schemaViolations(api.server, userId)).toEqual([]);
  });

  test('again answers already_ended and emits nothing more', async () => {
    const { deviceId, userId, sessionId } = await aStartedSession();
    await ios.sdk.post(`/devices/${deviceId}/sessions/${sessionId}/end`, { ended_at: hoursAgo(1).toISOString() });
    const userBefore = await userRow(api.server, ios.appId, userId);

    const response = await ios.sdk.post(`/devices/${deviceId}/sessions/${sessionId}/end`, {});

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ outcome: 'already_ended' });
    expect(await deviceEventTypes(api.server, deviceId)).toEqual(['device.session.start', 'device.session.end']);
    expect(await userRow(api.server, ios.appId, userId)).toEqual(userBefore);
  });

  test('refuses an end before the start with 422 ends_before_start naming ended_at, and ends nothing', async () => {
    const { deviceId, sessionId } = await aStartedSession(hoursAgo(1));

    const response = await ios.sdk.post(`/devices/${deviceId}/sessions/${sessionId}/end`, {
      ended_at: hoursAgo(2).toISOString(),
    });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'ends_before_start',
      errors: [expect.objectContaining({ location: 'body', field: 'ended_at' })],
    });
    expect(await deviceEventTypes(api.server, deviceId)).toEqual(['device.session.start']);
  });

  test('answers 404 session_not_found for a session never started', async () => {
    const { deviceId } = await aDevice(ios.sdk);

    const response = await ios.sdk.post(`/devices/${deviceId}/sessions/${randomUUID()}/end`, {});

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('session_not_found');
  });

  test('answers 404 for a session of a device of another platform of the app, and ends nothing', async () => {
    const { deviceId } = await aDevice(android.sdk);
    const sessionId = randomUUID();
    await android.sdk.post(`/devices/${deviceId}/sessions`, { session_id: sessionId });

    const response = await ios.sdk.post(`/devices/${deviceId}/sessions/${sessionId}/end`, {});

    expect(response.statusCode).toBe(404);
    expect(await deviceEventTypes(api.server, deviceId)).toEqual(['device.session.start']);
  });
});
