import { readFileSync } from 'node:fs';
import { testDriver } from '@tollgate/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, openBrowser, screenshot } from '../testing/browser.js';
import { expectAccessible, settled } from '../testing/page-checks.js';
import { type RunningTollgate, startTollgate } from '../testing/tollgate.js';

// The built Control Center, served by the built server (`tollgate all`) with 30 seeded customers,
// driven in Debian's Chromium as a person would: sign in, filter, open a customer, read payloads.

interface Summary {
  user_id: string;
  pseudonym: string;
  external_id: string | null;
  last_seen_at: string | null;
  platforms: string[];
}
interface Detail {
  user_id: string;
  external_id: string | null;
  devices: { id: string; platform: { store: string } }[];
  recent_revenue: unknown[];
  recent_events: unknown[];
  active_entitlements: { sku_ref_id: string }[];
}

// Screenshots for the README are taken on one driver only: the screens are the same on both.
// `npm run screenshots` renews docs/screenshots; other runs leave them as they are.
const SCREENSHOTS = { enabled: process.env.TOLLGATE_SCREENSHOTS === '1' && testDriver() === 'pglite' };

let tollgate: RunningTollgate;
let browser: Browser;
let page: Page;
let appId: string;
let customers: Summary[];
/** A customer with everything to show: an external id, a device, revenue, events and an entitlement. */
let star: Detail;

