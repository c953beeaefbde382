import type { App } from '@tollgate/db';
import type { Deps } from '../deps.js';

export interface UpdateAppInput {
  orgId: string;
  appId: string;
  changes: { name?: string | undefined };
}

export type UpdateAppResult = { outcome: 'updated'; app: App } | { outcome: 'app_not_found' };

export async function updateApp(deps: Deps, input: UpdateAppInput): Promise<UpdateAppResult> {
  const app = await deps.db
    .updateTable('apps')
    .set({ ...input.changes, updated_at: deps.now() })
    .where('org_id', '=', input.orgId)
    .where('id', '=', input.appId)
    .returningAll()
    .executeTakeFirst();
  return app ? { outcome: 'updated', app } : { outcome: 'app_not_found' };
}
