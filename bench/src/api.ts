import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { RunningTollgate } from './tollgate.js';

/** POSTs (or PATCHes) to Tollgate's admin API with its admin key; fails on anything but 2xx. */
export async function adminCall<T = { id: string }>(
  tollgate: RunningTollgate,
  path: string,
  body: object,
  method: 'POST' | 'PATCH' = 'POST',
): Promise<T> {
  const response = await fetch(`${tollgate.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tollgate.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/**
 * Registers one device per description through the SDK API, as apps do at their first start
 * (and, when asked, starts each one's first app session), then has PostgreSQL analyze its
 * tables (as in production, the planner knows their sizes). Answers the devices' ids, in order.
 */
export async function registerDevices(
  tollgate: RunningTollgate,
  databaseUrl: string,
  sdkKey: string,
  descriptions: object[],
  options: { firstSession?: boolean } = {},
): Promise<string[]> {
  const devices: string[] = [];
  const sdkCall = async (path: string, method: 'PUT' | 'POST', body: object, expected: number) => {
    const response = await fetch(`${tollgate.url}/sdk/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${sdkKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== expected) {
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    }
  };
  for (const description of descriptions) {
    const deviceId = randomUUID();
    await sdkCall(`/devices/${deviceId}`, 'PUT', description, 201);
    if (options.firstSession) {
      await sdkCall(`/devices/${deviceId}/sessions`, 'POST', { session_id: randomUUID() }, 201);
    }
    devices.push(deviceId);
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('analyze');
  await client.end();
  return devices;
}
