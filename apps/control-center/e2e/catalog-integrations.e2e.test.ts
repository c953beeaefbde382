import {
  type AmplitudeFake,
  type MparticleFake,
  startAmplitudeFake,
  startMparticleFake,
  testDriver,
} from '@tollgate/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, openBrowser, screenshot } from '../testing/browser.js';
import { expectAccessible, settled } from '../testing/page-checks.js';
import { type RunningTollgate, startTollgate } from '../testing/tollgate.js';

// The Catalog and Integrations screens, in Debian's Chromium against the built server with the
// seeded demo app (iOS and Android): what to paste into the stores, and integrations set up
// against local fakes of Amplitude and mParticle, tested and seen in the delivery log.

interface Platform {
  id: string;
  name: string;
  store: string;
  sdk_key: string;
  apple: { notification_url: string } | null;
  google: { notification_url: string } | null;
}

const SCREENSHOTS = { enabled: process.env.TOLLGATE_SCREENSHOTS === '1' && testDriver() === 'pglite' };
const FEEDS = {
  iOS: { key: 'ios-s2s-key', secret: 'ios-s2s-secret' },
  Android: { key: 'android-s2s-key', secret: 'android-s2s-secret' },
};
const AMPLITUDE_KEY = 'amplitude-api-key-0001';

let tollgate: RunningTollgate;
let browser: Browser;
let page: Page;
let amplitude: AmplitudeFake;
let mparticle: MparticleFake;
let appId: string;
let platforms: Platform[];

