import { describe, expect, test } from 'vitest';
import { EVENT_TYPES } from './event-types.js';
import { EVENT_SCHEMAS, eventJsonSchema } from './schemas.js';

describe('event schemas', () => {
  test('there is one for each of the 20 event types of the catalogue', () => {
    expect(EVENT_TYPES).toHaveLength(20);
    expect(Object.keys(EVENT_SCHEMAS).sort()).toEqual([...EVENT_TYPES].sort());
  });

  test.each(EVENT_TYPES)('%s becomes a draft 2020-12 JSON Schema carrying the user payload', (type) => {
    const schema = eventJsonSchema(type, `https://tollgate.example/api/v1/events/schema/${type}`);

    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`https://tollgate.example/api/v1/events/schema/${type}`);
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'id',
        'event_type',
        'event_platform',
        'created_date',
        'user_id',
        'active_entitlements',
        'customer_journey_state',
        'devices',
        'external_ids',
      ]),
    );
    expect((schema.properties as Record<string, { const?: string }>).event_type?.const).toBe(type);
  });
});
