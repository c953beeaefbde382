import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { aCampaign, aPublishedPaywall } from '../../../testing/paywall-builders.js';
import { aDevice, aDevicePurchase, anSdkApp, type SdkPlatform } from '../../../testing/sdk-client.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
const HOUR = 3_600_000;

async function paywallAt(platform: SdkPlatform, placement: string, deviceId: string) {
  const response = await platform.sdk.get(`/placements/${placement}/paywall?device_id=${deviceId}`);
  return response.json();
}

/** What a device does when it shows the paywall it was given. */
async function showPaywall(
  platform: SdkPlatform,
  deviceId: string,
  answer: { paywall: { id: string }; campaign: { id: string; variant: string } },
) {
  const response = await platform.sdk.post(`/devices/${deviceId}/impressions`, {
    impression_id: randomUUID(),
    paywall_id: answer.paywall.id,
    campaign_id: answer.campaign.id,
    variant: answer.campaign.variant,
  });
  expect(response.statusCode).toBe(201);
}

async function resultsOf(appId: string, campaignId: string, query = '') {
  const response = await api.client.get(`/api/v1/apps/${appId}/campaigns/${campaignId}/results${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('campaign results', () => {
  test('paywall → A/B campaign → one user on two devices → impression → purchase: the variant shows the conversion', async () => {
    const [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
    const a = await aPublishedPaywall(api.client, ios.appId, null, 'Alpha');
    const b = await aPublishedPaywall(api.client, ios.appId, null, 'Beta');
    const campaign = await aCampaign(api.client, ios.appId, {
      placement: 'onboarding',
      variants: [
        { key: 'A', paywall_id: a.id, weight: 50 },
        { key: 'B', paywall_id: b.id, weight: 50 },
      ],
    });
    const phone = await aDevice(ios.sdk);
    const tablet = await aDevice(android.sdk);
    await ios.sdk.post(`/devices/${phone.deviceId}/login`, { external_id: 'listener-1' });
    await android.sdk.post(`/devices/${tablet.deviceId}/login`, { external_id: 'listener-1' });

    const onPhone = await paywallAt(ios, 'onboarding', phone.deviceId);
    const onTablet = await paywallAt(android, 'onboarding', tablet.deviceId);
    expect(onTablet.campaign).toEqual(onPhone.campaign);
    await showPaywall(ios, phone.deviceId, onPhone);
    await showPaywall(android, tablet.deviceId, onTablet);
    await aDevicePurchase(ios.sdk, phone.deviceId, ios.sku, { price_micros: 4_990_000 });

    const results = await resultsOf(ios.appId, campaign.id);
    const shown = results.variants.find((v: { key: string }) => v.key === onPhone.campaign.variant);
    const other = results.variants.find((v: { key: string }) => v.key !== onPhone.campaign.variant);
    expect(shown).toMatchObject({
      impressions: 2,
      unique_users: 1,
      purchases: 1,
      trials: 0,
      revenue_usd_micros: 4_990_000,
      conversion_rate: 1,
    });
    expect(other).toMatchObject({ impressions: 0, unique_users: 0, purchases: 0, conversion_rate: 0 });
    const today = new Date().toISOString().slice(0, 10);
    expect(results.days).toEqual([
      {
        day: today,
        variant: onPhone.campaign.variant,
        impressions: 2,
        purchases: 1,
        trials: 0,
        revenue_usd_micros: 4_990_000,
      },
    ]);
  });

  test('a trial counts as a trial; a purchase outside the attribution window counts for nothing', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const paywall = await aPublishedPaywall(api.client, ios.appId, null);
    const campaign = await aCampaign(api.client, ios.appId, {
      placement: 'settings',
      attribution_window_hours: 2,
      variants: [{ key: 'only', paywall_id: paywall.id, weight: 100 }],
    });
    const trying = await aDevice(ios.sdk);
    const late = await aDevice(ios.sdk);
    for (const device of [trying, late]) {
      await showPaywall(ios, device.deviceId, await paywallAt(ios, 'settings', device.deviceId));
    }

    await aDevicePurchase(ios.sdk, trying.deviceId, ios.sku, { offer: 'trial' });
    api.server.advanceClock(3 * HOUR);
    await aDevicePurchase(ios.sdk, late.deviceId, ios.sku);

    const [only] = (await resultsOf(ios.appId, campaign.id)).variants;
    expect(only).toMatchObject({ impressions: 2, unique_users: 2, trials: 1, purchases: 0, conversion_rate: 0.5 });
  });

  test('an impression naming no campaign of the app counts nowhere; a date range selects days', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const paywall = await aPublishedPaywall(api.client, ios.appId, null);
    const campaign = await aCampaign(api.client, ios.appId, {
      placement: 'settings',
      variants: [{ key: 'only', paywall_id: paywall.id, weight: 100 }],
    });
    const { deviceId } = await aDevice(ios.sdk);
    await ios.sdk.post(`/devices/${deviceId}/impressions`, {
      impression_id: randomUUID(),
      paywall_id: paywall.id,
      campaign_id: randomUUID(),
      variant: 'only',
    });
    await showPaywall(ios, deviceId, await paywallAt(ios, 'settings', deviceId));

    const now = await resultsOf(ios.appId, campaign.id);
    const past = await resultsOf(ios.appId, campaign.id, '?from=2020-01-01&to=2020-01-31');

    expect(now.variants[0]).toMatchObject({ impressions: 1 });
    expect(past.variants[0]).toMatchObject({ impressions: 0 });
    expect(past.days).toEqual([]);
  });

  test('a paywall seen before signing in counts for the purchase made after', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const paywall = await aPublishedPaywall(api.client, ios.appId, null);
    const campaign = await aCampaign(api.client, ios.appId, {
      placement: 'onboarding',
      variants: [{ key: 'only', paywall_id: paywall.id, weight: 100 }],
    });
    const { deviceId } = await aDevice(ios.sdk);
    await showPaywall(ios, deviceId, await paywallAt(ios, 'onboarding', deviceId));

    await ios.sdk.post(`/devices/${deviceId}/login`, { external_id: `new-account-${randomUUID()}` });
    await aDevicePurchase(ios.sdk, deviceId, ios.sku);

    const [only] = (await resultsOf(ios.appId, campaign.id)).variants;
    expect(only).toMatchObject({ impressions: 1, purchases: 1 });
  });

  test('a purchase that names its campaign and variant counts for them, with or without an impression', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const a = await aPublishedPaywall(api.client, ios.appId, null, 'Alpha');
    const b = await aPublishedPaywall(api.client, ios.appId, null, 'Beta');
    const campaign = await aCampaign(api.client, ios.appId, {
      placement: 'onboarding',
      variants: [
        { key: 'A', paywall_id: a.id, weight: 50 },
        { key: 'B', paywall_id: b.id, weight: 50 },
      ],
    });
    const { deviceId } = await aDevice(ios.sdk);

    const bought = await ios.sdk.post(`/devices/${deviceId}/transactions`, {
      transaction_id: randomUUID(),
      campaign: { id: campaign.id, variant: 'B' },
      test_store: { sku_ref_id: ios.sku },
    });

    expect(bought.statusCode).toBe(201);
    const results = await resultsOf(ios.appId, campaign.id);
    expect(results.variants.map((v: { key: string; purchases: number }) => [v.key, v.purchases])).toEqual([
      ['A', 0],
      ['B', 1],
    ]);
  });

  test('a variant the campaign does not have counts nowhere, and adds no row', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const paywall = await aPublishedPaywall(api.client, ios.appId, null);
    const campaign = await aCampaign(api.client, ios.appId, {
      placement: 'settings',
      variants: [{ key: 'only', paywall_id: paywall.id, weight: 100 }],
    });
    const { deviceId } = await aDevice(ios.sdk);

    for (const variant of ['<script>x</script>', 'zzz']) {
      await ios.sdk.post(`/devices/${deviceId}/impressions`, {
        impression_id: randomUUID(),
        paywall_id: paywall.id,
        campaign_id: campaign.id,
        variant,
      });
    }

    const results = await resultsOf(ios.appId, campaign.id);
    expect(results.variants).toEqual([expect.objectContaining({ key: 'only', impressions: 0 })]);
  });

  test.each([
    ['a from after to', '?from=2026-02-01&to=2026-01-01', 'from'],
    ['a range over a year', '?from=2024-01-01&to=2026-01-01', 'from'],
    ['a day that is not a date', '?from=yesterday', 'from'],
  ])('%s is a 400 naming %s', async (_case, query, field) => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const paywall = await aPublishedPaywall(api.client, ios.appId, null);
    const campaign = await aCampaign(api.client, ios.appId, {
      placement: 'settings',
      variants: [{ key: 'only', paywall_id: paywall.id, weight: 100 }],
    });

    const response = await api.client.get(`/api/v1/apps/${ios.appId}/campaigns/${campaign.id}/results${query}`);

    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ field }));
  });
});

describe('explaining a placement', () => {
  test('says which campaign was chosen and why each other one was not', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const paywall = await aPublishedPaywall(api.client, ios.appId, null);
    const only = [{ key: 'A', paywall_id: paywall.id, weight: 100 }];
    const fallback = await aCampaign(api.client, ios.appId, {
      name: 'Fallback',
      placement: 'home',
      is_default: true,
      variants: only,
    });
    const canada = await aCampaign(api.client, ios.appId, {
      name: 'Canada',
      placement: 'home',
      audience: { attribute: 'country', operator: 'in', value: ['CA'] },
      variants: only,
    });
    const paused = await aCampaign(api.client, ios.appId, {
      name: 'Paused',
      placement: 'home',
      paused: true,
      variants: only,
    });
    const { deviceId, userId } = await aDevice(ios.sdk, { country: 'FR', language: 'fr' });

    const response = await api.client.get(`/api/v1/apps/${ios.appId}/placements/home/explain?device_id=${deviceId}`);

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      user_id: userId,
      facts: { platform: 'apple', country: 'FR', language: 'fr', session_count: 0, active_entitlements: [] },
      chosen: { campaign_id: fallback.id, variant: 'A' },
    });
    expect(body.campaigns.map((c: { campaign_id: string; outcome: string }) => [c.campaign_id, c.outcome])).toEqual([
      [canada.id, 'audience_mismatch'],
      [paused.id, 'paused'],
      [fallback.id, 'chosen'],
    ]);
    expect(body.campaigns[0].audience).toMatchObject({
      matched: false,
      actual: 'FR',
      reason: expect.stringContaining('FR'),
    });
  });

  test('an unknown device is a 404', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];

    const response = await api.client.get(
      `/api/v1/apps/${ios.appId}/placements/home/explain?device_id=${randomUUID()}`,
    );

    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('device_not_found');
  });
});
