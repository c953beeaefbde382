import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, type Figure, requestsPerSecond, spawnServer } from './harness.js';
import type { RunningTollgate } from './tollgate.js';

const BARE_SERVER = join(dirname(fileURLToPath(import.meta.url)), 'servers', 'bare-products.ts');

/** Catalog reads: GET /api/v1/apps/{id}/products against a bare route running the same SQL. */
export async function catalogRead(tollgate: RunningTollgate, databaseUrl: string): Promise<Figure> {
  const appId = await seedCatalog(tollgate);
  const bare = await spawnServer(BARE_SERVER, { DATABASE_URL: databaseUrl });
  try {
    const load = { seconds: 5, connections: 10 };
    const { value, baseline } = await alternate(
      3,
      () =>
        requestsPerSecond({
          ...load,
          url: `${tollgate.url}/api/v1/apps/${appId}/products`,
          headers: { authorization: `Bearer ${tollgate.apiKey}` },
        }),
      () => requestsPerSecond({ ...load, url: `${bare.url}/apps/${appId}/products` }),
    );
    return {
      name: 'catalog read: GET /apps/{id}/products (20 SKUs)',
      value,
      baselineName: 'bare Fastify + pg, same SQL',
      baseline,
      unit: 'req/s',
    };
  } finally {
    await bare.stop();
  }
}

/** An app with one platform, three entitlements and 20 SKUs, made through the API. */
async function seedCatalog(tollgate: RunningTollgate): Promise<string> {
  const post = async (path: string, body: object): Promise<{ id: string }> => {
    const response = await fetch(`${tollgate.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tollgate.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) {
      throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as { id: string };
  };
  const app = await post('/apps', { name: 'Bench' });
  const platform = await post(`/apps/${app.id}/platforms`, {
    name: 'iOS',
    store: 'apple',
    marketplace_app_id: 'com.example.bench',
  });
  const entitlements = [];
  for (const ref of ['premium', 'pro', 'family']) {
    entitlements.push(await post(`/apps/${app.id}/entitlements`, { entitlement_ref_id: ref, name: ref }));
  }
  for (let n = 0; n < 20; n++) {
    await post(`/apps/${app.id}/products`, {
      app_platform_id: platform.id,
      sku_ref_id: `com.example.bench.sku${n}`,
      name: `SKU ${n}`,
      type: 'subscription',
      entitlement_ids: entitlements.slice(0, 1 + (n % 3)).map((e) => e.id),
    });
  }
  return app.id;
}
