import type { App } from '@tollgate/db';
import type { Deps } from '../deps.js';

export interface CreateAppInput {
  orgId: string;
  name: string;
}

export function createApp(deps: Deps, input: CreateAppInput): Promise<App> {
  const now = deps.now();
  return deps.db
    .insertInto('apps')
    .values({ id: deps.newId(), org_id: input.orgId, name: input.name, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}
