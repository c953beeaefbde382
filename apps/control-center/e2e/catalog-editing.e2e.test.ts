import { randomBytes, randomUUID } from 'node:crypto';
import { startWebhookReceiver, type WebhookReceiver } from '@tollgate/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, openBrowser } from '../testing/browser.js';
import { expectAccessible, expectFocusOn, settled } from '../testing/page-checks.js';
import { type RunningTollgate, startTollgate } from '../testing/tollgate.js';

// Making and changing a catalog in the Control Center, in Debian's Chromium against the built server
// on an empty database: an app made from the home page, renamed; a platform, entitlements and SKUs
// added, edited and deleted (and a deletion the API refuses); then an integration's deliveries paged.

const IMPRESSIONS = 25;

let tollgate: RunningTollgate;
let receiver: WebhookReceiver;
let browser: Browser;
let page: Page;

async function api<T>(method: string, path: string, key: string, body?: object): Promise<T> {
  const response = await fetch(`${tollgate.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${path}: ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}

const button = (name: string) => page.getByRole('button', { name, exact: true });

const appName = () => page.getByLabel('App', { exact: true }).locator('option:checked').innerText();
const rows = (table: string) => page.getByRole('table', { name: table }).locator('tbody tr');
const dialog = () => page.getByRole('dialog');
const entitlementCell = (refId: string) =>
  page.getByRole('table', { name: 'Entitlements' }).getByRole('cell', { name: refId, exact: true });
const appIdInUrl = () => /\/apps\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? '';

beforeAll(async () => {
  [tollgate, receiver] = await Promise.all([
    startTollgate(),
    startWebhookReceiver({ secret: `whsec_${randomBytes(24).toString('base64')}` }),
  ]);
  browser = await openBrowser();
  page = browser.page;
  await page.goto(tollgate.url);
  await page.getByLabel('E-mail').fill(tollgate.email);
  await page.getByLabel('Password').fill(tollgate.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('No apps yet').waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([tollgate?.stop(), receiver?.close()]);
});

describe('making an app', () => {
  test('the home page offers “+ New app” when there is none; the API’s error shows beside the name', async () => {
    await expectAccessible(page, 'home without apps');
    await page.getByRole('link', { name: '+ New app' }).click();
    await page.getByRole('heading', { name: 'New app' }).waitFor();
    await expectAccessible(page, 'new app');

    const name = page.getByLabel('App name');
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.locator('.field-error').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const described = await name.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).innerText()).toBe('Must not be empty');

    await name.fill('Podcasts');
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('heading', { name: 'Catalog', exact: true }).waitFor();
    expect(page.url()).toMatch(/\/apps\/[0-9a-f-]{36}\/catalog$/);
    await settled(page);
    for (const empty of ['No platforms yet', 'No entitlements yet', 'No product SKUs yet']) {
      await page.getByText(empty).waitFor();
    }
    expect(await appName()).toBe('Podcasts');
    await expectAccessible(page, 'empty catalog');
  });

  test('renames the app: the Catalog and the switcher show the new name, and focus comes back', async () => {
    await page.getByRole('button', { name: 'Rename app' }).click();
    const name = page.getByLabel('App name');
    expect(await name.inputValue()).toBe('Podcasts');
    // The form takes focus where it opens.
    await expectFocusOn(page, name);
    await name.fill('Podcasts Plus');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.locator('.title-with-name').getByText('Podcasts Plus').waitFor();
    expect(await appName()).toBe('Podcasts Plus');
    await expectFocusOn(page, button('Rename app'));
  });
});

describe('editing the Catalog', () => {
  test('adds a platform and renames it; its store stays as it was', async () => {
    await page.getByRole('button', { name: '+ Add platform' }).click();
    await page.getByLabel('Name', { exact: true }).fill('iOS');
    await page.getByLabel('Bundle ID').fill('com.example.podcasts');
    await page.getByRole('button', { name: 'Add platform' }).click();
    await page.getByRole('listitem', { name: /^iOS/ }).waitFor();

    await page.getByRole('button', { name: 'Edit platform “iOS”' }).click();
    await page.getByRole('heading', { name: 'Edit platform “iOS”' }).waitFor();
    expect(await page.getByLabel('Store', { exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Name', { exact: true }).fill('iPhone');
    await page.getByRole('button', { name: 'Save platform' }).click();
    const card = page.getByRole('listitem', { name: /^iPhone/ });
    await card.waitFor();
    expect(await card.innerText()).toContain('com.example.podcasts');
    await expectFocusOn(page, button('Edit platform “iPhone”'));
  });

  test('adds an entitlement, then edits it: a refused ID shows beside its field first', async () => {
    await page.getByRole('button', { name: '+ Add entitlement' }).click();
    await page.getByLabel('Entitlement ID').fill('plus');
    await page.getByLabel('Name', { exact: true }).fill('Plus');
    await page.getByRole('button', { name: 'Add entitlement' }).click();
    await entitlementCell('plus').waitFor();
    await expectFocusOn(page, button('+ Add entitlement'));

    await page.getByRole('button', { name: 'Edit entitlement “plus”' }).click();
    await page.getByRole('heading', { name: 'Edit entitlement “plus”' }).waitFor();
    const refId = page.getByLabel('Entitlement ID');
    expect(await refId.inputValue()).toBe('plus');
    await refId.fill('not valid!');
    await page.getByText('those still checking for “plus” will not find it').waitFor();
    await page.getByRole('button', { name: 'Save entitlement' }).click();
    await page.locator('.field-error').waitFor();
    expect(await refId.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'edit entitlement, refused');

    await refId.fill('plus');
    await page.getByLabel('Name', { exact: true }).fill('Plus tier');
    await page.getByLabel('Description').fill('No ads, early episodes');
    await page.getByRole('button', { name: 'Save entitlement' }).click();
    await page.getByRole('heading', { name: 'Edit entitlement “plus”' }).waitFor({ state: 'detached' });
    expect(await rows('Entitlements').allInnerTexts()).toEqual([
      expect.stringMatching(/^plus\tPlus tier\tNo ads, early episodes\t/),
    ]);

    await page.getByRole('button', { name: '+ Add entitlement' }).click();
    await page.getByLabel('Entitlement ID').fill('offline');
    await page.getByLabel('Name', { exact: true }).fill('Offline');
    await page.getByRole('button', { name: 'Add entitlement' }).click();
    await entitlementCell('offline').waitFor();
  });

  test('adds a SKU granting an entitlement, then changes its name and what it grants', async () => {
    await page.getByRole('button', { name: '+ Add SKU' }).click();
    await page.getByLabel("SKU ID (the store's product id)").fill('podcasts.plus.monthly');
    await page.getByLabel('Name', { exact: true }).fill('Plus monthly');
    const grants = page.getByRole('group', { name: 'Entitlements it grants' });
    await grants.getByLabel(/^Plus tier/).check();
    await page.getByRole('button', { name: 'Add SKU' }).click();
    const row = page.getByRole('row', { name: /podcasts\.plus\.monthly/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Plus monthly\tSubscription\tiPhone\tplus\t/);

    await page.getByRole('button', { name: 'Edit SKU “podcasts.plus.monthly” on iPhone' }).click();
    await page.getByRole('heading', { name: 'Edit SKU “podcasts.plus.monthly”' }).waitFor();
    expect(await page.getByLabel('Platform', { exact: true }).isDisabled()).toBe(true);
    expect(await grants.getByLabel(/^Plus tier/).isChecked()).toBe(true);
    expect(await grants.getByLabel(/^Offline/).isChecked()).toBe(false);
    await page.getByLabel('Name', { exact: true }).fill('Plus, monthly');
    await grants.getByLabel(/^Offline/).check();
    await expectAccessible(page, 'edit SKU');
    await page.getByRole('button', { name: 'Save SKU' }).click();
    await page.getByRole('heading', { name: 'Edit SKU “podcasts.plus.monthly”' }).waitFor({ state: 'detached' });
    await settled(page);
    expect(await row.innerText()).toMatch(/Plus, monthly\tSubscription\tiPhone\toffline, plus\t/);
  });

  test('deleting an entitlement a SKU grants is refused, and the dialog says why', async () => {
    const opener = page.getByRole('button', { name: 'Delete entitlement “plus”' });
    await opener.click();
    await dialog().waitFor();
    expect(await dialog().getByRole('heading').innerText()).toBe('Delete entitlement “plus”?');
    expect(await dialog().innerText()).toContain('Granted by podcasts.plus.monthly');
    // Nothing is deleted by an Enter that follows the click: Cancel has focus.
    await expectFocusOn(page, button('Cancel'));
    await expectAccessible(page, 'delete entitlement dialog');

    await dialog().getByRole('button', { name: 'Delete entitlement “plus”' }).click();
    const refusal = dialog().getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/^Not deleted\. Product SKU\(s\) podcasts\.plus\.monthly grant this/);
    await dialog().getByRole('button', { name: 'Remove it from those SKUs and delete it' }).waitFor();
    await expectAccessible(page, 'delete entitlement refused');

    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await entitlementCell('plus').waitFor();
    await expectFocusOn(page, button('Delete entitlement “plus”'));
  });

  test('deletes the SKU, then the entitlement it granted', async () => {
    await page.getByRole('button', { name: 'Delete SKU “podcasts.plus.monthly” on iPhone' }).click();
    expect(await dialog().innerText()).toContain('customers who bought it no longer get offline, plus from it');
    await dialog().getByRole('button', { name: 'Delete SKU “podcasts.plus.monthly” on iPhone' }).click();
    await page.getByText('No product SKUs yet').waitFor();
    expect(await dialog().count()).toBe(0);
    // Its row went with it: focus goes to the heading of the list it was in.
    await expectFocusOn(page, page.getByRole('heading', { name: 'Product SKUs' }));

    await page.getByRole('button', { name: 'Delete entitlement “plus”' }).click();
    expect(await dialog().innerText()).toContain('No SKU grants it.');
    await dialog().getByRole('button', { name: 'Delete entitlement “plus”' }).click();
    await dialog().waitFor({ state: 'detached' });
    await settled(page);
    expect(await rows('Entitlements').allInnerTexts()).toEqual([expect.stringMatching(/^offline\tOffline\t—\t/)]);
    await expectAccessible(page, 'catalog after deleting');
  });
});

describe('an integration’s deliveries', () => {
  test('page 20 at a time, the page in the URL, apart from the delivery log', async () => {
    const appId = appIdInUrl();
    const [platform] = (
      await api<{ data: { sdk_key: string }[] }>('GET', `/api/v1/apps/${appId}/platforms`, tollgate.apiKey)
    ).data;
    const webhook = await api<{ id: string }>('POST', `/api/v1/apps/${appId}/integrations`, tollgate.apiKey, {
      kind: 'webhook',
      name: 'Impressions receiver',
      url: receiver.url,
      event_types: ['device.impression'],
    });
    // A device shows a paywall 25 times: 25 device.impression events, each one delivery.
    const sdkKey = platform?.sdk_key ?? '';
    const deviceId = randomUUID();
    await api('PUT', `/sdk/v1/devices/${deviceId}`, sdkKey, { os: 'ios', model: 'iPhone16,2' });
    for (let i = 0; i < IMPRESSIONS; i++) {
      await api('POST', `/sdk/v1/devices/${deviceId}/impressions`, sdkKey, {
        impression_id: randomUUID(),
        paywall_id: 'onboarding',
      });
    }

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('link', { name: 'Impressions receiver' }).click();
    await page.getByRole('heading', { name: /^Impressions receiver/ }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/integrations/${webhook.id}$`));
    await settled(page);
    const deliveries = rows('Deliveries, newest event first');
    const pager = page.getByRole('navigation', { name: 'Deliveries pages' });
    expect(await deliveries.count()).toBe(20);
    expect(await pager.innerText()).toContain('Page 1');
    expect(await pager.getByRole('button', { name: '← Previous' }).isDisabled()).toBe(true);
    const firstPage = await deliveries.allInnerTexts();
    await expectAccessible(page, 'integration with paged deliveries');

    await pager.getByRole('button', { name: 'Next →' }).click();
    await settled(page);
    expect(await deliveries.count()).toBe(IMPRESSIONS - 20);
    expect(await pager.innerText()).toContain('Page 2');
    expect(await pager.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
    expect(new URL(page.url()).searchParams.getAll('deliveries_cursor')).toHaveLength(1);
    // The delivery log keeps its own page.
    expect(new URL(page.url()).searchParams.has('cursor')).toBe(false);

    await page.reload();
    await page.getByRole('heading', { name: /^Impressions receiver/ }).waitFor();
    await settled(page);
    expect(await deliveries.count()).toBe(IMPRESSIONS - 20);
    for (const text of await deliveries.allInnerTexts()) {
      expect(text).toMatch(/^device\.impression\t/);
    }

    await pager.getByRole('button', { name: '← Previous' }).click();
    await settled(page);
    expect(await deliveries.count()).toBe(20);
    expect(new URL(page.url()).searchParams.has('deliveries_cursor')).toBe(false);
    // The same events as before, though their status may have moved on since.
    const eventCells = (texts: string[]) => texts.map((text) => text.split('\t').slice(0, 2).join('\t'));
    expect(eventCells(await deliveries.allInnerTexts())).toEqual(eventCells(firstPage));
  });
});

