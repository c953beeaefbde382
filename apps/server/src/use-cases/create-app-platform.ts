import type { StorePlatform } from '@tollgate/core';
import { type AppPlatform, violatedUniqueConstraint } from '@tollgate/db';
import type { Deps } from '../deps.js';
import { findApp } from '../queries/apps.js';
import { newToken } from '../security/tokens.js';

export interface CreateAppPlatformInput {
  orgId: string;
  appId: string;
  name: string;
  store: StorePlatform;
  marketplaceAppId: string;
  environment: string;
}

export type CreateAppPlatformResult =
  | { outcome: 'created'; appPlatform: AppPlatform }
  | { outcome: 'app_not_found' }
  | { outcome: 'marketplace_app_id_taken' };

export async function createAppPlatform(deps: Deps, input: CreateAppPlatformInput): Promise<CreateAppPlatformResult> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const app = await findApp(trx, input.orgId, input.appId);
      if (!app) {
        return { outcome: 'app_not_found' } as const;
      }
      const now = deps.now();
      const appPlatform = await trx
        .insertInto('app_platforms')
        .values({
          app_id: app.id,
          id: deps.newId(),
          name: input.name,
          store: input.store,
          marketplace_app_id: input.marketplaceAppId,
          environment: input.environment,
          sdk_key: newToken('sdkKey'),
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
