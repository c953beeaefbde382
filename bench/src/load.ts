/** A fixed amount of work, sent with a fixed number of requests in flight: what a store's retries look like. */
export interface Shot {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Sends every shot once, `concurrency` at a time; returns shots per second. Fails on any non-2xx. */
export async function fire(shots: readonly Shot[], concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < shots.length) {
      const shot = shots[next++];
      if (!shot) {
        return;
      }
      const response = await fetch(shot.url, { method: 'POST', headers: shot.headers, body: shot.body });
      const text = await response.text();
      if (!response.ok) {
        throw new Error(`${shot.url}: ${response.status} ${text.slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return shots.length / ((performance.now() - started) / 1000);
}

/** Runs `work` on every item, `concurrency` at a time; returns items per second. */
export async function rate<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) {
        await work(item);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return items.length / ((performance.now() - started) / 1000);
}
