import type { App } from '@tollgate/db';
import { z } from 'zod';
import { displayName, id, timestamp } from '../../schemas.js';

export const appSchema = z
  .object({
    id,
    name: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'App' });

export const appInput = z.strictObject({ name: displayName });

export const appParams = z.strictObject({ appId: id });

export function presentApp(app: App): z.infer<typeof appSchema> {
  return {
    id: app.id,
    name: app.name,
    created_at: app.created_at.toISOString(),
    updated_at: app.updated_at.toISOString(),
  };
}
