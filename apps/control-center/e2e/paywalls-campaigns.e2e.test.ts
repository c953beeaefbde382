import { randomUUID } from 'node:crypto';
import { aPng, testDriver } from '@tollgate/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, openBrowser, screenshot } from '../testing/browser.js';
import { expectAccessible, expectFocusOn, settled } from '../testing/page-checks.js';
import { type RunningTollgate, startTollgate } from '../testing/tollgate.js';

// Paywalls and campaigns in the Control Center, in Debian's Chromium against the built server on an
// empty database with a catalog made through the API: a paywall built in the editor (copy in two
// languages, products, an uploaded logo) and published; an A/B campaign with an audience; a
// placement reordered by dragging and by keyboard; then a device driven through the SDK API is shown
// the campaign, sees the paywall and buys, and the results screen counts it for its variant.

const SCREENSHOTS = { enabled: process.env.TOLLGATE_SCREENSHOTS === '1' && testDriver() === 'pglite' };
const PLACEMENT = 'settings';

let tollgate: RunningTollgate;
let browser: Browser;
let page: Page;
let appId: string;
let platform: { id: string; sdk_key: string };
let monthly: { id: string };
let annual: { id: string };
let secondPaywall: { id: string };

async function api<T>(method: string, path: string, body?: object, key = tollgate.apiKey): Promise<T> {
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
const nav = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });
const preview = () => page.getByRole('complementary', { name: 'Preview' });
const placementList = () => page.getByRole('list', { name: `Campaigns at “${PLACEMENT}”, first considered first` });
const campaignNames = () => placementList().locator('.campaign-name').allInnerTexts();

/** The placement's campaigns as the API orders them. */
async function apiOrder(): Promise<string[]> {
  const list = await api<{ data: { name: string }[] }>('GET', `/api/v1/apps/${appId}/campaigns?placement=${PLACEMENT}`);
  return list.data.map((campaign) => campaign.name);
}

