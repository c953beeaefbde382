import { beforeAll, describe, expect, test } from 'vitest';
import { anApp } from '../../../testing/catalog-builders.js';
import { aCampaign, aPaywall, aPublishedPaywall, paywallContent } from '../../../testing/paywall-builders.js';
import { anOrganization, apiClient, countRows, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let app: { id: string };
let paywall: { id: string };

beforeAll(async () => {
  app = await anApp(api.client);
  paywall = await aPublishedPaywall(api.client, app.id, null);
});

const valid = () => ({
  name: 'C',
  placement: 'onboarding',
  variants: [{ key: 'A', paywall_id: paywall.id, weight: 100 }],
});
const campaignCount = () => countRows(api.server, 'campaigns');

describe('creating a campaign with bad input', () => {
  test.each([
    ['no name', 'name', () => ({ name: undefined })],
    ['neither a placement nor a template', 'placement', () => ({ placement: undefined })],
    ['a placement with spaces', 'placement', () => ({ placement: 'on boarding' })],
    ['an unknown template', 'template', () => ({ template: 'black_friday' })],
    ['no variants', 'variants', () => ({ variants: [] })],
    [
      'weights that do not add up to 100',
      'variants',
      () => ({
        variants: [
          { key: 'A', paywall_id: paywall.id, weight: 50 },
          { key: 'B', paywall_id: paywall.id, weight: 40 },
        ],
      }),
    ],
    [
      'two variants with one key',
      'variants.1.key',
      () => ({
        variants: [
          { key: 'A', paywall_id: paywall.id, weight: 50 },
          { key: 'A', paywall_id: paywall.id, weight: 50 },
        ],
      }),
    ],
    [
      'a weight over 100',
      'variants.0.weight',
      () => ({ variants: [{ key: 'A', paywall_id: paywall.id, weight: 101 }] }),
    ],
    [
      'an end before the start',
      'ends_at',
      () => ({ starts_at: '2027-01-02T00:00:00Z', ends_at: '2027-01-01T00:00:00Z' }),
    ],
    [
      'a default with an audience',
      'audience',
      () => ({ is_default: true, audience: { attribute: 'platform', operator: 'in', value: ['apple'] } }),
    ],
    [
      'an unknown attribute',
      'audience.attribute',
      () => ({ audience: { attribute: 'age', operator: 'gt', value: 18 } }),
    ],
    [
      'a condition deep in a group with a bad value',
      'audience.all.1.value.0',
      () => ({
        audience: {
          all: [
            { attribute: 'platform', operator: 'in', value: ['apple'] },
            { attribute: 'country', operator: 'in', value: ['usa'] },
          ],
        },
      }),
    ],
    ['an empty group', 'audience.any', () => ({ audience: { any: [] } })],
    ['an attribution window over 30 days', 'attribution_window_hours', () => ({ attribution_window_hours: 721 })],
  ])('rejects %s with 400 naming %s, and stores nothing', async (_case, field, change) => {
    const before = await campaignCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/campaigns`, { ...valid(), ...change() });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'body', field }));
    expect(await campaignCount()).toBe(before);
  });

  test('rejects unknown and unpublished paywalls with 422 naming each variant', async () => {
    const draft = await aPaywall(api.client, app.id, paywallContent(null));
    const before = await campaignCount();

    const response = await api.client.post(`/api/v1/apps/${app.id}/campaigns`, {
      ...valid(),
      variants: [
        { key: 'A', paywall_id: UNKNOWN_ID, weight: 50 },
        { key: 'B', paywall_id: draft.id, weight: 50 },
      ],
    });

    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ field: 'variants.0.paywall_id', message: 'No paywall of this app has this id' }),
      expect.objectContaining({ field: 'variants.1.paywall_id', message: expect.stringContaining('publish it first') }),
    ]);
    expect(await campaignCount()).toBe(before);
  });

  test('a second default for a placement is a 409', async () => {
    await aCampaign(api.client, app.id, { ...valid(), placement: 'paywall-b', is_default: true });

    const response = await api.client.post(`/api/v1/apps/${app.id}/campaigns`, {
      ...valid(),
      placement: 'paywall-b',
      is_default: true,
    });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'default_taken' });
  });
});

describe('changing a campaign with bad input keeps what was stored', () => {
  test.each([
    ['nothing to change', {}, ''],
    [
      'weights that do not add up',
      () => ({ variants: [{ key: 'A', paywall_id: paywall.id, weight: 99 }] }),
      'variants',
    ],
    ['an end before the stored start', { ends_at: '2020-01-01T00:00:00Z' }, 'ends_at'],
    ['an audience on a default', { audience: { attribute: 'platform', operator: 'in', value: ['roku'] } }, 'audience'],
  ])('%s is a 400 naming the field', async (_case, change, field) => {
    const campaign = await aCampaign(api.client, app.id, {
      ...valid(),
      placement: `p${Math.random().toString(36).slice(2, 8)}`,
      is_default: true,
      starts_at: '2026-01-01T00:00:00Z',
    });
    const url = `/api/v1/apps/${app.id}/campaigns/${campaign.id}`;
    const before = (await api.client.get(url)).json();

    const response = await api.client.patch(url, typeof change === 'function' ? change() : change);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ field }));
    expect((await api.client.get(url)).json()).toEqual(before);
  });

  test('a reorder that misses a campaign or names another placement’s is a 422, and the order stays', async () => {
    const first = await aCampaign(api.client, app.id, { ...valid(), placement: 'reorder' });
    const second = await aCampaign(api.client, app.id, { ...valid(), placement: 'reorder' });
    const elsewhere = await aCampaign(api.client, app.id, { ...valid(), placement: 'elsewhere' });
    const order = async () =>
      (await api.client.get(`/api/v1/apps/${app.id}/campaigns?placement=reorder`))
        .json()
        .data.map((c: { id: string }) => c.id);

    for (const campaign_ids of [[second.id], [second.id, first.id, elsewhere.id], [first.id, first.id, second.id]]) {
      const response = await api.client.call({
        method: 'PUT',
        url: `/api/v1/apps/${app.id}/placements/reorder/order`,
        payload: { campaign_ids },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'campaign_ids' })]);
    }
    expect(await order()).toEqual([first.id, second.id]);
  });

  test('a paywall a campaign shows cannot be deleted: 409 naming the campaign', async () => {
    const shown = await aPublishedPaywall(api.client, app.id, null, 'Shown');
    await aCampaign(api.client, app.id, {
      name: 'Uses it',
      placement: 'in-use',
      variants: [{ key: 'A', paywall_id: shown.id, weight: 100 }],
    });

    const response = await api.client.delete(`/api/v1/apps/${app.id}/paywalls/${shown.id}`);

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'paywall_in_use', detail: expect.stringContaining('Uses it') });
    expect((await api.client.get(`/api/v1/apps/${app.id}/paywalls/${shown.id}`)).statusCode).toBe(200);
  });
});

describe('campaigns of other apps and organizations', () => {
  test('an unknown campaign is a 404 on every route', async () => {
    const url = `/api/v1/apps/${app.id}/campaigns/${UNKNOWN_ID}`;
    const responses = [
      await api.client.get(url),
      await api.client.patch(url, { name: 'x' }),
      await api.client.delete(url),
    ];
    expect(responses.map((r) => [r.statusCode, r.json().code])).toEqual([
      [404, 'campaign_not_found'],
      [404, 'campaign_not_found'],
      [404, 'campaign_not_found'],
    ]);
  });

  test("another organization cannot see or change this app's campaigns", async () => {
    const campaign = await aCampaign(api.client, app.id, { ...valid(), placement: 'private' });
    const stranger = apiClient(api.server, (await anOrganization(api.server)).apiKey);

    expect((await stranger.get(`/api/v1/apps/${app.id}/campaigns`)).statusCode).toBe(404);
    expect((await stranger.patch(`/api/v1/apps/${app.id}/campaigns/${campaign.id}`, { paused: true })).statusCode).toBe(
      404,
    );
    expect((await api.client.get(`/api/v1/apps/${app.id}/campaigns/${campaign.id}`)).json().status).toBe('running');
  });
});
