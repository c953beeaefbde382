import type { ApiKey } from '@tollgate/db';
import { z } from 'zod';
import { id, timestamp } from '../../schemas.js';

export const apiKeySchema = z
  .object({
    id,
    name: z.string(),
    token_prefix: z.string().describe('The first characters of the key, to recognise it by'),
    created_at: timestamp,
    last_used_at: timestamp.nullable().describe('To the minute'),
    revoked_at: timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });

export function presentApiKey(apiKey: ApiKey): z.infer<typeof apiKeySchema> {
  return {
    id: apiKey.id,
    name: apiKey.name,
    token_prefix: apiKey.token_prefix,
    created_at: apiKey.created_at.toISOString(),
    last_used_at: apiKey.last_used_at?.toISOString() ?? null,
    revoked_at: apiKey.revoked_at?.toISOString() ?? null,
  };
}