beforeAll(async () => {
  tollgate = await startTollgate();
  browser = await openBrowser();
  page = browser.page;
  appId = (await api<{ id: string }>('POST', '/api/v1/apps', { name: 'Radio' })).id;
  platform = await api('POST', `/api/v1/apps/${appId}/platforms`, {
    name: 'iOS',
    store: 'apple',
    marketplace_app_id: 'com.example.radio',
  });
  const sku = (sku_ref_id: string, name: string) =>
    api<{ id: string }>('POST', `/api/v1/apps/${appId}/products`, {
      app_platform_id: platform.id,
      sku_ref_id,
      name,
      type: 'subscription',
    });
  monthly = await sku('radio.monthly', 'Monthly');
  annual = await sku('radio.annual', 'Annual');

  await page.goto(`${tollgate.url}/apps/${appId}/paywalls`);
  await page.getByLabel('E-mail').fill(tollgate.email);
  await page.getByLabel('Password').fill(tollgate.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Paywalls' }).waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await tollgate?.stop();
});

describe('the paywall editor', () => {
  test('Paywalls and Campaigns follow Catalog in the navigation; the list starts empty', async () => {
    const sections = page.getByRole('navigation', { name: 'Sections' }).getByRole('link');
    expect(await sections.allInnerTexts()).toEqual(['Customers', 'Catalog', 'Paywalls', 'Campaigns', 'Integrations']);
    await page.getByText('No paywalls yet').waitFor();
    await expectAccessible(page, 'empty paywalls');
  });

  test('the API’s errors show beside the copy’s fields', async () => {
    await page.getByRole('link', { name: '+ New paywall' }).click();
    await page.getByRole('heading', { name: 'New paywall' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Spring offer');
    await button('Create paywall').click();
    const title = page.getByLabel('Title', { exact: true });
    await page.locator('.field-error').first().waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    const described = await title.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).innerText()).toBe('Must not be empty');
    expect(await page.getByLabel('Call to action').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'new paywall, refused');
  });

  test('builds a paywall: the preview follows the copy, products, template, logo and language', async () => {
    await page.getByRole('radio', { name: /^Cards/ }).check();
    await page.getByLabel('Title', { exact: true }).fill('Listen without limits');
    await page.getByLabel('Body').fill('Every station, no ads.');
    await page.getByLabel('Call to action').fill('Start free trial');
    await preview().getByText('Listen without limits').waitFor();
    expect(await preview().innerText()).toContain('Start free trial');

    const ios = page.getByRole('group', { name: 'iOS (Apple)' });
    await ios.getByRole('button', { name: 'Add the SKU to iOS (Apple)' }).click();
    await ios.getByRole('button', { name: 'Add the SKU to iOS (Apple)' }).click();
    await ios.getByRole('radio', { name: 'Highlight Annual (radio.annual)' }).check();
    await ios.getByRole('button', { name: 'Move Annual (radio.annual) up' }).click();
    const shown = preview().getByRole('list', { name: 'Products in the preview' }).getByRole('listitem');
    expect(await shown.allInnerTexts()).toEqual([
      expect.stringMatching(/^Best value\s+Annual\s+radio\.annual$/),
      expect.stringMatching(/^Monthly\s+radio\.monthly$/),
    ]);

    // The template shows a logo: uploaded here, it is chosen for the slot and drawn in the preview.
    await page.getByLabel('Upload an image for the logo').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: aPng(96, 96),
    });
    const logo = preview().getByRole('img', { name: 'The logo' });
    await logo.waitFor();
    await page.waitForFunction(
      'document.querySelector(\'img[alt="The logo"]\')?.complete && document.querySelector(\'img[alt="The logo"]\').naturalWidth === 96',
    );
    expect(await page.getByRole('radio', { name: 'Image 1, 96 × 96' }).isChecked()).toBe(true);

    await page.getByLabel('Add a language').fill('fr');
    await button('Add language').click();
    const french = page.getByRole('group', { name: 'Copy · fr' });
    await french.getByLabel('Title').fill('Écoutez sans limites');
    await french.getByLabel('Call to action').fill('Essai gratuit');
    await preview().getByLabel('Language').selectOption('fr');
    await preview().getByText('Écoutez sans limites').waitFor();
    expect(await preview().innerText()).toContain('Essai gratuit');
  });

  test('creates the paywall, then publishes it: version 1 is live', async () => {
    await button('Create paywall').click();
    await page.getByRole('heading', { name: 'Spring offer' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/apps/${appId}/paywalls/[0-9a-f-]{36}$`));
    await page.getByText('Draft: not published yet').waitFor();
    // The editor kept what was typed, and the preview its language.
    expect(await page.getByRole('group', { name: 'Copy · fr' }).getByLabel('Title').inputValue()).toBe(
      'Écoutez sans limites',
    );

    await button('Publish').click();
    await page.getByText('Published version 1: devices see it now.').waitFor();
    await page.getByText('Version 1 is live').waitFor();
    const versions = page.getByRole('table', { name: 'Published versions, newest first' });
    await versions.getByRole('cell', { name: /^Version 1/ }).waitFor();
    await expectAccessible(page, 'paywall editor');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'paywall-editor', { ...SCREENSHOTS, fullPage: false });

    const paywallId = page.url().split('/').at(-1) ?? '';
    const saved = await api<{ published: Record<string, unknown> }>(
      'GET',
      `/api/v1/apps/${appId}/paywalls/${paywallId}`,
    );
    expect(saved.published).toMatchObject({
      template: 'cards',
      default_locale: 'en',
      copy: {
        en: { title: 'Listen without limits', call_to_action: 'Start free trial' },
        fr: { title: 'Écoutez sans limites', call_to_action: 'Essai gratuit' },
      },
      images: { logo: expect.any(String) },
      products: [
        { app_platform_id: platform.id, product_ids: [annual.id, monthly.id], highlighted_product_id: annual.id },
      ],
    });
  });

  test('a saved draft is an unpublished change; restoring version 1 publishes it again as version 3', async () => {
    const title = page.getByRole('group', { name: 'Copy · en (default)' }).getByLabel('Title');
    await title.fill('Listen to everything');
    await page.getByText('Unsaved changes.').waitFor();
    // Leaving by a link asks first; staying keeps what was typed.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.dismiss();
      }),
    );
    await nav('Paywalls').click();
    expect(await asked).toMatch(/^Leave this paywall\?/);
    expect(await title.inputValue()).toBe('Listen to everything');
    await button('Save draft').click();
    await page.getByText('Draft saved. Devices see it once it is published.').waitFor();
    await page.locator('.publish-state').getByText('Unpublished changes').waitFor();
    await button('Publish').click();
    await page.getByText('Version 2 is live').waitFor();

    await button('Restore version 1').click();
    await page.getByText('Version 3 is live').waitFor();
    await expect.poll(() => title.inputValue()).toBe('Listen without limits');
    const versions = page.getByRole('table', { name: 'Published versions, newest first' }).locator('tbody tr');
    await expect.poll(() => versions.count()).toBe(3);
    expect(await versions.first().innerText()).toMatch(/^Version 3\s*Live \(restored from version 1\)/);

    await nav('Paywalls').click();
    const row = page.getByRole('row', { name: /Spring offer/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/^Spring offer\tCards\tVersion 3\t/);
  });
});

describe('campaigns', () => {
  beforeAll(async () => {
    secondPaywall = await api('POST', `/api/v1/apps/${appId}/paywalls`, {
      name: 'Go Plus',
      content: {
        template: 'hero',
        default_locale: 'en',
        copy: { en: { title: 'Go Plus', call_to_action: 'Subscribe' } },
        dismissible: true,
        products: [{ app_platform_id: platform.id, product_ids: [monthly.id], highlighted_product_id: monthly.id }],
      },
    });
    await api('POST', `/api/v1/apps/${appId}/paywalls/${secondPaywall.id}/publish`);
  });

  test('an A/B test with an audience: weights that miss 100 are refused until split evenly', async () => {
    await nav('Campaigns').click();
    await page.getByText('No campaigns yet').waitFor();
    await expectAccessible(page, 'empty campaigns');
    await page.getByText('+ New campaign').click();
    await page.getByRole('link', { name: /^Start from template: Win back/ }).click();
    await page.getByRole('heading', { name: 'New campaign from “Win back”' }).waitFor();
    await settled(page);
    expect(await page.getByLabel('Placement', { exact: true }).inputValue()).toBe('win_back');
    const fromTemplate = page.getByRole('group', { name: 'Condition 1' });
    expect(await fromTemplate.getByLabel('Journey state').inputValue()).toBe('former_subscriber');
    await expectAccessible(page, 'campaign from a template');
    await button('Cancel').click();

    await page.getByText('+ New campaign').click();
    await page.getByRole('link', { name: /^Blank campaign/ }).click();
    await page.getByRole('heading', { name: 'New campaign' }).waitFor();
    await settled(page);

    await page.getByLabel('Name', { exact: true }).fill('Spring A/B');
    await page.getByLabel('Placement', { exact: true }).fill(PLACEMENT);
    await button('+ Add condition').click();
    await page.getByRole('group', { name: 'Condition 1' }).getByLabel('Apple').check();

    await button('+ Add variant').click();
    await page.getByLabel('Weight of variant 1 (%)').fill('50');
    await page.getByLabel('Weight of variant 2 (%)').fill('40');
    expect(await page.getByLabel('Paywall of variant 1').locator('option:checked').innerText()).toBe('Spring offer');
    expect(await page.getByLabel('Paywall of variant 2').locator('option:checked').innerText()).toBe('Go Plus');
    await button('Create campaign').click();
    const refusal = page.getByRole('group', { name: 'Variants' }).getByRole('alert');
    expect(await refusal.innerText()).toContain('The weights add up to 90%');
    await expectAccessible(page, 'campaign form, weights refused');

    await button('Split evenly').click();
    expect(await page.getByLabel('Weight of variant 2 (%)').inputValue()).toBe('50');
    await page.getByText('Total: 100%').waitFor();
    await button('Create campaign').click();
    await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
    await settled(page);
    const item = placementList().getByRole('listitem').first();
    expect(await item.innerText()).toContain('Platform is one of Apple');
    expect(await item.innerText()).toContain('A/B test: A Spring offer 50% · B Go Plus 50%');
  });

  test('reorders the placement by dragging, and with the keyboard; the default stays last', async () => {
    await api('POST', `/api/v1/apps/${appId}/campaigns`, {
      name: 'French speakers',
      placement: PLACEMENT,
      audience: { attribute: 'country', operator: 'in', value: ['FR'] },
      variants: [{ key: 'only', paywall_id: secondPaywall.id, weight: 100 }],
    });
    await api('POST', `/api/v1/apps/${appId}/campaigns`, {
      name: 'Everyone else',
      placement: PLACEMENT,
      is_default: true,
      variants: [{ key: 'only', paywall_id: secondPaywall.id, weight: 100 }],
    });
    await page.reload();
    await placementList().waitFor();
    await settled(page);
    expect(await campaignNames()).toEqual(['Spring A/B', 'French speakers', 'Everyone else']);
    expect(await button('Move “Everyone else” up').count()).toBe(0);

    const itemOf = (name: string) => placementList().getByRole('listitem').filter({ hasText: name });
    await itemOf('French speakers').dragTo(itemOf('Spring A/B'));
    await expect.poll(campaignNames).toEqual(['French speakers', 'Spring A/B', 'Everyone else']);
    await expect.poll(apiOrder).toEqual(['French speakers', 'Spring A/B', 'Everyone else']);

    await button('Move “French speakers” down').focus();
    await page.keyboard.press('Enter');
    await expect.poll(campaignNames).toEqual(['Spring A/B', 'French speakers', 'Everyone else']);
    await expect.poll(apiOrder).toEqual(['Spring A/B', 'French speakers', 'Everyone else']);
    // It is last of those that move now: focus goes to its other button.
    await expectFocusOn(page, button('Move “French speakers” up'));

    await button('Pause “French speakers”').click();
    await itemOf('French speakers').getByText('Paused').waitFor();
    await button('Resume “French speakers”').click();
    await itemOf('French speakers').getByText('Running').waitFor();
    await expectAccessible(page, 'campaigns');
    await screenshot(page, 'campaigns', SCREENSHOTS);
  });

  test('edits a campaign: only what changed is sent', async () => {
    await placementList().getByRole('link', { name: 'French speakers', exact: true }).click();
    await page.getByRole('heading', { name: 'French speakers' }).waitFor();
    await settled(page);
    expect(await page.getByRole('group', { name: 'Condition 1' }).getByLabel('Country codes').inputValue()).toBe('FR');
    await page.getByLabel('Attribution window (hours)').fill('48');
    const sent = page.waitForRequest((request) => request.method() === 'PATCH');
    await button('Save campaign').click();
    expect((await sent).postDataJSON()).toEqual({ attribution_window_hours: 48 });
    await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
    await settled(page);
    expect(await campaignNames()).toEqual(['Spring A/B', 'French speakers', 'Everyone else']);
  });

  test('a device is shown the A/B test; its impression and purchase count for its variant', async () => {
    const sdk = <T>(method: string, path: string, body?: object) =>
      api<T>(method, `/sdk/v1${path}`, body, platform.sdk_key);
    const deviceId = randomUUID();
    await sdk('PUT', `/devices/${deviceId}`, { os: 'ios', model: 'iPhone16,2', country: 'US' });
    const answer = await sdk<{ campaign: { id: string; name: string; variant: string }; paywall: { id: string } }>(
      'GET',
      `/placements/${PLACEMENT}/paywall?device_id=${deviceId}`,
    );
    expect(answer.campaign.name).toBe('Spring A/B');
    await sdk('POST', `/devices/${deviceId}/impressions`, {
      impression_id: randomUUID(),
      paywall_id: answer.paywall.id,
      campaign_id: answer.campaign.id,
      variant: answer.campaign.variant,
    });
    await sdk('POST', `/devices/${deviceId}/transactions`, {
      transaction_id: randomUUID(),
      test_store: { sku_ref_id: 'radio.monthly' },
    });

    await page.getByRole('link', { name: 'Results of “Spring A/B”' }).click();
    await page.getByRole('heading', { name: 'Results: Spring A/B' }).waitFor();
    await settled(page);
    const shown = answer.campaign.variant;
    const paywallName = shown === 'A' ? 'Spring offer' : 'Go Plus';
    const table = page.getByRole('table', { name: 'Results per variant' });
    const rowOf = (key: string) => table.getByRole('row', { name: new RegExp(`^${key} `) });
    expect(await rowOf(shown).innerText()).toBe(`${shown}\t${paywallName}\t1\t1\t1\t0\t100%\t$9.99`);
    expect(await rowOf(shown === 'A' ? 'B' : 'A').innerText()).toMatch(/\t0\t0\t0\t0\t0%\t\$0\.00$/);

    const chart = page.getByRole('img', { name: /^Line chart of impressions and conversions per day/ });
    expect(await chart.getAttribute('aria-label')).toContain(`variant ${shown}, 1 impression and 1 conversion`);
    expect(await chart.locator('polyline').count()).toBe(4);
    expect(await page.getByRole('list', { name: 'Legend' }).getByRole('listitem').allInnerTexts()).toEqual([
      'Variant A, impressions',
      'Variant A, conversions',
      'Variant B, impressions',
      'Variant B, conversions',
    ]);
    await expectAccessible(page, 'campaign results');
    await screenshot(page, 'campaign-results', SCREENSHOTS);
  });

  test('a range in the past shows nothing; a refused range shows the API’s message beside “From”', async () => {
    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.getByLabel('To', { exact: true }).fill('2020-01-31');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2020-01-01');
    const table = page.getByRole('table', { name: 'Results per variant' });
    await expect.poll(() => table.locator('tbody tr').first().innerText()).toMatch(/\t0\t0\t0\t0\t0%\t\$0\.00$/);

    await page.getByLabel('From', { exact: true }).fill('2020-02-15');
    await page.locator('.field-error').waitFor();
    expect(await page.getByLabel('From', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').innerText()).toContain('Must be on or before to');
  });
});
