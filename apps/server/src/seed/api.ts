import type { HttpApp } from '../http/http-app.js';

/** How the seed reaches Tollgate: its public APIs, in this process or over HTTP. */
export interface SeedApi {
  /** Calls the API with a bearer credential; fails on anything but 2xx. */
  call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    key: string,
    body?: object,
  ): Promise<T>;
}

function failed(method: string, path: string, status: number, body: string): Error {
  return new Error(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
}

/** The HTTP API of this process, without a socket. */
export function inProcessApi(http: HttpApp): SeedApi {
  return {
    async call(method, path, key, body) {
      const response = await http.inject({
        method,
        url: path,
        headers: { authorization: `Bearer ${key}` },
        ...(body === undefined ? {} : { payload: body }),
      });
      if (response.statusCode >= 300) {
        throw failed(method, path, response.statusCode, response.body);
      }
      return response.json();
    },
  };
}

/** A Tollgate running elsewhere (or here, holding the embedded database). */
export function remoteApi(baseUrl: string): SeedApi {
  return {
    async call(method, path, key, body) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) {
        throw failed(method, path, response.status, text);
      }
      return JSON.parse(text);
    },
  };
}
