import type { ApiClient } from './test-server.js';

/** Builders that create catalog resources through the public API, with valid defaults. */

interface Created {
  id: string;
  [field: string]: unknown;
}

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

async function created(response: Promise<{ statusCode: number; body: string }>): Promise<Created> {
  const { statusCode, body } = await response;
  if (statusCode !== 201) {
    throw new Error(`expected 201 Created, got ${statusCode}: ${body}`);
  }
  return JSON.parse(body) as Created;
}

export function anApp(client: ApiClient, overrides: Record<string, unknown> = {}): Promise<Created> {
  return created(client.post('/api/v1/apps', { name: `App ${next()}`, ...overrides }));
}

export function anAppPlatform(
  client: ApiClient,
  appId: string,
  overrides: Record<string, unknown> = {},
): Promise<Created> {
  const n = next();
  return created(
    client.post(`/api/v1/apps/${appId}/platforms`, {
      name: `iOS ${n}`,
      store: 'apple',
      marketplace_app_id: `com.example.app${n}`,
      ...overrides,
    }),
  );
}

export function anEntitlement(
  client: ApiClient,
  appId: string,
  overrides: Record<string, unknown> = {},
): Promise<Created> {
  const n = next();
  return created(
    client.post(`/api/v1/apps/${appId}/entitlements`, {
      entitlement_ref_id: `premium_${n}`,
      name: `Premium ${n}`,
      ...overrides,
    }),
  );
}

export function aProduct(
  client: ApiClient,
  appId: string,
  appPlatformId: string,
  overrides: Record<string, unknown> = {},
): Promise<Created> {
  const n = next();
  return created(
    client.post(`/api/v1/apps/${appId}/products`, {
      app_platform_id: appPlatformId,
      sku_ref_id: `com.example.monthly${n}`,
      name: `Monthly ${n}`,
      type: 'subscription',
      ...overrides,
    }),
  );
}
