import { Buffer } from 'node:buffer';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { sendRequest } from './send.js';

const servers: Server[] = [];

/** A loopback server answering with `handler`; its URL. */
async function serve(
  handler: (request: IncomingMessage, body: string, response: ServerResponse) => void,
): Promise<string> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('sendRequest', () => {
  test('POSTs the body with the headers and reports the answer, headers lower-cased', async () => {
    let seen: { method?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    const url = await serve((request, body, response) => {
      seen = { method: request.method, headers: request.headers, body };
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-Mp-Rate-Limit-Percentage-Used': '3' });
      response.end('{"code":200}');
    });
    const answer = await sendRequest(
      { url, headers: { 'content-type': 'application/json', 'webhook-id': 'evt_1' }, body: '{"a":1}' },
      { timeoutMs: 5000, destinations: 'any' },
    );
    expect(seen).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'webhook-id': 'evt_1' } });
    expect(answer).toMatchObject({
      kind: 'answered',
      status: 200,
      body: '{"code":200}',
      headers: { 'content-type': 'application/json', 'x-mp-rate-limit-percentage-used': '3' },
    });
    expect(answer.durationMs).toBeGreaterThanOrEqual(0);
  });

  test('does not follow redirects', async () => {
    const url = await serve((_request, _body, response) => {
      response.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' });
      response.end();
    });
    const answer = await sendRequest({ url, headers: {}, body: '' }, { timeoutMs: 5000, destinations: 'any' });
    expect(answer).toMatchObject({
      kind: 'answered',
      status: 302,
      headers: { location: 'http://127.0.0.1:9/elsewhere' },
    });
  });

  test('a server that never answers is a timeout', async () => {
    const url = await serve(() => undefined);
    const answer = await sendRequest({ url, headers: {}, body: '{}' }, { timeoutMs: 200, destinations: 'any' });
    expect(answer).toMatchObject({ kind: 'failed', error: 'timeout' });
    expect(answer.durationMs).toBeGreaterThanOrEqual(150);
  });

  test('a closed port is a connection error', async () => {
    const url = await serve(() => undefined);
    const server = servers.pop();
    await new Promise((resolve) => server?.close(resolve));
    const answer = await sendRequest({ url, headers: {}, body: '{}' }, { timeoutMs: 5000, destinations: 'any' });
    expect(answer).toMatchObject({
      kind: 'failed',
      error: 'connection',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  test('a reset connection is a connection error', async () => {
    const url = await serve((request) => request.socket.destroy());
    const answer = await sendRequest({ url, headers: {}, body: '{}' }, { timeoutMs: 5000, destinations: 'any' });
    expect(answer).toMatchObject({ kind: 'failed', error: 'connection' });
  });

  test('reads at most 64 KB of the body', async () => {
    const url = await serve((_request, _body, response) => {
      response.writeHead(500, { 'content-type': 'text/html' });
      response.end('x'.repeat(200_000));
    });
    const answer = await sendRequest({ url, headers: {}, body: '' }, { timeoutMs: 5000, destinations: 'any' });
    expect(answer).toMatchObject({ kind: 'answered', status: 500 });
    expect(answer.kind === 'answered' && answer.body.length).toBe(64 * 1024);
  });

  test('a body that never ends still gives the status and what came', async () => {
    const url = await serve((_request, _body, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.write('busy');
    });
    const answer = await sendRequest({ url, headers: {}, body: '' }, { timeoutMs: 300, destinations: 'any' });
    expect(answer).toMatchObject({ kind: 'answered', status: 503, body: 'busy' });
  });
});
