import type { StorePlatform } from '@tollgate/core';
import { type AppPlatform, violatedUniqueConstraint } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { newToken } from '../security/tokens.js';
import { type StoreSettings, storeSettingColumns } from './store-settings.js';

export interface CreateAppPlatformInput {
  orgId: string;
  appId: string;
  name: string;
  store: StorePlatform;
  marketplaceAppId: string;
  environment: string;
  settings: StoreSettings;
}

export type CreateAppPlatformResult =
  | { outcome: 'created'; appPlatform: AppPlatform }
  | { outcome: 'app_not_found' }
  | { outcome: 'marketplace_app_id_taken' }
  | { outcome: 'settings_for_other_store'; store: 'apple' | 'google' };

export async function createAppPlatform(deps: Deps, input: CreateAppPlatformInput): Promise<CreateAppPlatformResult> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      const now = deps.now();
      const id = deps.newId();
      const settings = storeSettingColumns(deps, id, input.store, input.settings);
      if ('wrongStore' in settings) {
        return { outcome: 'settings_for_other_store', store: settings.wrongStore } as const;
      }
      const appPlatform = await trx
        .insertInto('app_platforms')
        .values({
          app_id: app.id,
          id,
          name: input.name,
          store: input.store,
          marketplace_app_id: input.marketplaceAppId,
          environment: input.environment,
          sdk_key: newToken('sdkKey'),
          ...settings.columns,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { outcome: 'created', appPlatform } as const;
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'app_platforms_marketplace_key') {
      return { outcome: 'marketplace_app_id_taken' };
    }
    throw error;
  }
}