describe('deleting an app', () => {
  test('names what goes with it, and keeps an app with customers', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('heading', { name: 'Catalog', exact: true }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Delete app' }).click();
    await dialog().waitFor();
    expect(await dialog().innerText()).toContain(
      '1 platform (their SDK keys stop working), 1 entitlement, 0 product SKUs and 1 integration. So do its 0 paywalls and 0 campaigns',
    );
    await expectAccessible(page, 'delete app dialog');
    await dialog().getByRole('button', { name: 'Delete app “Podcasts Plus”' }).click();
    expect(await dialog().getByRole('alert').innerText()).toContain('The app has customers');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
    await expectFocusOn(page, button('Delete app'));
  });

  test('deletes an app with no customers, from the switcher’s “+ New app” to its Catalog and back', async () => {
    await page.getByRole('link', { name: '+ New app' }).click();
    await page.getByLabel('App name').fill('Scratch');
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('heading', { name: 'Catalog', exact: true }).waitFor();
    expect(await appName()).toBe('Scratch');

    // A platform selling a SKU: refused, then deleted with its SKU by the second, plainly named button.
    const base = `/api/v1/apps/${appIdInUrl()}`;
    const android = await api<{ id: string }>('POST', `${base}/platforms`, tollgate.apiKey, {
      name: 'Android',
      store: 'google',
      marketplace_app_id: 'com.example.scratch',
    });
    await api('POST', `${base}/products`, tollgate.apiKey, {
      app_platform_id: android.id,
      sku_ref_id: 'scratch.monthly',
      name: 'Scratch monthly',
      type: 'subscription',
    });
    await page.reload();
    await page.getByRole('listitem', { name: /^Android/ }).waitFor();
    await settled(page);
    await button('Delete platform “Android”').click();
    expect(await dialog().innerText()).toContain('It sells scratch.monthly');
    await dialog().getByRole('button', { name: 'Delete platform “Android”' }).click();
    expect(await dialog().getByRole('alert').innerText()).toContain(
      'The platform sells 1 product SKU(s) (scratch.monthly)',
    );
    await dialog().getByRole('button', { name: 'Delete “Android” and its SKUs' }).click();
    await page.getByText('No platforms yet').waitFor();
    await page.getByText('No product SKUs yet').waitFor();

    await page.getByRole('button', { name: 'Delete app' }).click();
    expect(await dialog().innerText()).toContain('0 platforms (their SDK keys stop working), 0 entitlements');
    await dialog().getByRole('button', { name: 'Delete app “Scratch”' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    expect(await appName()).toBe('Podcasts Plus');
    expect(await page.getByLabel('App', { exact: true }).locator('option').allInnerTexts()).toEqual(['Podcasts Plus']);
  });
});
