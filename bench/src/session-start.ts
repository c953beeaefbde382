import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminCall, registerDevices } from './api.js';
import { alternate, type Figure, requestsPerSecond, spawnServer } from './harness.js';
import type { RunningTollgate } from './tollgate.js';

const BARE_SERVER = join(dirname(fileURLToPath(import.meta.url)), 'servers', 'bare-session-insert.ts');
const DEVICES = 1000;

/**
 * SDK session starts (`POST /sdk/v1/devices/{id}/sessions`, a new session id each time, over
 * 1,000 registered devices that have each started a session before) against a bare route that
 * inserts one row per request.
 */
export async function sessionStart(tollgate: RunningTollgate, databaseUrl: string): Promise<Figure> {
  const app = await adminCall(tollgate, '/apps', { name: 'SDK bench' });
  const platform = await adminCall<{ id: string; sdk_key: string }>(tollgate, `/apps/${app.id}/platforms`, {
    name: 'iOS',
    store: 'apple',
    marketplace_app_id: 'com.example.sdkbench',
  });
  const devices = await registerDevices(
    tollgate,
    databaseUrl,
    platform.sdk_key,
    Array.from({ length: DEVICES }, () => ({ os: 'ios', os_version: '26.1', model: 'iPhone17,1', country: 'US' })),
    // Returning devices: the sessions measured are each device's second and later.
    { firstSession: true },
  );
  let turn = 0;
  const post = () => ({
    path: `/sdk/v1/devices/${devices[turn++ % DEVICES]}/sessions`,
    body: { session_id: randomUUID() },
  });
  const bare = await spawnServer(BARE_SERVER, { DATABASE_URL: databaseUrl });
  try {
    const load = { seconds: 5, connections: 10, post };
    const { value, baseline } = await alternate(
      3,
      () =>
        requestsPerSecond({
          ...load,
          url: tollgate.url,
          headers: { authorization: `Bearer ${platform.sdk_key}` },
        }),
      () => requestsPerSecond({ ...load, url: bare.url }),
    );
    return {
      name: 'SDK session start: POST /sdk/v1/devices/{id}/sessions',
      value,
      baselineName: 'bare Fastify + pg, one insert',
      baseline,
      unit: 'req/s',
      goal: '>= 0.5',
    };
  } finally {
    await bare.stop();
  }
}
