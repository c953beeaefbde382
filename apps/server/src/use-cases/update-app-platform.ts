import { type AppPlatform, violatedUniqueConstraint } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { type StoreSettings, storeSettingColumns } from './store-settings.js';

export interface UpdateAppPlatformInput {
  orgId: string;
  appId: string;
  appPlatformId: string;
  changes: {
    name?: string | undefined;
    marketplace_app_id?: string | undefined;
    environment?: string | undefined;
  } & StoreSettings;
}

export type UpdateAppPlatformResult =
  | { outcome: 'updated'; appPlatform: AppPlatform }
  | { outcome: 'app_not_found' }
  | { outcome: 'app_platform_not_found' }
  | { outcome: 'marketplace_app_id_taken' }
  | { outcome: 'settings_for_other_store'; store: 'apple' | 'google' };

export async function updateAppPlatform(deps: Deps, input: UpdateAppPlatformInput): Promise<UpdateAppPlatformResult> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      const current = await trx
        .selectFrom('app_platforms')
        .select(['id', 'store'])
        .where('app_id', '=', app.id)
        .where('id', '=', input.appPlatformId)
        .forUpdate()
        .executeTakeFirst();
      if (!current) {
        return { outcome: 'app_platform_not_found' } as const;
      }
      const { apple, google, ...columns } = input.changes;
      const settings = storeSettingColumns(deps, current.id, current.store, { apple, google });
      if ('wrongStore' in settings) {
        return { outcome: 'settings_for_other_store', store: settings.wrongStore } as const;
      }
      const appPlatform = await trx
        .updateTable('app_platforms')
        .set({ ...columns, ...settings.columns, updated_at: deps.now() })
        .where('app_id', '=', app.id)
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirst();
      return appPlatform
        ? ({ outcome: 'updated', appPlatform } as const)
        : ({ outcome: 'app_platform_not_found' } as const);
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'app_platforms_marketplace_key') {
      return { outcome: 'marketplace_app_id_taken' };
    }
    throw error;
  }
}