async function apiGet<T>(path: string): Promise<T> {
  const response = await fetch(`${tollgate.url}${path}`, { headers: { authorization: `Bearer ${tollgate.apiKey}` } });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

async function customerRows(): Promise<string[]> {
  await settled(page);
  return page
    .getByRole('table', { name: 'Customers, most recently updated first' })
    .locator('tbody tr')
    .allInnerTexts();
}

async function chips(): Promise<string[]> {
  return (await page.getByRole('list', { name: 'Filters' }).locator('li').allInnerTexts()).map((text) =>
    text.replace(/\s*×\s*$/, '').trim(),
  );
}

async function addFilter(label: string, value: string): Promise<void> {
  await page.getByRole('button', { name: '+ Filter' }).click();
  await page.getByRole('list', { name: 'Add a filter' }).getByRole('button', { name: label, exact: true }).click();
  const control = page.getByLabel(label, { exact: true });
  if (label === 'Platform') {
    await control.selectOption(value);
  } else {
    await control.fill(value);
  }
  await page.getByRole('button', { name: 'Apply' }).click();
}

const filterParams = () => Object.fromEntries(new URL(page.url()).searchParams);

beforeAll(async () => {
  tollgate = await startTollgate();
  await tollgate.run(['seed', '--users', '30', '--seed', '7', '--url', tollgate.url], {
    TOLLGATE_API_KEY: tollgate.apiKey,
  });
  const apps = await apiGet<{ data: { id: string }[] }>('/api/v1/apps');
  appId = apps.data[0]?.id ?? '';
  customers = (await apiGet<{ data: Summary[] }>(`/api/v1/apps/${appId}/customers?limit=100`)).data;
  const details = await Promise.all(
    customers.map((customer) => apiGet<Detail>(`/api/v1/apps/${appId}/customers/${customer.user_id}`)),
  );
  const found = details.find(
    (detail) =>
      detail.external_id !== null &&
      detail.devices.length > 0 &&
      detail.recent_revenue.length > 0 &&
      detail.recent_events.length > 1 &&
      detail.active_entitlements.length > 0,
  );
  if (!found) {
    throw new Error('the seed made no customer with an external id, a device, revenue, events and an entitlement');
  }
  star = found;
  browser = await openBrowser();
  page = browser.page;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await tollgate?.stop();
});

describe('the Control Center', () => {
  test('is served at / and for its other pages, while unknown API paths stay problem documents', async () => {
    for (const path of ['/', `/apps/${appId}/customers`]) {
      const response = await fetch(`${tollgate.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).toContain('<div id="root">');
    }
    for (const path of ['/api/v1/nothing-here', '/sdk/v1/nothing-here', '/assets/nothing-here.js']) {
      const response = await fetch(`${tollgate.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  test('signs in, showing the API’s field errors beside the fields, then shows the customers', async () => {
    await page.goto(tollgate.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign in');
    await screenshot(page, 'sign-in', SCREENSHOTS);

    await page.getByLabel('E-mail').fill('not-an-address');
    await page.getByLabel('Password').fill('whatever');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const email = page.getByLabel('E-mail');
    await page.locator('.field-error').first().waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const described = await email.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).innerText()).not.toBe('');

    await email.fill(tollgate.email);
    await page.getByLabel('Password').fill('a wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();

    await page.getByLabel('Password').fill(tollgate.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/apps/${appId}/customers`);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Customers',
      'Catalog',
      'Paywalls',
      'Campaigns',
      'Integrations',
    ]);
    expect(await page.getByLabel('App').locator('option:checked').innerText()).toBe('Demo radio (seed 7)');
  });

  test('lists customers most recently updated first, 25 a page, with Next and Previous', async () => {
    const first = await customerRows();
    expect(first).toHaveLength(25);
    expect(first[0]).toContain(customers[0]?.pseudonym);
    const headers = await page.locator('thead th').allInnerTexts();
    expect(headers.slice(0, 4)).toEqual(['Pseudonym', 'External ID', 'Last Seen', 'App Sessions']);
    const neverSeen = customers.slice(0, 25).filter((customer) => customer.last_seen_at === null);
    expect(first.filter((row) => row.includes('N/A'))).toHaveLength(neverSeen.length);
    await expectAccessible(page, 'customers');
    await screenshot(page, 'customers', SCREENSHOTS);

    await page.getByRole('button', { name: 'Next →' }).click();
    const second = await customerRows();
    expect(second).toHaveLength(customers.length - 25);
    expect(second[0]).toContain(customers[25]?.pseudonym);
    expect(await page.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '← Previous' }).click();
    expect(await customerRows()).toEqual(first);
  });

  test('filters by each filter, each offered once, and removes one with its ×', async () => {
    const externalId = star.external_id ?? '';
    const device = star.devices[0];
    const cases: [string, string, string][] = [
      ['External ID', externalId, 'external_id'],
      ['Nami Device ID', device?.id ?? '', 'device_id'],
      ['Nami User ID', star.user_id, 'user_id'],
    ];
    for (const [label, value, param] of cases) {
      await addFilter(label, value);
      const rows = await customerRows();
      expect(rows, label).toHaveLength(1);
      expect(rows[0]).toContain(externalId);
      expect(await chips()).toEqual([`${label}: ${value}`]);
      expect(filterParams()).toEqual({ [param]: value });
      // The menu no longer offers the filter already added.
      await page.getByRole('button', { name: '+ Filter' }).click();
      const offered = await page.getByRole('list', { name: 'Add a filter' }).getByRole('button').allInnerTexts();
      expect(offered).not.toContain(label);
      expect(offered).toHaveLength(3);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: `Remove ${label} filter` }).click();
      expect(await customerRows()).toHaveLength(25);
      expect(await chips()).toEqual([]);
    }

    await addFilter('Platform', 'apple');
    const apple = customers.filter((customer) => customer.platforms.includes('apple'));
    expect(await customerRows()).toHaveLength(Math.min(apple.length, 25));
    expect(filterParams()).toEqual({ platform: 'apple' });
    await page.getByRole('button', { name: 'Remove Platform filter' }).click();
  });

  test('combines filters with AND, offers to remove them when nothing matches, and clears all', async () => {
    const store = star.devices[0]?.platform.store ?? 'apple';
    // A store none of the customer's devices is on (the seed may give a customer devices on two).
    const stores = new Set(star.devices.map((device) => device.platform.store));
    const otherStore = ['apple', 'google', 'roku'].find((candidate) => !stores.has(candidate)) ?? 'roku';
    await addFilter('Nami User ID', star.user_id);
    await addFilter('Platform', store);
    expect(await customerRows()).toHaveLength(1);
    expect(await chips()).toEqual([`Nami User ID: ${star.user_id}`, `Platform: ${store}`]);

    // Filters live in the URL: a reload (or a shared link) shows the same list.
    await page.reload();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    expect(await customerRows()).toHaveLength(1);
    expect(await chips()).toEqual([`Nami User ID: ${star.user_id}`, `Platform: ${store}`]);

    await page.getByRole('button', { name: 'Remove Platform filter' }).click();
    await addFilter('Platform', otherStore);
    await settled(page);
    await page.getByText('No customers match these filters').waitFor();
    await expectAccessible(page, 'customers, no match');
    await screenshot(page, 'customers-no-match', SCREENSHOTS);
    await page.getByRole('button', { name: 'Remove Platform', exact: true }).click();
    expect(await customerRows()).toHaveLength(1);

    await addFilter('External ID', star.external_id ?? '');
    expect(await chips()).toHaveLength(2);
    await screenshot(page, 'customers-filtered', SCREENSHOTS);
    await page.getByRole('button', { name: 'Clear all' }).click();
    expect(await chips()).toEqual([]);
    expect(filterParams()).toEqual({});
    expect(await customerRows()).toHaveLength(25);
  });

  test('shows the API’s message beside a filter it refuses', async () => {
    await addFilter('Nami Device ID', 'not-a-uuid');
    await settled(page);
    const chip = page.getByRole('list', { name: 'Filters' }).locator('li');
    expect(await chip.locator('.field-error').innerText()).toBe('Must be a UUID');
    await page.getByRole('button', { name: 'Clear all' }).click();
  });

  test('exports what is shown as CSV, with the same filters', async () => {
    await addFilter('External ID', star.external_id ?? '');
    await settled(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(star.user_id);
    expect(download.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  test('opens a customer: identity, lifetime value, usage, revenue, events, entitlements and devices', async () => {
    await page
      .getByRole('link', { name: /^View customer / })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Identifying information' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/apps/${appId}/customers/${star.user_id}`);
    const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings).toEqual([
      'Identifying information',
      'Customer lifetime value',
      'Usage',
      'Recent revenue',
      'Recent user events',
      'Active entitlements',
      'Devices',
    ]);
    const entitlements = await page.getByRole('table', { name: 'Active entitlements' }).innerText();
    expect(entitlements).toContain(star.active_entitlements[0]?.sku_ref_id);
    const devices = await page.getByRole('table', { name: 'Devices' }).locator('thead th').allInnerTexts();
    expect(devices).toEqual(expect.arrayContaining(['Platform', 'Model', 'Language', 'SDK version']));
    await expectAccessible(page, 'customer detail');
    await screenshot(page, 'customer-detail', SCREENSHOTS);
  });

  test('sees all revenue, newest first', async () => {
    const revenue = await apiGet<{ data: { occurred_at: string }[] }>(
      `/api/v1/apps/${appId}/customers/${star.user_id}/revenue`,
    );
    await page.getByRole('link', { name: 'See all revenue' }).click();
    await page.getByRole('heading', { name: 'Revenue', exact: true }).waitFor();
    await settled(page);
    const rows = page.getByRole('table', { name: 'Revenue, newest first' }).locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(revenue.data.length, 50));
    const headers = await page.locator('thead th').allInnerTexts();
    expect(headers).toEqual(
      expect.arrayContaining(['Amount', 'Currency', 'Platform', 'Purchase environment', 'Revenue type']),
    );
    await expectAccessible(page, 'revenue');
    await screenshot(page, 'customer-revenue', SCREENSHOTS);
    await page.getByRole('link', { name: '← Customer' }).click();
  });

  test('sees all events, newest first, and opens a payload as formatted JSON with its deliveries', async () => {
    const events = await apiGet<{ data: { id: string; event_type: string }[] }>(
      `/api/v1/apps/${appId}/customers/${star.user_id}/events`,
    );
    await page.getByRole('link', { name: 'See all events' }).click();
    await page.getByRole('heading', { name: 'User events' }).waitFor();
    await settled(page);
    const rows = page.getByRole('table', { name: 'User events, newest first' }).locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(events.data.length, 50));
    expect(await rows.first().innerText()).toContain(events.data[0]?.event_type);
    await expectAccessible(page, 'events');
    await screenshot(page, 'customer-events', SCREENSHOTS);

    await page
      .getByRole('link', { name: /^View payload of / })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Delivery per integration' }).waitFor();
    await settled(page);
    const json = await dialog.getByLabel('Payload as JSON').innerText();
    expect(JSON.parse(json)).toMatchObject({ event_type: events.data[0]?.event_type, user_id: star.user_id });
    expect(json).toContain('\n  "');
    expect(new URL(page.url()).searchParams.get('event')).toBe(events.data[0]?.id);
    await expectAccessible(page, 'event payload');
    await screenshot(page, 'customer-event-payload', { ...SCREENSHOTS, fullPage: false });

    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('event'));
    await dialog.waitFor({ state: 'detached' });
  });

  test('signing out returns to the sign-in screen', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const me = await page.evaluate(`fetch('/api/v1/me').then((response) => response.status)`);
    expect(me).toBe(401);
  });
});
