import type { SeedApi } from './api.js';
import { DEMO_SKUS, type DemoApp, type DemoPlatform } from './demo-app.js';
import type { Random } from './random.js';

const DAY_MS = 86_400_000;

const DEVICES = {
  apple: {
    os: 'ios',
    models: ['iPhone15,2', 'iPhone15,3', 'iPhone16,1', 'iPhone16,2', 'iPhone17,1', 'iPad14,3'],
    versions: ['17.5', '18.1', '18.3', '26.0', '26.1'],
  },
  google: {
    os: 'android',
    models: ['Pixel 8', 'Pixel 9 Pro', 'SM-S918B', 'SM-A546B', 'moto g84', 'OnePlus 12'],
    versions: ['13', '14', '15', '16'],
  },
} as const;
const LANGUAGES = ['en', 'en-GB', 'de', 'fr', 'es', 'pt-BR', 'ja', 'it', 'nl', 'sv'];
const COUNTRIES = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'ES', 'BR', 'JP', 'CA', 'AU', 'IT', 'NL', 'SE'];
const CURRENCY: Record<string, { currency: string; monthly: number; annual: number; lifetime: number }> = {
  US: { currency: 'USD', monthly: 9_990_000, annual: 79_990_000, lifetime: 149_990_000 },
  GB: { currency: 'GBP', monthly: 8_990_000, annual: 69_990_000, lifetime: 129_990_000 },
  JP: { currency: 'JPY', monthly: 980_000_000, annual: 7_800_000_000, lifetime: 9_800_000_000 },
  BR: { currency: 'BRL', monthly: 34_900_000, annual: 279_900_000, lifetime: 549_900_000 },
};
const EURO = { currency: 'EUR', monthly: 9_990_000, annual: 79_990_000, lifetime: 149_990_000 };

export interface DemoCustomerOptions {
  api: SeedApi;
  adminKey: string;
  app: DemoApp;
  random: Random;
  index: number;
  now: number;
}

/**
 * One demo customer's life, told through the public APIs as devices and stores would: a
 * device (sometimes two), sessions over the last months, a sign-in for most, paywalls seen,
 * and for some a purchase that renews, lapses or is refunded along the way.
 */
export async function seedCustomer(options: DemoCustomerOptions): Promise<void> {
  const { random, app, now } = options;
  const first = now - random.int(1, 180) * DAY_MS;
  const country = random.pick(COUNTRIES);
  const platform = random.chance(0.6) ? app.platforms[0] : app.platforms[1];
  if (!platform) {
    throw new Error('the demo app has no platforms');
  }
  const deviceId = await device(options, platform, country);
  // Most sign in on the first launch; the rest of their sessions count for the signed-in user.
  const launched = random.chance(0.9);
  if (launched) {
    await sessions(options, platform, deviceId, [first]);
  }
  const externalId = random.chance(0.65) ? `listener-${String(options.index).padStart(6, '0')}` : null;
  if (externalId) {
    await logIn(options, platform, deviceId, externalId, first + 5 * 60_000);
    if (random.chance(0.15)) {
      const other = app.platforms.find((candidate) => candidate.id !== platform.id);
      if (other) {
        const since = Math.min(first + random.int(1, 30) * DAY_MS, now);
        const second = await device(options, other, country);
        await logIn(options, other, second, externalId, since);
        await sessions(options, other, second, [since, ...timesSince(options, since, random.int(0, 11))]);
      }
    }
  }
  if (launched) {
    await sessions(options, platform, deviceId, timesSince(options, first + DAY_MS, random.int(0, 23)));
  }
  const buys = random.chance(0.35);
  const boughtAt = first + random.int(0, 3) * DAY_MS;
  // Buyers saw the onboarding paywall shortly before; half the others saw it some time.
  if (buys || random.chance(0.5)) {
    const shownAt = buys ? boughtAt - random.int(5, 600) * 60_000 : first + random.int(0, now - first);
    await showOnboarding(options, platform, deviceId, Math.max(first, shownAt));
  }
  if (buys) {
    await purchase(options, platform, deviceId, country, boughtAt);
  }
}

/** What the app does: asks which paywall to show, shows it, and says so. */
async function showOnboarding(options: DemoCustomerOptions, platform: DemoPlatform, deviceId: string, at: number) {
  const answer = await options.api.call<{
    paywall: { id: string } | null;
    campaign: { id: string; variant: string } | null;
  }>('GET', `/sdk/v1/placements/onboarding/paywall?device_id=${deviceId}`, platform.sdkKey);
  if (!answer.paywall || !answer.campaign) {
    return;
  }
  await options.api.call('POST', `/sdk/v1/devices/${deviceId}/impressions`, platform.sdkKey, {
    impression_id: options.random.uuid(),
    paywall_id: answer.paywall.id,
    campaign_id: answer.campaign.id,
    variant: answer.campaign.variant,
    occurred_at: new Date(at).toISOString(),
  });
}

