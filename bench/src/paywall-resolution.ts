import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminCall, registerDevices } from './api.js';
import { alternate, type Figure, requestsPerSecond, spawnServer } from './harness.js';
import type { RunningTollgate } from './tollgate.js';

const BARE_SERVER = join(dirname(fileURLToPath(import.meta.url)), 'servers', 'bare-hello.ts');
const DEVICES = 1000;
const PLACEMENTS = ['onboarding', 'settings', 'home', 'player', 'win_back'];
const CAMPAIGNS_PER_PLACEMENT = 10;
const COUNTRIES = ['US', 'CA', 'GB', 'FR', 'DE', 'BR', 'JP', 'IN'];
const LANGUAGES = ['en-US', 'fr-FR', 'pt-BR', 'de-DE', 'ja-JP'];

/**
 * What each campaign's audience tests varies, so that choosing walks real rules: countries,
 * languages, session counts, journey states, app versions, mixed with AND and OR.
 */
function audienceOf(n: number): object {
  const country = { attribute: 'country', operator: 'in', value: [COUNTRIES[n % COUNTRIES.length]] };
  switch (n % 4) {
    case 0:
      return country;
    case 1:
      return { all: [country, { attribute: 'session_count', operator: 'gte', value: 3 }] };
    case 2:
      return {
        any: [
          { attribute: 'language', operator: 'in', value: ['ja'] },
          { all: [country, { attribute: 'journey_state', operator: 'is', value: 'former_subscriber' }] },
        ],
      };
    default:
      return {
        all: [
          { attribute: 'app_version', operator: 'lt', value: '1.0' },
          { attribute: 'entitlement', operator: 'has_none' },
        ],
      };
  }
}

/**
 * The paywall a device is shown (`GET /sdk/v1/placements/{placement}/paywall`), with 50
 * campaigns in the app (ten per placement, most with an audience, A/B tests among them, a
 * default for each), over 1,000 registered devices, against Fastify answering a constant at
 * the same URLs.
 */
export async function paywallResolution(tollgate: RunningTollgate, databaseUrl: string): Promise<Figure> {
  const app = await adminCall(tollgate, '/apps', { name: 'Paywall bench' });
  const platform = await adminCall<{ id: string; sdk_key: string }>(tollgate, `/apps/${app.id}/platforms`, {
    name: 'iOS',
    store: 'apple',
    marketplace_app_id: 'com.example.paywallbench',
  });
  const skus = [];
  for (const sku of ['monthly', 'annual']) {
    skus.push(
      await adminCall(tollgate, `/apps/${app.id}/products`, {
        app_platform_id: platform.id,
        sku_ref_id: `com.example.${sku}`,
        name: sku,
        type: 'subscription',
      }),
    );
  }
  const paywalls = [];
  for (let n = 0; n < 10; n++) {
    const paywall = await adminCall(tollgate, `/apps/${app.id}/paywalls`, {
      name: `Paywall ${n}`,
      content: {
        template: 'hero',
        default_locale: 'en',
        copy: {
          en: { title: `Go Premium ${n}`, body: 'Every station, no ads.', call_to_action: 'Start' },
          fr: { title: `Passez Premium ${n}`, call_to_action: 'Commencer' },
          'pt-BR': { title: `Seja Premium ${n}`, call_to_action: 'Começar' },
        },
        dismissible: true,
        products: [
          { app_platform_id: platform.id, product_ids: skus.map((sku) => sku.id), highlighted_product_id: skus[1]?.id },
        ],
      },
    });
    await adminCall(tollgate, `/apps/${app.id}/paywalls/${paywall.id}/publish`, {});
    paywalls.push(paywall);
  }
  let n = 0;
  for (const placement of PLACEMENTS) {
    for (let c = 0; c < CAMPAIGNS_PER_PLACEMENT; c++, n++) {
      const isDefault = c === CAMPAIGNS_PER_PLACEMENT - 1;
      const a = paywalls[n % paywalls.length]?.id;
      const b = paywalls[(n + 1) % paywalls.length]?.id;
      await adminCall(tollgate, `/apps/${app.id}/campaigns`, {
        name: `${placement} ${c}`,
        placement,
        is_default: isDefault,
        ...(isDefault ? {} : { audience: audienceOf(n) }),
        variants:
          n % 3 === 0
            ? [
                { key: 'A', paywall_id: a, weight: 50 },
                { key: 'B', paywall_id: b, weight: 50 },
              ]
            : [{ key: 'A', paywall_id: a, weight: 100 }],
      });
    }
  }
  const devices = await registerDevices(
    tollgate,
    databaseUrl,
    platform.sdk_key,
    Array.from({ length: DEVICES }, (_, index) => ({
      os: 'ios',
      country: COUNTRIES[index % COUNTRIES.length],
      language: LANGUAGES[index % LANGUAGES.length],
      app_version: `${index % 3}.${index % 10}`,
    })),
  );
  let turn = 0;
  const get = () => {
    turn++;
    return `/sdk/v1/placements/${PLACEMENTS[turn % PLACEMENTS.length]}/paywall?device_id=${devices[turn % DEVICES]}`;
  };
  const bare = await spawnServer(BARE_SERVER, {});
  try {
    const load = { seconds: 5, connections: 10 };
    // Five rounds, not three: each takes seconds, and the ratio of two fast routes is the noisiest here.
    const { value, baseline } = await alternate(
      5,
      () =>
        requestsPerSecond({
          ...load,
          url: tollgate.url,
          headers: { authorization: `Bearer ${platform.sdk_key}` },
          get,
        }),
      () => requestsPerSecond({ ...load, url: bare.url, get }),
    );
    return {
      name: 'Paywall at a placement: GET /sdk/v1/placements/{p}/paywall, 50 campaigns',
      value,
      baselineName: 'bare Fastify hello, same URLs',
      baseline,
      unit: 'req/s',
      goal: '>= 0.5',
    };
  } finally {
    await bare.stop();
  }
}
