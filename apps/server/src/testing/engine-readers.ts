import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { TestServer } from './test-server.js';

/** What the engine wrote, read back the way the customers API will show it. */

export async function eventsOf(server: TestServer, userId: string) {
  const rows = await server.database.db
    .selectFrom('events')
    .select(['id', 'type', 'payload', 'purchase_id'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, payload: row.payload as Record<string, unknown> & { event_type: string } }));
}

export async function eventTypesOf(server: TestServer, userId: string): Promise<string[]> {
  return (await eventsOf(server, userId)).map((event) => event.type);
}

export function revenueOf(server: TestServer, userId: string) {
  return server.database.db
    .selectFrom('transactions')
    .select(['revenue_type', 'amount_micros', 'currency', 'usd_micros', 'environment', 'store', 'store_transaction_id'])
    .where('user_id', '=', userId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/**
 * Checks every event against the JSON Schema the API serves for its type, as a partner
 * consuming them would; returns the messages of those that fail.
 */
export async function schemaViolations(server: TestServer, userId: string): Promise<string[]> {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const problems: string[] = [];
  for (const event of await eventsOf(server, userId)) {
    const schema = (await server.http.inject({ method: 'GET', url: `/api/v1/events/schema/${event.type}` })).json();
    const validate = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
    if (!validate(event.payload)) {
      problems.push(`${event.type}: ${ajv.errorsText(validate.errors)}`);
    }
  }
  return problems;
}

/** The user a store purchase id belongs to (each store purchase id is one of its external ids). */
export async function userOfStorePurchase(server: TestServer, appId: string, value: string): Promise<string> {
  const row = await server.database.db
    .selectFrom('external_ids')
    .select('user_id')
    .where('app_id', '=', appId)
    .where('value', '=', value)
    .executeTakeFirstOrThrow();
  return row.user_id;
}
