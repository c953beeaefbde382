import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

/** The event catalogue (docs/events): every type a partner may receive. */
const CATALOGUE = [
  'device.impression',
  'device.session.start',
  'device.session.end',
  'device.transaction',
  'purchase.updated',
  'user.journey.trial.converted',
  'user.journey.trial.did_not_convert',
  'user.journey.trial.started',
  'user.subscription.cancelled',
  'user.subscription.expired',
  'user.subscription.in_grace_period',
  'user.subscription.paused',
  'user.subscription.pending_sku_change',
  'user.subscription.purchased',
  'user.subscription.renewal_in_grace_period',
  'user.subscription.renewed',
  'user.subscription.resumed',
  'user.subscription.sku_change',
  'user.subscription.transferred.from',
  'user.subscription.transferred.to',
];

interface Listed {
  event_type: string;
  description: string;
  schema_url: string;
}

/** A public request: no API key, no session. */
const get = (url: string) => api.server.http.inject({ method: 'GET', url });

/** The path of an absolute URL the API gave, to ask this in-process server for it. */
const pathOf = (url: string) => {
  expect(url.startsWith(`${api.server.deps.publicUrl}/`)).toBe(true);
  return url.slice(api.server.deps.publicUrl.length);
};

describe('the event schema index', () => {
  test('lists exactly the 20 event types of the catalogue, without credentials', async () => {
    const response = await get('/api/v1/events/schema/');

    expect(response.statusCode, response.body).toBe(200);
    const types = response.json().data.map((entry: Listed) => entry.event_type);
    expect(types).toHaveLength(20);
    expect([...types].sort()).toEqual([...CATALOGUE].sort());
  });

  test('gives every event type a description and the URL of its schema', async () => {
    const response = await get('/api/v1/events/schema/');

    for (const entry of response.json().data as Listed[]) {
      expect(entry.description.trim().length, entry.event_type).toBeGreaterThan(10);
      expect(entry.schema_url).toBe(`${api.server.deps.publicUrl}/api/v1/events/schema/${entry.event_type}`);
    }
  });

  test('answers the same with and without the trailing slash', async () => {
    const withSlash = await get('/api/v1/events/schema/');

    const withoutSlash = await get('/api/v1/events/schema');

    expect(withoutSlash.statusCode).toBe(200);
    expect(withoutSlash.json()).toEqual(withSlash.json());
  });
});

describe('one event schema', () => {
  test.each(CATALOGUE)('the schema_url of %s resolves to its draft 2020-12 JSON Schema', async (type) => {
    const listed = (await get('/api/v1/events/schema/')).json().data.find((entry: Listed) => entry.event_type === type);

    const response = await get(pathOf(listed.schema_url));

    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const schema = response.json();
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: listed.schema_url,
      type: 'object',
      properties: { event_type: { const: type } },
    });
    expect(schema.required).toContain('event_type');
    expect(new Ajv2020({ strict: false }).validateSchema(schema)).toBe(true);
  });

  test.each(CATALOGUE)('the schema of %s refuses an event of another type', async (type) => {
    const schema = (await get(`/api/v1/events/schema/${type}`)).json();
    const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

    const valid = validate({
      event_type: type === 'purchase.updated' ? 'user.subscription.renewed' : 'purchase.updated',
    });

    expect(valid).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/event_type', keyword: 'const' }));
  });

  test.each([
    ['an unknown type', 'user.subscription.refunded'],
    ['a type in capitals', 'PURCHASE.UPDATED'],
    ['a category, not a type', 'user.subscription'],
  ])('answers %s with 404 event_type_not_found', async (_case, type) => {
    const response = await get(`/api/v1/events/schema/${type}`);

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 404,
      code: 'event_type_not_found',
      detail: expect.stringContaining(type),
    });
  });
});
