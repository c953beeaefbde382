import { STORE_PLATFORMS } from '@tollgate/core';
import { z } from 'zod';
import type { CustomerFilter } from '../../../queries/customers.js';

const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

const REPEATED = 'Give this parameter at most once';

/**
 * Fastify parses a repeated query key (`?platform=apple&platform=google`) into an array:
 * each parameter here is a single value, and an array says so instead of "expected string".
 */
function once(message?: string): z.core.$ZodErrorMap {
  return (issue) => (Array.isArray(issue.input) ? REPEATED : message);
}

/** `?limit=&cursor=`, each at most once: query strings are text, so the number is parsed here. */
export const listQuery = {
  limit: z
    .string({ error: once() })
    .regex(/^\d+$/, 'Must be a whole number')
    .transform(Number)
    .pipe(z.int().min(1).max(MAX_PAGE_SIZE))
    .optional()
    .describe(`How many items per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`),
  cursor: z.string({ error: once() }).max(200).optional().describe('The `next_cursor` of the previous page'),
};

/** The customers list's filters: any of them, each at most once, all applied together. */
export const customerFilters = {
  external_id: z
    .string({ error: once() })
    .min(1, 'Must not be empty')
    .max(256)
    .optional()
    .describe('The app’s own id for the user (the external id with key `external_id`), exactly'),
  device_id: z
    .uuid({ error: once('Must be a UUID') })
    .optional()
    .describe('A device of the user'),
  user_id: z
    .uuid({ error: once('Must be a UUID') })
    .optional()
    .describe('The user’s Tollgate id'),
  platform: z
    .enum(STORE_PLATFORMS, { error: once(`Must be one of ${STORE_PLATFORMS.join(', ')}`) })
    .optional()
    .describe('The user has a device on this store'),
};

type FilterQuery = { [K in keyof typeof customerFilters]?: z.output<(typeof customerFilters)[K]> };

export function filterOf(query: FilterQuery): CustomerFilter {
  return {
    externalId: query.external_id,
    deviceId: query.device_id,
    userId: query.user_id,
    platform: query.platform,
  };
}
