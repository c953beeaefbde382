import { describe, expect, test } from 'vitest';
import { mparticleVerdict } from './mparticle-verdict.js';
import { answered, REFUSED, TIMEOUT } from './testing/responses.js';
import type { PreparedRequest, Response, Verdict } from './types.js';

const request: PreparedRequest = {
  request: { url: 'https://s2s.mparticle.com/v2/bulkevents', headers: {}, body: '[]' },
  eventIds: ['e0', 'e1'],
};

describe('mparticleVerdict', () => {
  test.each<[string, Response, Verdict]>([
    ['202', answered(202, '', { 'x-mp-rate-limit-percentage-used': '12' }), { kind: 'delivered' }],
    ['200', answered(200, ''), { kind: 'delivered' }],
    [
      '400 with errors',
      answered(400, {
        errors: [
          { code: 'BAD_REQUEST', message: 'Required event field "event_name" is missing or empty.' },
          { code: 'BAD_REQUEST', message: 'Unknown environment.' },
        ],
      }),
      {
        kind: 'dead',
        reason: 'mParticle answered 400: Required event field "event_name" is missing or empty.; Unknown environment.',
      },
    ],
    [
      '400 without a body',
      answered(400, ''),
      { kind: 'dead', reason: 'mParticle answered 400: the request is invalid' },
    ],
    ['401', answered(401, ''), { kind: 'pause', reason: expect.stringContaining('401') }],
    ['403', answered(403, ''), { kind: 'pause', reason: expect.stringContaining('key and secret') }],
    ['413', answered(413, ''), { kind: 'split', reason: expect.stringContaining('413') }],
    [
      '429 with Retry-After',
      answered(429, '', { 'retry-after': '7', 'x-mp-rate-limit-exceeded': 'feed' }),
      { kind: 'retry', reason: 'mParticle answered 429: rate limit exceeded (feed)', afterMs: 7000, throttled: true },
    ],
    [
      '429 without Retry-After',
      answered(429, ''),
      { kind: 'retry', reason: 'mParticle answered 429: rate limit exceeded', afterMs: null, throttled: true },
    ],
    ['503', answered(503, ''), { kind: 'retry', reason: 'mParticle answered 503', afterMs: null, throttled: false }],
    [
      '502 HTML',
      answered(502, '<html><body>Bad Gateway</body></html>'),
      {
        kind: 'retry',
        reason: 'mParticle answered 502: <html><body>Bad Gateway</body></html>',
        afterMs: null,
        throttled: false,
      },
    ],
    [
      'timeout',
      TIMEOUT,
      { kind: 'retry', reason: 'mParticle did not answer in time', afterMs: null, throttled: false },
    ],
    [
      'connection refused',
      REFUSED,
      { kind: 'retry', reason: expect.stringContaining('could not reach mParticle'), afterMs: null, throttled: false },
    ],
    ['404: the pod URL is wrong', answered(404, ''), { kind: 'pause', reason: expect.stringContaining('URL') }],
  ])('%s', (_, response, verdict) => {
    expect(mparticleVerdict(response, request)).toEqual(verdict);
  });
});
