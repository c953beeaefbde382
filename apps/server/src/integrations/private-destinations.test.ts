import { startWebhookReceiver, type WebhookReceiver } from '@tollgate/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { anApp } from '../testing/catalog-builders.js';
import { type ApiClient, anOrganization, apiClient, startTestServer, type TestServer } from '../testing/test-server.js';

// A Tollgate as it runs by default: integrations send only to the public internet.
let server: TestServer;
let client: ApiClient;
let receiver: WebhookReceiver;

beforeAll(async () => {
  server = await startTestServer({ destinations: 'public' });
  client = apiClient(server, (await anOrganization(server)).apiKey);
  receiver = await startWebhookReceiver({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
});

afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

describe('an integration pointed at a private network', () => {
  test('is not sent to: the test send says why, and nothing reaches the address', async () => {
    const app = await anApp(client);
    const created = await client.post(`/api/v1/apps/${app.id}/integrations`, {
      kind: 'webhook',
      name: 'Internal',
      url: receiver.url,
    });
    expect(created.statusCode, created.body).toBe(201);

    const response = await client.post(`/api/v1/apps/${app.id}/integrations/${created.json().id}/test`);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      outcome: 'pause',
      http_status: null,
      detail: expect.stringMatching(/127\.0\.0\.1, not a public address.*TOLLGATE_PRIVATE_DESTINATIONS=allow/),
    });
    expect(receiver.deliveries).toEqual([]);
  });
});
