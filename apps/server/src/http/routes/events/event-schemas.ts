import { EVENT_DESCRIPTIONS, EVENT_TYPES, eventJsonSchema } from '@tollgate/core';
import { z } from 'zod';
import type { HttpApp } from '../../http-app.js';
import { Problem, problemResponses } from '../../problem.js';

/** Event JSON Schemas are public: partners and integrations validate against them. */
export function eventSchemaRoutes(http: HttpApp, publicUrl: string): void {
  const schemaUrl = (type: string) => `${publicUrl}/api/v1/events/schema/${type}`;

  http.get(
    '/events/schema/',
    {
      schema: {
        operationId: 'listEventSchemas',
        tags: ['Events'],
        summary: 'Every event type, with a link to its JSON Schema',
        security: [],
        response: {
          200: z.object({
            data: z.array(
              z.object({ event_type: z.enum(EVENT_TYPES), description: z.string(), schema_url: z.string() }),
            ),
          }),
        },
      },
    },
    async () => ({
      data: EVENT_TYPES.map((type) => ({
        event_type: type,
        description: EVENT_DESCRIPTIONS[type],
        schema_url: schemaUrl(type),
      })),
    }),
  );

  http.get(
    '/events/schema/:eventType',
    {
      schema: {
        operationId: 'getEventSchema',
        tags: ['Events'],
        summary: 'The JSON Schema (draft 2020-12) of one event type',
        security: [],
        params: z.strictObject({ eventType: z.string().max(100) }),
        response: { 200: z.record(z.string(), z.unknown()), ...problemResponses(404) },
      },
    },
    async (request) => {
      const type = EVENT_TYPES.find((candidate) => candidate === request.params.eventType);
      if (!type) {
        throw new Problem(404, 'event_type_not_found', `There is no event type ${request.params.eventType}`);
      }
      return eventJsonSchema(type, schemaUrl(type));
    },
  );
}