async function apiGet<T>(path: string): Promise<T> {
  const response = await fetch(`${tollgate.url}${path}`, { headers: { authorization: `Bearer ${tollgate.apiKey}` } });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

/** Sends a test event from the integration's page and waits for the vendor's answer. */
async function sendTestEvent(): Promise<string> {
  await page.getByRole('button', { name: 'Send test event' }).click();
  const result = page.locator('.test-result');
  await result.waitFor();
  return result.innerText();
}

async function logRows(): Promise<string[]> {
  const log = page.getByRole('table', { name: 'Delivery log, newest first' });
  await log.waitFor();
  await settled(page);
  return log.locator('tbody tr').allInnerTexts();
}

beforeAll(async () => {
  [tollgate, amplitude, mparticle] = await Promise.all([
    startTollgate(),
    startAmplitudeFake({ apiKeys: [AMPLITUDE_KEY] }),
    startMparticleFake({ feeds: Object.values(FEEDS) }),
  ]);
  await tollgate.run(['seed', '--users', '2', '--seed', '11', '--url', tollgate.url], {
    TOLLGATE_API_KEY: tollgate.apiKey,
  });
  appId = (await apiGet<{ data: { id: string }[] }>('/api/v1/apps')).data[0]?.id ?? '';
  platforms = (await apiGet<{ data: Platform[] }>(`/api/v1/apps/${appId}/platforms`)).data;
  browser = await openBrowser();
  page = browser.page;
  await page.goto(tollgate.url);
  await page.getByLabel('E-mail').fill(tollgate.email);
  await page.getByLabel('Password').fill(tollgate.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Customers' }).waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([tollgate?.stop(), amplitude?.close(), mparticle?.close()]);
});

describe('the Catalog', () => {
  test('shows each platform’s notification URL and SDK key to paste, with copy buttons', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('heading', { name: 'Catalog', exact: true }).waitFor();
    await settled(page);
    expect(platforms.map((p) => p.store).sort()).toEqual(['apple', 'google']);
    for (const platform of platforms) {
      const card = page.getByRole('listitem', { name: new RegExp(`^${platform.name}`) });
      const text = await card.innerText();
      expect(text).toContain(platform.sdk_key);
      const url = platform.apple?.notification_url ?? platform.google?.notification_url ?? '';
      expect(url).toMatch(new RegExp(`/stores/${platform.store}/${platform.id}/notifications$`));
      expect(text).toContain(url);
      expect(text).toContain(platform.store === 'apple' ? 'Apple notification URL' : 'Google notification URL');
      expect(await card.getByRole('button', { name: /^Copy / }).count()).toBe(2);
    }
    const skus = await page.getByRole('table', { name: 'Product SKUs' }).locator('tbody tr').allInnerTexts();
    expect(skus).toHaveLength(6);
    const annual = skus.find((row) => row.includes('radio.premium.annual')) ?? '';
    // The Grants cell (the SKU id has "premium" in it too), before the row's Edit and Delete.
    expect(annual).toMatch(/\toffline, premium\t/);
    await expectAccessible(page, 'catalog');
    await screenshot(page, 'catalog', SCREENSHOTS);
  });

  test('shows the API’s field error beside the field, then adds an entitlement and a SKU granting it', async () => {
    await page.getByRole('button', { name: '+ Add entitlement' }).click();
    const refId = page.getByLabel('Entitlement ID');
    await refId.fill('not valid!');
    await page.getByLabel('Name', { exact: true }).fill('Gold');
    await page.getByRole('button', { name: 'Add entitlement' }).click();
    await page.locator('.field-error').first().waitFor();
    expect(await refId.getAttribute('aria-invalid')).toBe('true');
    const described = await refId.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).innerText()).toMatch(/^Use letters, digits/);
    await refId.fill('gold');
    await page.getByRole('button', { name: 'Add entitlement' }).click();
    await page.getByRole('cell', { name: 'gold', exact: true }).waitFor();

    await page.getByRole('button', { name: '+ Add SKU' }).click();
    await page.getByLabel("SKU ID (the store's product id)").fill('radio.gold.monthly');
    await page.getByLabel('Name', { exact: true }).fill('Gold monthly');
    await page.getByRole('group', { name: 'Entitlements it grants' }).getByLabel(/^Gold/).check();
    await page.getByRole('button', { name: 'Add SKU' }).click();
    const row = page.getByRole('row', { name: /radio\.gold\.monthly/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('gold');
  });
});

describe('Integrations', () => {
  test('sets up Amplitude, sends a test event to the fake and sees it in the log', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Set up Amplitude' }).click();
    await page.getByRole('heading', { name: 'New Amplitude integration' }).waitFor();
    expect(await page.getByRole('switch', { name: 'Enable Integration' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /^Standard endpoint/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /^EU residency endpoint/ }).count()).toBe(1);
    expect(await page.getByLabel('User ID').locator('option').allInnerTexts()).toEqual(['External ID', 'Nami User ID']);
    const groups = await page.locator('.event-group summary').allInnerTexts();
    expect(groups.map((g) => g.replace(/\s*\(.*$/, ''))).toEqual([
      'Device events',
      'Trial events',
      'Subscription events',
    ]);
    await expectAccessible(page, 'new Amplitude integration');

    // The API's refusal shows beside the field it names.
    await page.getByLabel('Name', { exact: true }).fill('Amplitude (fake)');
    await page.getByRole('radio', { name: 'Custom URL' }).check();
    await page.getByLabel('Amplitude Endpoint URL').fill(amplitude.endpoint);
    await page.getByRole('button', { name: 'Add New Integration' }).click();
    const apiKey = page.getByLabel('API Key', { exact: true });
    await page.locator('.field-error').first().waitFor();
    expect(await apiKey.getAttribute('aria-invalid')).toBe('true');

    // Select-all per group: device events off, then one back on.
    await page.getByLabel('Select all device events').uncheck();
    await page.getByLabel('device.transaction').check();
    await apiKey.fill(AMPLITUDE_KEY);
    await page.getByRole('button', { name: 'Add New Integration' }).click();
    await page.getByRole('heading', { name: /^Amplitude \(fake\)/ }).waitFor();
    const created = await apiGet<{ data: { kind: string; event_types: string[]; amplitude: { api_key: string } }[] }>(
      `/api/v1/apps/${appId}/integrations`,
    );
    expect(created.data[0]?.event_types).toHaveLength(12);
    expect(created.data[0]?.event_types).not.toContain('device.impression');
    // Secrets show only as the API's hint.
    expect(await page.content()).not.toContain(AMPLITUDE_KEY);

    const result = await sendTestEvent();
    expect(result).toContain('delivered');
    expect(result).toContain('200');
    expect(amplitude.events.length).toBeGreaterThanOrEqual(1);
    expect(amplitude.events[0]?.apiKey).toBe(AMPLITUDE_KEY);
    const rows = await logRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Test');
    expect(rows[0]).toContain('delivered');
    await expectAccessible(page, 'Amplitude integration');
    await screenshot(page, 'integration-amplitude', SCREENSHOTS);
    await page.getByRole('heading', { name: 'Delivery log' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'integration-log', { ...SCREENSHOTS, fullPage: false });

    await page.getByRole('button', { name: 'Replay dead deliveries' }).click();
    await page.getByText('No dead deliveries to replay.').waitFor();
  });

  test('sets up an mParticle feed per platform, the legacy mode labelled so, and tests each', async () => {
    for (const platform of platforms) {
      const feed = FEEDS[platform.name as keyof typeof FEEDS];
      await page.getByRole('link', { name: '← Integrations' }).click();
      await page.getByRole('link', { name: '+ Add mParticle feed' }).click();
      await page.getByRole('heading', { name: 'New mParticle feed' }).waitFor();
      expect(await page.getByRole('radio', { name: 'Enable for events from only selected platform' }).isChecked()).toBe(
        true,
      );
      const legacy = page.getByRole('radio', { name: /App and all Platforms/ });
      expect(await legacy.isChecked()).toBe(false);
      expect(await page.locator('label', { has: legacy }).innerText()).toContain('Legacy');
      await page.getByText('should not be used for new feeds').waitFor();
      await page.getByLabel('Platform', { exact: true }).selectOption(platform.id);
      await page.getByLabel('Name', { exact: true }).fill(`mParticle ${platform.name} feed`);
      await page.getByLabel('Server to Server Key').fill(feed.key);
      await page.getByLabel('Server to Server Secret').fill(feed.secret);
      expect(await page.getByLabel('Customer ID').inputValue()).toBe('external_id');
      await page.getByRole('radio', { name: 'Custom URL' }).check();
      await page.getByLabel('mParticle pod URL').fill(mparticle.baseUrl);
      if (platform === platforms[0]) {
        await expectAccessible(page, 'new mParticle feed');
      }
      await page.getByRole('button', { name: 'Add New Integration' }).click();
      await page.getByRole('heading', { name: new RegExp(`^mParticle ${platform.name} feed`) }).waitFor();

      const result = await sendTestEvent();
      expect(result).toContain('delivered');
      expect(mparticle.requests.some((request) => request.feedKey === feed.key)).toBe(true);
      expect(await logRows()).toHaveLength(1);
    }
  });

  test('a second feed for a platform is refused beside the platform; webhooks show their secret once', async () => {
    await page.getByRole('link', { name: '← Integrations' }).click();
    await page.getByRole('link', { name: '+ Add mParticle feed' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Another feed');
    await page.getByLabel('Server to Server Key').fill('k');
    await page.getByLabel('Server to Server Secret').fill('s');
    await page.getByRole('button', { name: 'Add New Integration' }).click();
    const platform = page.getByLabel('Platform', { exact: true });
    await page.locator('.field-error').first().waitFor();
    expect(await platform.getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('link', { name: '← Integrations' }).click();
    await page.getByRole('link', { name: '+ Add webhook' }).click();
    expect(await page.locator('.event-group input[type="checkbox"]:not(.check-all input)').count()).toBe(20);
    await page.getByLabel('Name', { exact: true }).fill('Our receiver');
    await page.getByLabel('URL', { exact: true }).fill('https://hooks.example.com/tollgate');
    await page.getByRole('button', { name: 'Add New Integration' }).click();
    await page.getByText('you will not see it again').waitFor();
    expect(await page.locator('.secret .copy-value code').innerText()).toMatch(/^whsec_/);
    await page.getByRole('link', { name: 'Continue to the webhook' }).click();
    await page.getByRole('heading', { name: /^Our receiver/ }).waitFor();
    const firstSecret = await page.getByRole('region', { name: 'Signing secret' }).locator('code').first().innerText();
    expect(firstSecret).toMatch(/^••••/);
    await page.getByRole('button', { name: 'Rotate signing secret' }).click();
    await page
      .getByRole('group', { name: 'Rotate the signing secret?' })
      .getByRole('button', { name: 'Rotate now' })
      .click();
    await page.getByText('Copy the new secret now').waitFor();
    const rotated = await page.locator('.secret .copy-value code').innerText();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated.endsWith(firstSecret.slice(4))).toBe(false);
    await expectAccessible(page, 'webhook secret rotated');

    await page.getByRole('link', { name: '← Integrations' }).click();
    await settled(page);
    const tiles = page.getByRole('list', { name: 'All Integrations' });
    expect(await tiles.getByRole('link').allInnerTexts()).toEqual([
      'Amplitude (fake)',
      'mParticle iOS feed',
      'mParticle Android feed',
      '+ Add mParticle feed',
      'Our receiver',
      '+ Add webhook',
    ]);
    expect(await tiles.locator('.pill-active').count()).toBe(4);
    await expectAccessible(page, 'integrations');
    await screenshot(page, 'integrations', SCREENSHOTS);
  });
});
