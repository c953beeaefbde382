import { describe, expect, test } from 'vitest';
import { amplitudeVerdict } from './amplitude-verdict.js';
import { answered, REFUSED, TIMEOUT } from './testing/responses.js';
import type { PreparedRequest, Response, Verdict } from './types.js';

const request: PreparedRequest = {
  request: { url: 'https://api2.amplitude.com/2/httpapi', headers: {}, body: '{}' },
  eventIds: ['e0', 'e1', 'e2', 'e3', 'e4'],
};

const HTML_502 = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

describe('amplitudeVerdict', () => {
  test.each<[string, Response, Verdict]>([
    ['200', answered(200, { code: 200, events_ingested: 5 }), { kind: 'delivered' }],
    ['200 with an empty body', answered(200, ''), { kind: 'delivered' }],
    [
      '400 missing_field',
      answered(400, { code: 400, error: 'Request missing required field', missing_field: 'api_key' }),
      { kind: 'dead', reason: 'Amplitude: Request missing required field (missing "api_key")' },
    ],
    [
      '400 invalid JSON',
      answered(400, { code: 400, error: 'Invalid JSON request body' }),
      { kind: 'dead', reason: 'Amplitude: Invalid JSON request body' },
    ],
    [
      '400 invalid path',
      answered(400, { code: 400, error: 'Invalid request path' }),
      { kind: 'dead', reason: 'Amplitude: Invalid request path' },
    ],
    ['400 not JSON', answered(400, 'Bad Request'), { kind: 'dead', reason: 'Amplitude answered 400: Bad Request' }],
    [
      '400 invalid API key',
      answered(400, { code: 400, error: 'Invalid API key: project-key' }),
      { kind: 'pause', reason: 'Amplitude: Invalid API key: project-key' },
    ],
    ['401', answered(401, ''), { kind: 'pause', reason: 'Amplitude answered 401 (check the API key)' }],
    [
      '403',
      answered(403, { code: 403, error: 'Forbidden' }),
      {
        kind: 'pause',
        reason: 'Amplitude answered 403 (its firewall blocked the request): {"code":403,"error":"Forbidden"}',
      },
    ],
    [
      '413',
      answered(413, { code: 413, error: 'Payload too large' }),
      { kind: 'split', reason: expect.stringContaining('413') },
    ],
    [
      '429 without Retry-After: Amplitude’s 30 s',
      answered(429, { code: 429, error: 'Too many requests for some devices and users', throttled_events: [0] }),
      { kind: 'retry', reason: expect.stringContaining('429'), afterMs: 30_000, throttled: true },
    ],
    [
      '429 with Retry-After in seconds',
      answered(429, '', { 'retry-after': '120' }),
      { kind: 'retry', reason: expect.any(String), afterMs: 120_000, throttled: true },
    ],
    [
      '429 with Retry-After as a date, read against the Date header',
      answered(429, '', { 'retry-after': 'Wed, 21 Oct 2026 07:28:45 GMT', date: 'Wed, 21 Oct 2026 07:28:00 GMT' }),
      { kind: 'retry', reason: expect.any(String), afterMs: 45_000, throttled: true },
    ],
    [
      '500 JSON',
      answered(500, { code: 500, error: 'Internal' }),
      {
        kind: 'retry',
        reason: 'Amplitude answered 500: {"code":500,"error":"Internal"}',
        afterMs: null,
        throttled: false,
      },
    ],
    [
      '502 HTML',
      answered(502, HTML_502),
      {
        kind: 'retry',
        reason: expect.stringContaining('Amplitude answered 502: <html>'),
        afterMs: null,
        throttled: false,
      },
    ],
    [
      '503 empty',
      answered(503, ''),
      { kind: 'retry', reason: 'Amplitude answered 503', afterMs: null, throttled: false },
    ],
    ['504', answered(504, ''), { kind: 'retry', reason: 'Amplitude answered 504', afterMs: null, throttled: false }],
    [
      'timeout',
      TIMEOUT,
      { kind: 'retry', reason: 'Amplitude did not answer in time', afterMs: null, throttled: false },
    ],
    [
      'connection refused',
      REFUSED,
      { kind: 'retry', reason: expect.stringContaining('ECONNREFUSED'), afterMs: null, throttled: false },
    ],
    ['a redirect: the URL is wrong', answered(301, ''), { kind: 'pause', reason: expect.stringContaining('URL') }],
    ['404: the URL is wrong', answered(404, 'Not Found'), { kind: 'pause', reason: expect.stringContaining('URL') }],
  ])('%s', (_, response, verdict) => {
    expect(amplitudeVerdict(response, request)).toEqual(verdict);
  });

  test('400 index maps: each named event is dead with its fields, by position', () => {
    const response = answered(400, {
      code: 400,
      error: 'Invalid field values on some events',
      events_with_invalid_fields: { time: [0, 2], event_type: [2] },
      events_with_missing_fields: { event_type: [3] },
      events_with_invalid_id_lengths: { user_id: [4] },
    });
    expect(amplitudeVerdict(response, request)).toEqual({
      kind: 'partial',
      reason: 'Amplitude: Invalid field values on some events',
      dead: [
        { eventId: 'e0', reason: 'Amplitude refused the event: invalid value of "time"' },
        {
          eventId: 'e2',
          reason: 'Amplitude refused the event: invalid value of "time"; invalid value of "event_type"',
        },
        { eventId: 'e3', reason: 'Amplitude refused the event: missing "event_type"' },
        { eventId: 'e4', reason: 'Amplitude refused the event: "user_id" has an invalid length' },
      ],
    });
  });

  test('400 silenced events are dead, the rest go again', () => {
    const response = answered(400, {
      code: 400,
      error: 'Events silenced for device_id',
      silenced_devices: ['dev-1'],
      silenced_events: [1],
    });
    expect(amplitudeVerdict(response, request)).toEqual({
      kind: 'partial',
      reason: 'Amplitude: Events silenced for device_id',
      dead: [{ eventId: 'e1', reason: expect.stringContaining('silenced') }],
    });
  });

  test('400 naming positions the request does not have (the test event) is dead as a whole', () => {
    const response = answered(400, {
      code: 400,
      error: 'Invalid field values on some events',
      events_with_invalid_fields: { time: [0] },
    });
    const test = { ...request, eventIds: [] };
    expect(amplitudeVerdict(response, test)).toEqual({
      kind: 'dead',
      reason: 'Amplitude: Invalid field values on some events: invalid value of "time"',
    });
  });

  test('a malformed index map is read as far as it goes', () => {
    const response = answered(400, {
      code: 400,
      error: 'x',
      events_with_invalid_fields: { time: 'nope', price: [1, 'a'] },
    });
    expect(amplitudeVerdict(response, request)).toMatchObject({ kind: 'partial', dead: [{ eventId: 'e1' }] });
  });
});
