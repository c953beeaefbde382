import { describe, expect, test } from 'vitest';
import { anApp } from '../../../testing/catalog-builders.js';
import { aCampaign, aPublishedPaywall } from '../../../testing/paywall-builders.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

async function anAppWithPaywalls() {
  const app = await anApp(api.client);
  const a = await aPublishedPaywall(api.client, app.id, null, 'Alpha');
  const b = await aPublishedPaywall(api.client, app.id, null, 'Beta');
  return { app, a, b };
}

describe('campaigns', () => {
  test('an A/B test across two paywalls, with an audience and a schedule', async () => {
    const { app, a, b } = await anAppWithPaywalls();

    const response = await api.client.post(`/api/v1/apps/${app.id}/campaigns`, {
      name: 'Spring test',
      placement: 'onboarding',
      audience: {
        any: [
          { attribute: 'country', operator: 'in', value: ['US', 'CA'] },
          { attribute: 'session_count', operator: 'lte', value: 3 },
        ],
      },
      starts_at: '2020-01-01T00:00:00.000Z',
      ends_at: '2100-01-01T00:00:00.000Z',
      variants: [
        { key: 'A', paywall_id: a.id, weight: 50 },
        { key: 'B', paywall_id: b.id, weight: 50 },
      ],
    });

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      name: 'Spring test',
      placement: 'onboarding',
      priority: 0,
      is_default: false,
      status: 'running',
      attribution_window_hours: 24,
      variants: [
        { key: 'A', paywall_id: a.id, paywall_name: 'Alpha', weight: 50 },
        { key: 'B', paywall_id: b.id, paywall_name: 'Beta', weight: 50 },
      ],
      template: null,
    });
  });

  test('a template gives the placement and audience the body leaves out', async () => {
    const { app, a } = await anAppWithPaywalls();
    const templates = (await api.client.get('/api/v1/campaign-templates')).json().data;
    expect(templates.map((t: { key: string }) => t.key)).toEqual(['onboarding', 'win_back', 'trial_upsell']);

    const campaign = await aCampaign(api.client, app.id, {
      template: 'win_back',
      variants: [{ key: 'only', paywall_id: a.id, weight: 100 }],
    });

    expect(campaign).toMatchObject({
      template: 'win_back',
      placement: 'win_back',
      audience: { attribute: 'journey_state', operator: 'is', value: 'former_subscriber' },
    });
  });

  test('a default made from a template is for everyone: the template’s audience does not apply', async () => {
    const { app, a } = await anAppWithPaywalls();

    const response = await api.client.post(`/api/v1/apps/${app.id}/campaigns`, {
      name: 'Onboarding for all',
      template: 'onboarding',
      is_default: true,
      variants: [{ key: 'A', paywall_id: a.id, weight: 100 }],
    });

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ placement: 'onboarding', is_default: true, audience: null });
  });

  test('new campaigns go after the placement’s others; the order can be set; the default stays last', async () => {
    const { app, a } = await anAppWithPaywalls();
    const only = [{ key: 'A', paywall_id: a.id, weight: 100 }];
    const fallback = await aCampaign(api.client, app.id, {
      name: 'Fallback',
      placement: 'settings',
      is_default: true,
      variants: only,
    });
    const first = await aCampaign(api.client, app.id, { name: 'First', placement: 'settings', variants: only });
    const second = await aCampaign(api.client, app.id, { name: 'Second', placement: 'settings', variants: only });
    await aCampaign(api.client, app.id, { name: 'Elsewhere', placement: 'onboarding', variants: only });

    const listed = (await api.client.get(`/api/v1/apps/${app.id}/campaigns?placement=settings`)).json().data;
    expect(listed.map((c: { name: string; priority: number }) => [c.name, c.priority])).toEqual([
      ['First', 0],
      ['Second', 1],
      ['Fallback', 0],
    ]);

    const reordered = await api.client.call({
      method: 'PUT',
      url: `/api/v1/apps/${app.id}/placements/settings/order`,
      payload: { campaign_ids: [second.id, first.id] },
    });

    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().data.map((c: { id: string }) => c.id)).toEqual([second.id, first.id, fallback.id]);
  });

  test('pausing and resuming; the status says whether devices can be shown it', async () => {
    const { app, a } = await anAppWithPaywalls();
    const campaign = await aCampaign(api.client, app.id, {
      placement: 'settings',
      variants: [{ key: 'A', paywall_id: a.id, weight: 100 }],
    });
    const url = `/api/v1/apps/${app.id}/campaigns/${campaign.id}`;

    const paused = (await api.client.patch(url, { paused: true })).json();
    const resumed = (await api.client.patch(url, { paused: false })).json();
    const later = (await api.client.patch(url, { starts_at: '2100-01-01T00:00:00.000Z' })).json();

    expect(paused).toMatchObject({ status: 'paused', paused_at: expect.any(String) });
    expect(resumed).toMatchObject({ status: 'running', paused_at: null });
    expect(later).toMatchObject({ status: 'not_started' });
  });

  test('new weights and a new variant replace the old ones; deleting removes the campaign', async () => {
    const { app, a, b } = await anAppWithPaywalls();
    const campaign = await aCampaign(api.client, app.id, {
      placement: 'settings',
      variants: [{ key: 'A', paywall_id: a.id, weight: 100 }],
    });
    const url = `/api/v1/apps/${app.id}/campaigns/${campaign.id}`;

    const updated = await api.client.patch(url, {
      variants: [
        { key: 'A', paywall_id: a.id, weight: 80 },
        { key: 'B', paywall_id: b.id, weight: 20 },
      ],
    });

    expect(updated.json().variants.map((v: { key: string; weight: number }) => [v.key, v.weight])).toEqual([
      ['A', 80],
      ['B', 20],
    ]);
    expect((await api.client.delete(url)).statusCode).toBe(204);
    expect((await api.client.get(url)).statusCode).toBe(404);
  });
});
