import type { Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import type { Principal } from '../use-cases/authenticate.js';

export interface CallerDescription {
  organization: { id: string; name: string };
  operator: { id: string; email: string } | null;
  api_key: { id: string; name: string } | null;
}

export async function describeCaller(db: Kysely<Database>, principal: Principal): Promise<CallerDescription> {
  const organization = await db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('id', '=', principal.orgId)
    .executeTakeFirstOrThrow();
  if (principal.kind === 'operator') {
    const operator = await db
      .selectFrom('operators')
      .select(['id', 'email'])
      .where('id', '=', principal.operatorId)
      .executeTakeFirstOrThrow();
    return { organization, operator, api_key: null };
  }
  const apiKey = await db
    .selectFrom('api_keys')
    .select(['id', 'name'])
    .where('id', '=', principal.apiKeyId)
    .executeTakeFirstOrThrow();
  return { organization, operator: null, api_key: apiKey };
}
