import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test, vi } from 'vitest';
import { sendRequest } from './send.js';

// DNS rebinding: the name check (dns/promises) is told a public address; the connection's own
// lookup then finds what `localhost` really is, as a name re-pointed after the check would.
vi.mock('node:dns/promises', () => ({
  lookup: async () => [{ address: '93.184.216.34', family: 4 }],
}));

let server: Server | null = null;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

test('a name that passed the check but connects to a private address is refused, and nothing is sent', async () => {
  let received = 0;
  server = createServer((_request, response) => {
    received++;
    response.end('internal secrets');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const answer = await sendRequest(
    { url: `http://localhost:${port}/hook`, headers: {}, body: '{}' },
    { timeoutMs: 5000, destinations: 'public' },
  );

  expect(answer).toMatchObject({
    kind: 'failed',
    error: 'refused',
    message: expect.stringMatching(/not a public address/),
  });
  expect(received).toBe(0);
});

test('the same name is sent to when private networks are allowed', async () => {
  server = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const answer = await sendRequest(
    { url: `http://localhost:${port}/hook`, headers: {}, body: '{}' },
    { timeoutMs: 5000, destinations: 'any' },
  );

  expect(answer).toMatchObject({ kind: 'answered', status: 200, body: 'ok' });
});
