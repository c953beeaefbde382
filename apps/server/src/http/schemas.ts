import { REF_ID_MAX_LENGTH, REF_ID_PATTERN } from '@tollgate/core';
import { z } from 'zod';

/** Path ids: a malformed one is a 400 naming the parameter, not a database error. */
export const id = z.uuid('Must be a UUID');

export const displayName = z.string().trim().min(1, 'Must not be empty').max(200);

export const refId = z
  .string()
  .min(1, 'Must not be empty')
  .max(REF_ID_MAX_LENGTH)
  .regex(REF_ID_PATTERN, 'Use letters, digits, ".", "_", "-" or ":", starting with a letter or digit');

export const timestamp = z.iso.datetime();

/** `?force=true`: the caller knowingly deletes what depends on the resource too. */
export const forceQuery = z.strictObject({
  force: z
    .enum(['true', 'false'], 'Must be true or false')
    .transform((value) => value === 'true')
    .optional()
    .describe('Also delete what depends on it (default false: refuse with 409 instead)'),
});

/** A PATCH body that names nothing to change is a mistake worth pointing out. */
export function someFields<T extends z.ZodObject>(schema: T) {
  return schema.refine((value) => Object.keys(value).length > 0, 'Name at least one field to change');
}

export const noContent = z.undefined().describe('Done: there is nothing to return');
