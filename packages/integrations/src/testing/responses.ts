import type { Response } from '../types.js';

/** Test-only: vendor answers as the sender reports them. */
export function answered(status: number, body: unknown = '', headers: Record<string, string> = {}): Response {
  return {
    kind: 'answered',
    status,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    durationMs: 12,
  };
}

export const TIMEOUT: Response = { kind: 'failed', error: 'timeout', message: 'no answer in time', durationMs: 15_000 };
export const REFUSED: Response = {
  kind: 'failed',
  error: 'connection',
  message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9',
  durationMs: 3,
};
