import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { aCampaign, anImage, aPaywall, aPublishedPaywall, paywallContent } from '../../../testing/paywall-builders.js';
import { aDevice, aDevicePurchase, anSdkApp, type SdkPlatform } from '../../../testing/sdk-client.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

async function skuIdOf(platform: SdkPlatform): Promise<string> {
  const list = await api.client.get(`/api/v1/apps/${platform.appId}/products?app_platform_id=${platform.platformId}`);
  return list.json().data[0].id;
}

function paywallAt(platform: SdkPlatform, placement: string, deviceId: string, etag?: string) {
  return api.server.http.inject({
    method: 'GET',
    url: `/sdk/v1/placements/${placement}/paywall?device_id=${deviceId}`,
    headers: { authorization: `Bearer ${platform.sdkKey}`, ...(etag ? { 'if-none-match': etag } : {}) },
  });
}

const single = (paywallId: string) => [{ key: 'A', paywall_id: paywallId, weight: 100 }];

describe('the paywall at a placement', () => {
  test('is the published version, in the device’s language, offering its own platform’s SKUs', async () => {
    const [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
    const [iosSku, androidSku] = [await skuIdOf(ios), await skuIdOf(android)];
    const hero = await anImage(api.client, ios.appId);
    const paywall = await aPaywall(api.client, ios.appId, {
      ...paywallContent({ platformId: ios.platformId, productIds: [iosSku] }),
      images: { hero: hero.id },
      products: [
        { app_platform_id: ios.platformId, product_ids: [iosSku], highlighted_product_id: iosSku },
        { app_platform_id: android.platformId, product_ids: [androidSku], highlighted_product_id: androidSku },
      ],
    });
    await api.client.post(`/api/v1/apps/${ios.appId}/paywalls/${paywall.id}/publish`);
    const campaign = await aCampaign(api.client, ios.appId, { placement: 'onboarding', variants: single(paywall.id) });
    const { deviceId } = await aDevice(ios.sdk, { language: 'fr-FR' });

    const response = await paywallAt(ios, 'onboarding', deviceId);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      placement: 'onboarding',
      campaign: { id: campaign.id, name: 'Campaign', variant: 'A' },
      paywall: {
        id: paywall.id,
        version: 1,
        template: 'hero',
        locale: 'fr',
        title: 'Passez Premium',
        body: 'Toutes les stations.',
        call_to_action: "Commencer l'essai",
        legal_text: '',
        dismissible: true,
        images: { hero: hero.url },
        products: [
          { id: iosSku, sku_ref_id: ios.sku, name: expect.any(String), type: 'subscription', highlighted: true },
        ],
      },
    });
  });

  test('an A/B test shows both variants across users, and one user the same variant on every device', async () => {
    const [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
    const a = await aPublishedPaywall(api.client, ios.appId, null, 'Alpha');
    const b = await aPublishedPaywall(api.client, ios.appId, null, 'Beta');
    await aCampaign(api.client, ios.appId, {
      placement: 'onboarding',
      variants: [
        { key: 'A', paywall_id: a.id, weight: 50 },
        { key: 'B', paywall_id: b.id, weight: 50 },
      ],
    });

    const seen = new Set<string>();
    for (let user = 0; user < 12; user += 1) {
      const externalId = `user-${randomUUID()}`;
      const phone = await aDevice(ios.sdk);
      const tablet = await aDevice(android.sdk);
      await ios.sdk.post(`/devices/${phone.deviceId}/login`, { external_id: externalId });
      await android.sdk.post(`/devices/${tablet.deviceId}/login`, { external_id: externalId });

      const onPhone = (await paywallAt(ios, 'onboarding', phone.deviceId)).json();
      const onTablet = (await paywallAt(android, 'onboarding', tablet.deviceId)).json();

      expect(onTablet.campaign.variant).toBe(onPhone.campaign.variant);
      expect(onPhone.paywall.title).toBe(onPhone.campaign.variant === 'A' ? 'Alpha' : 'Beta');
      seen.add(onPhone.campaign.variant);
    }
    // 12 users all in one half of a 50/50 split happens once in 2,048 runs.
    expect([...seen].sort()).toEqual(['A', 'B']);
  });

  test('the first campaign whose audience matches wins; the default serves everyone else', async () => {
    const [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
    const everyone = await aPublishedPaywall(api.client, ios.appId, null, 'Everyone');
    const canada = await aPublishedPaywall(api.client, ios.appId, null, 'Canada');
    const play = await aPublishedPaywall(api.client, ios.appId, null, 'Play');
    await aCampaign(api.client, ios.appId, { placement: 'home', is_default: true, variants: single(everyone.id) });
    await aCampaign(api.client, ios.appId, {
      placement: 'home',
      audience: { attribute: 'country', operator: 'in', value: ['CA'] },
      variants: single(canada.id),
    });
    await aCampaign(api.client, ios.appId, {
      placement: 'home',
      audience: { attribute: 'platform', operator: 'in', value: ['google'] },
      variants: single(play.id),
    });
    const title = async (platform: SdkPlatform, info: Record<string, unknown>) => {
      const { deviceId } = await aDevice(platform.sdk, info);
      return (await paywallAt(platform, 'home', deviceId)).json().paywall.title;
    };

    expect(await title(ios, { country: 'US' })).toBe('Everyone');
    expect(await title(ios, { country: 'CA' })).toBe('Canada');
    expect(await title(android, { country: 'CA' })).toBe('Canada');
    expect(await title(android, { country: 'FR' })).toBe('Play');
  });

  test('a paused campaign is skipped; with nothing that applies the answer is no paywall', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const paywall = await aPublishedPaywall(api.client, ios.appId, null);
    const campaign = await aCampaign(api.client, ios.appId, { placement: 'settings', variants: single(paywall.id) });
    const { deviceId } = await aDevice(ios.sdk);

    await api.client.patch(`/api/v1/apps/${ios.appId}/campaigns/${campaign.id}`, { paused: true });

    expect((await paywallAt(ios, 'settings', deviceId)).json()).toEqual({
      placement: 'settings',
      campaign: null,
      paywall: null,
    });
    expect((await paywallAt(ios, 'nowhere', deviceId)).json()).toEqual({
      placement: 'nowhere',
      campaign: null,
      paywall: null,
    });
  });

  test('users in a free trial get the trial upsell; others do not', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const paywall = await aPublishedPaywall(api.client, ios.appId, null, 'Keep going');
    await aCampaign(api.client, ios.appId, { template: 'trial_upsell', variants: single(paywall.id) });
    const trying = await aDevice(ios.sdk);
    const browsing = await aDevice(ios.sdk);
    await aDevicePurchase(ios.sdk, trying.deviceId, ios.sku, { offer: 'trial', trial_days: 7 });

    expect((await paywallAt(ios, 'trial_upsell', trying.deviceId)).json().paywall?.title).toBe('Keep going');
    expect((await paywallAt(ios, 'trial_upsell', browsing.deviceId)).json().paywall).toBeNull();
  });

  test('answers are kept, yet what a device does shows in its next answer, and on its user’s other devices', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const welcome = await aPublishedPaywall(api.client, ios.appId, null, 'Welcome');
    const regular = await aPublishedPaywall(api.client, ios.appId, null, 'Regular');
    const upsell = await aPublishedPaywall(api.client, ios.appId, null, 'Keep going');
    await aCampaign(api.client, ios.appId, { placement: 'home', is_default: true, variants: single(welcome.id) });
    await aCampaign(api.client, ios.appId, {
      placement: 'home',
      audience: { attribute: 'session_count', operator: 'gte', value: 1 },
      variants: single(regular.id),
    });
    await aCampaign(api.client, ios.appId, { template: 'trial_upsell', variants: single(upsell.id) });
    const phone = await aDevice(ios.sdk);
    const tablet = await aDevice(ios.sdk);
    for (const device of [phone, tablet]) {
      const response = await ios.sdk.post(`/devices/${device.deviceId}/login`, { external_id: 'reader-7' });
      expect(response.statusCode, response.body).toBe(200);
    }
    const title = async (deviceId: string, placement: string) =>
      (await paywallAt(ios, placement, deviceId)).json().paywall?.title ?? null;
    const before = [await title(phone.deviceId, 'home'), await title(tablet.deviceId, 'trial_upsell')];

    await ios.sdk.post(`/devices/${phone.deviceId}/sessions`, { session_id: randomUUID() });
    const afterSession = await title(phone.deviceId, 'home');
    await aDevicePurchase(ios.sdk, phone.deviceId, ios.sku, { offer: 'trial', trial_days: 7 });
    const onTheOtherDevice = await title(tablet.deviceId, 'trial_upsell');

    expect(before).toEqual(['Welcome', null]);
    expect(afterSession).toBe('Regular');
    expect(onTheOtherDevice).toBe('Keep going');
  });

  test('an unchanged answer is a 304; a draft edit changes nothing until it is published', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const paywall = await aPublishedPaywall(api.client, ios.appId, null, 'First');
    await aCampaign(api.client, ios.appId, { placement: 'onboarding', variants: single(paywall.id) });
    const { deviceId } = await aDevice(ios.sdk);
    const first = await paywallAt(ios, 'onboarding', deviceId);
    const etag = String(first.headers.etag);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const again = await paywallAt(ios, 'onboarding', deviceId, etag);
    await api.client.patch(`/api/v1/apps/${ios.appId}/paywalls/${paywall.id}`, {
      content: paywallContent(null, { copy: { en: { title: 'Second', call_to_action: 'Go' } } }),
    });
    const afterEdit = await paywallAt(ios, 'onboarding', deviceId, etag);
    await api.client.post(`/api/v1/apps/${ios.appId}/paywalls/${paywall.id}/publish`);
    const afterPublish = await paywallAt(ios, 'onboarding', deviceId, etag);

    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(afterEdit.statusCode).toBe(304);
    expect(afterPublish.statusCode).toBe(200);
    expect(afterPublish.json().paywall).toMatchObject({ title: 'Second', version: 2 });
    expect(afterPublish.headers.etag).not.toBe(etag);
  });

  test('a paused or deleted campaign and a renamed SKU show in the very next answer', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const sku = await skuIdOf(ios);
    const fallback = await aPublishedPaywall(
      api.client,
      ios.appId,
      { platformId: ios.platformId, productIds: [sku] },
      'Fallback',
    );
    const special = await aPublishedPaywall(api.client, ios.appId, null, 'Special');
    await aCampaign(api.client, ios.appId, { placement: 'home', is_default: true, variants: single(fallback.id) });
    const campaign = await aCampaign(api.client, ios.appId, { placement: 'home', variants: single(special.id) });
    const { deviceId } = await aDevice(ios.sdk);
    const title = async () => (await paywallAt(ios, 'home', deviceId)).json().paywall.title;
    expect(await title()).toBe('Special');

    await api.client.patch(`/api/v1/apps/${ios.appId}/campaigns/${campaign.id}`, { paused: true });
    expect(await title()).toBe('Fallback');
    await api.client.patch(`/api/v1/apps/${ios.appId}/campaigns/${campaign.id}`, { paused: false });
    expect(await title()).toBe('Special');
    await api.client.delete(`/api/v1/apps/${ios.appId}/campaigns/${campaign.id}`);
    expect(await title()).toBe('Fallback');
    await api.client.patch(`/api/v1/apps/${ios.appId}/products/${sku}`, { name: 'Monthly, renamed' });
    expect((await paywallAt(ios, 'home', deviceId)).json().paywall.products).toEqual([
      expect.objectContaining({ id: sku, name: 'Monthly, renamed' }),
    ]);
  });

  test('a proxy’s weak form of the ETag still answers 304', async () => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];
    const paywall = await aPublishedPaywall(api.client, ios.appId, null);
    await aCampaign(api.client, ios.appId, { placement: 'onboarding', variants: single(paywall.id) });
    const { deviceId } = await aDevice(ios.sdk);
    const etag = String((await paywallAt(ios, 'onboarding', deviceId)).headers.etag);

    expect((await paywallAt(ios, 'onboarding', deviceId, `W/${etag}`)).statusCode).toBe(304);
  });

  test.each([
    ['an unknown device', () => randomUUID(), 'onboarding', 404, 'device_not_found'],
    ['a device id that is not a UUID', () => 'my-phone', 'onboarding', 400, 'validation_failed'],
    ['a placement with spaces', () => randomUUID(), 'on%20boarding', 400, 'validation_failed'],
  ])('%s is a %i', async (_case, deviceId, placement, status, code) => {
    const [ios] = (await anSdkApp(api.server, api.client)) as [SdkPlatform];

    const response = await paywallAt(ios, placement, deviceId());

    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
  });

  test("a device of another app platform is not found with this platform's key", async () => {
    const [ios, android] = (await anSdkApp(api.server, api.client, ['apple', 'google'])) as [SdkPlatform, SdkPlatform];
    const { deviceId } = await aDevice(android.sdk);

    expect((await paywallAt(ios, 'onboarding', deviceId)).statusCode).toBe(404);
  });
});
