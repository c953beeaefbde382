import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

/** Same origin as the page: the session cookie goes along, and no token is ever in JavaScript. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });

/** A failed call: the HTTP status and, when the server sent one, its RFC 9457 problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? `The server answered ${status}`);
    this.name = 'ApiError';
  }

  /** The message for one field, as the API named it (`email`, `device_id`). */
  fieldError(field: string): string | undefined {
    return this.problem?.errors.find((error) => error.field === field)?.message;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'detail' in value && 'errors' in value;
}

/** The body of a successful answer, or an ApiError. */
export async function unwrap<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok || data === undefined) {
    throw new ApiError(response.status, isProblem(error) ? error : null);
  }
  return data;
}

/** A call answered with nothing to return (204, a deletion): done, or an ApiError. */
export async function unwrapEmpty(request: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await request;
  if (!response.ok) {
    throw new ApiError(response.status, isProblem(error) ? error : null);
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
