/**
 * Where the SDK keeps the device id and the current session id. Synchronous (`localStorage`)
 * or asynchronous (React Native's AsyncStorage has this shape: wrap its getItem/setItem/removeItem).
 */
export interface Storage {
  get(key: string): string | null | Promise<string | null>;
  set(key: string, value: string): void | Promise<void>;
  remove(key: string): void | Promise<void>;
}

/** Kept in memory: a new device every time the process starts. */
export class MemoryStorage implements Storage {
  readonly #values = new Map<string, string>();

  get(key: string): string | null {
    return this.#values.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.#values.set(key, value);
  }

  remove(key: string): void {
    this.#values.delete(key);
  }
}

interface WebStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `localStorage` when the platform has a usable one (a browser), else memory. */
export function defaultStorage(): Storage {
  const web = usableLocalStorage();
  if (!web) {
    return new MemoryStorage();
  }
  return {
    get: (key) => web.getItem(key),
    set: (key, value) => web.setItem(key, value),
    remove: (key) => web.removeItem(key),
  };
}

function usableLocalStorage(): WebStorage | undefined {
  try {
    const candidate = (globalThis as { localStorage?: Partial<WebStorage> }).localStorage;
    if (
      typeof candidate?.getItem !== 'function' ||
      typeof candidate.setItem !== 'function' ||
      typeof candidate.removeItem !== 'function'
    ) {
      return undefined;
    }
    const probe = '__tollgate_probe__';
    candidate.setItem(probe, probe);
    candidate.removeItem(probe);
    return candidate as WebStorage;
  } catch {
    // Reading localStorage throws in sandboxed frames and with storage disabled; writing
    // throws when it is full. Either way it is not usable, and memory is the fallback.
    return undefined;
  }
}
