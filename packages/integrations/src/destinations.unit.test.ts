import { describe, expect, test } from 'vitest';
import { refusedDestination } from './destinations.js';
import { webhookVerdict } from './webhook-verdict.js';

describe('where integrations may send', () => {
  test.each([
    ['loopback', 'http://127.0.0.1:8080/hooks'],
    ['a private network', 'https://10.1.2.3/hooks'],
    ['another private network', 'https://192.168.1.20/hooks'],
    ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data/'],
    ['carrier-grade NAT', 'http://100.64.0.1/'],
    ['IPv6 loopback', 'http://[::1]:9000/'],
    ['IPv6 unique-local', 'http://[fd00::1]/'],
    ['an IPv4 address written as IPv6', 'http://[::ffff:10.0.0.1]/'],
    ['a name that resolves to loopback', 'http://localhost:3000/hooks'],
  ])('refuses %s when only the public internet is allowed', async (_case, url) => {
    expect(await refusedDestination(url, 'public')).toMatch(/not a public address/);
  });

  test.each([
    ['a public IPv4 address', 'https://93.184.216.34/hooks'],
    ['a public IPv6 address', 'https://[2606:4700::6810:84e5]/hooks'],
  ])('lets %s through', async (_case, url) => {
    expect(await refusedDestination(url, 'public')).toBeNull();
  });

  test('sends anywhere when private networks are allowed', async () => {
    expect(await refusedDestination('http://127.0.0.1:8080/hooks', 'any')).toBeNull();
  });

  test('a refused address pauses the integration: no retry would reach it', () => {
    const verdict = webhookVerdict({
      kind: 'failed',
      error: 'refused',
      message: '10.0.0.1 is not public',
      durationMs: 0,
    });

    expect(verdict).toEqual({ kind: 'pause', reason: 'not sent to the endpoint: 10.0.0.1 is not public' });
  });
});
