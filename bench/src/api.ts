import type { RunningTollgate } from './tollgate.js';

/** POSTs (or PATCHes) to Tollgate's admin API with its admin key; fails on anything but 2xx. */
export async function adminCall<T = { id: string }>(
  tollgate: RunningTollgate,
  path: string,
  body: object,
  method: 'POST' | 'PATCH' = 'POST',
): Promise<T> {
  const response = await fetch(`${tollgate.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tollgate.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}
