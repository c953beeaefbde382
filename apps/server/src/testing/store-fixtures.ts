import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppleTestPki } from '@tollgate/testkit';
import { anApp, anAppPlatform, anEntitlement, aProduct } from './catalog-builders.js';
import type { ApiClient } from './test-server.js';

/** A test PKI's root as a file, as an operator adds a root (TOLLGATE_APPLE_ROOT_CERTS). */
export function rootFile(pki: AppleTestPki): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tollgate-roots-')), 'root.pem');
  writeFileSync(file, pki.rootPem);
  return file;
}

export interface StoreCatalog {
  appId: string;
  appPlatformId: string;
}

/**
 * An app selling on one store platform: `premium` granted by every SKU named, `studio` also
 * by the first; the platform made with the given fields (bundle id, store settings).
 */
export async function aStoreCatalog(
  client: ApiClient,
  platform: Record<string, unknown>,
  skus: readonly string[],
): Promise<StoreCatalog> {
  const app = await anApp(client);
  const appPlatform = await anAppPlatform(client, app.id, platform);
  const premium = await anEntitlement(client, app.id, { entitlement_ref_id: 'premium' });
  const studio = await anEntitlement(client, app.id, { entitlement_ref_id: 'studio' });
  for (const [index, sku] of skus.entries()) {
    await aProduct(client, app.id, appPlatform.id, {
      sku_ref_id: sku,
      entitlement_ids: index === 0 ? [premium.id, studio.id] : [premium.id],
    });
  }
  return { appId: app.id, appPlatformId: appPlatform.id };
}