async function device(options: DemoCustomerOptions, platform: DemoPlatform, country: string): Promise<string> {
  const { random } = options;
  const kind = DEVICES[platform.store];
  const deviceId = random.uuid();
  await options.api.call('PUT', `/sdk/v1/devices/${deviceId}`, platform.sdkKey, {
    os: kind.os,
    os_version: random.pick(kind.versions),
    model: random.pick(kind.models),
    language: random.pick(LANGUAGES),
    country,
    sdk_version: random.pick(['1.4.0', '1.5.2', '2.0.1']),
    app_version: random.pick(['4.2.0', '4.3.1', '5.0.0']),
  });
  return deviceId;
}

function logIn(options: DemoCustomerOptions, platform: DemoPlatform, deviceId: string, externalId: string, at: number) {
  return options.api.call('POST', `/sdk/v1/devices/${deviceId}/login`, platform.sdkKey, {
    external_id: externalId,
    occurred_at: new Date(Math.min(at, options.now)).toISOString(),
  });
}

/** `count` moments from `from` until now, in order. */
function timesSince(options: DemoCustomerOptions, from: number, count: number): number[] {
  const span = Math.max(0, options.now - from);
  return Array.from({ length: count }, () => from + options.random.int(0, span)).sort((a, b) => a - b);
}

async function sessions(options: DemoCustomerOptions, platform: DemoPlatform, deviceId: string, starts: number[]) {
  const { random, now } = options;
  for (const start of starts) {
    const sessionId = random.uuid();
    await options.api.call('POST', `/sdk/v1/devices/${deviceId}/sessions`, platform.sdkKey, {
      session_id: sessionId,
      started_at: new Date(start).toISOString(),
    });
    await options.api.call('POST', `/sdk/v1/devices/${deviceId}/sessions/${sessionId}/end`, platform.sdkKey, {
      ended_at: new Date(Math.min(start + random.int(1, 45) * 60_000, now)).toISOString(),
    });
  }
}

async function purchase(
  options: DemoCustomerOptions,
  platform: DemoPlatform,
  deviceId: string,
  country: string,
  at: number,
) {
  const { api, adminKey, app, random, now } = options;
  const prices = CURRENCY[country] ?? EURO;
  const info = await api.call<{ user_id: string }>('GET', `/sdk/v1/devices/${deviceId}/customer-info`, platform.sdkKey);
  const sku = random.pick([DEMO_SKUS.monthly, DEMO_SKUS.monthly, DEMO_SKUS.annual, DEMO_SKUS.lifetime]);
  const price = sku === DEMO_SKUS.monthly ? prices.monthly : sku === DEMO_SKUS.annual ? prices.annual : prices.lifetime;
  const periodDays = sku === DEMO_SKUS.annual ? 365 : 30;
  const trial = sku !== DEMO_SKUS.lifetime && random.chance(0.3);
  const base = `/api/v1/apps/${app.appId}/test-store/purchases`;
  const bought = await api.call<{ purchase_id: string }>('POST', base, adminKey, {
    app_platform_id: platform.id,
    sku_ref_id: sku,
    user_id: info.user_id,
    offer: trial ? 'trial' : 'none',
    price_micros: price,
    currency: prices.currency,
    period_days: periodDays,
    at: new Date(at).toISOString(),
  });
  if (sku === DEMO_SKUS.lifetime) {
    if (random.chance(0.03)) {
      await step(options, bought.purchase_id, 'refund', at + random.int(1, 10) * DAY_MS);
    }
    return;
  }
  // Renew period after period until today, unless the customer stops or a payment fails.
  let end = at + (trial ? 7 : periodDays) * DAY_MS;
  while (end <= now) {
    const roll = random.next();
    if (roll < 0.12) {
      await step(options, bought.purchase_id, 'cancel', end - random.int(1, 5) * DAY_MS);
      await step(options, bought.purchase_id, 'expire', end);
      return;
    }
    if (roll < 0.16) {
      await step(options, bought.purchase_id, 'fail_billing', end);
      if (random.chance(0.5)) {
        await step(options, bought.purchase_id, 'recover', end + 2 * DAY_MS, periodDays);
        end += (2 + periodDays) * DAY_MS;
        continue;
      }
      await step(options, bought.purchase_id, 'expire', end + 6 * DAY_MS);
      return;
    }
    await step(options, bought.purchase_id, 'renew', end, periodDays);
    end += periodDays * DAY_MS;
  }
  if (random.chance(0.15)) {
    await step(options, bought.purchase_id, 'cancel', now - random.int(0, 3) * DAY_MS);
  }
}

function step(options: DemoCustomerOptions, purchaseId: string, action: string, at: number, periodDays = 30) {
  return options.api.call(
    'POST',
    `/api/v1/apps/${options.app.appId}/test-store/purchases/${purchaseId}/actions`,
    options.adminKey,
    { action, at: new Date(Math.min(at, options.now)).toISOString(), period_days: periodDays },
  );
}
