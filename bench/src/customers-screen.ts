import { type Browser, openBrowser } from '../../apps/control-center/testing/browser.js';
import type { Figure } from './harness.js';
import type { RunningTollgate } from './tollgate.js';

/** The operator the customers data set's Tollgate makes on its first start (TOLLGATE_ADMIN_*), on 127.0.0.1 only. */
export const OPERATOR = { email: 'bench@tollgate.local', password: 'customers-bench-operator' };

/** Each round opens, in each app: the first page, its next page, a platform filter, its next page. */
const ROUNDS = 5;
const PLATFORMS = ['apple', 'google', 'roku'] as const;
const TABLE = 'table[aria-label="Customers, most recently updated first"]';

type Page = Browser['page'];

// Strings, not functions, go into the page: tsx's compiled functions would not run there as written.
/**
 * On every document, before the app's own scripts: `__benchWhenShown()` resolves with the
 * `performance.now()` at which the customers table first holds rows that are the ones asked for
 * (nothing loading, not a previous page kept on screen while the next one comes, none marked old);
 * `__benchShown` is that moment for the document's own navigation, counted from its start.
 */
const WATCH = `(() => {
  const shown = () => {
    const table = document.querySelector('${TABLE}');
    return table !== null && table.getAttribute('aria-busy') !== 'true' && document.querySelector('[role="status"]') === null
      && table.querySelector('tbody tr') !== null && table.querySelector('tbody tr[data-bench-old]') === null;
  };
  window.__benchWhenShown = () => new Promise((resolve) => {
    if (shown()) {
      resolve(performance.now());
      return;
    }
    const observer = new MutationObserver(() => {
      if (shown()) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      }
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve('no customer rows after 30 s: ' + (document.body ? document.body.innerText : '').slice(0, 300));
    }, 30000);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  window.__benchShown = window.__benchWhenShown();
})()`;

/** Clicks "Next →" as a person would, and resolves with the milliseconds until the next page's rows show. */
const NEXT = `(() => {
  const next = [...document.querySelectorAll('nav[aria-label="Customers pages"] button')]
    .find((button) => button.textContent.includes('Next'));
  if (!next || next.disabled) {
    return 'no next page to go to';
  }
  for (const row of document.querySelectorAll('${TABLE} tbody tr')) {
    row.setAttribute('data-bench-old', '');
  }
  const shown = window.__benchWhenShown();
  const started = performance.now();
  next.click();
  return shown.then((at) => (typeof at === 'number' ? at - started : at));
})()`;

/**
 * The Control Center's customers screen in Chromium, signed in as an operator: p95 of the time
 * from navigation (or from clicking Next) until the table shows its rows, in the app of 1M users
 * beside an app of 1,000 in the same database, served by the same Tollgate. The two apps take
 * turns, round by round, so that whatever else the machine does falls on both alike.
 */
export async function customersScreen(
  tollgate: RunningTollgate,
  apps: { large: string; small: string },
): Promise<Figure> {
  const browser = await openBrowser();
  try {
    const { page } = browser;
    await page.addInitScript(WATCH);
    await signIn(page, `${tollgate.url}/apps/${apps.large}/customers`);
    const times = new Map<string, number[]>([
      [apps.large, []],
      [apps.small, []],
    ]);
    // Round -1 warms up: the bundle compiled and cached, the server's connections open.
    for (let round = -1; round < ROUNDS; round++) {
      const platform = PLATFORMS[(round + 1) % PLATFORMS.length] ?? 'apple';
      const order = round % 2 === 0 ? [apps.small, apps.large] : [apps.large, apps.small];
      for (const appId of order) {
        const loads = await roundOf(page, `${tollgate.url}/apps/${appId}/customers`, platform);
        if (round >= 0) {
          times.get(appId)?.push(...loads);
        }
      }
    }
    return {
      name: 'Control Center customers screen p95, 1M users (browser)',
      value: p95(times.get(apps.large) ?? []),
      baselineName: 'same screen, app of 1,000 users',
      baseline: p95(times.get(apps.small) ?? []),
      unit: 'ms',
      goal: '≈ 1.0 (no slower than at 1k)',
    };
  } finally {
    await browser.close();
  }
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-mail').fill(OPERATOR.email);
  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator(`${TABLE} tbody tr`).first().waitFor();
}

/** The first page, its next page, a platform filter through the URL, its next page: four loads. */
async function roundOf(page: Page, screen: string, platform: string): Promise<number[]> {
  const first = await opened(page, screen);
  const second = await rowsShown(page, await page.evaluate(NEXT), 'next page');
  const filtered = await opened(page, `${screen}?platform=${platform}`);
  const filteredSecond = await rowsShown(page, await page.evaluate(NEXT), `next page of platform=${platform}`);
  return [first, second, filtered, filteredSecond];
}

/** A navigation to `url` (a new document, as from the address bar or a shared link), timed from its start. */
async function opened(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  return rowsShown(page, await page.evaluate('window.__benchShown'), url);
}

/** The time measured in the page, once the table holds a full page of rows; anything else fails the bench. */
async function rowsShown(page: Page, measured: unknown, what: string): Promise<number> {
  if (typeof measured !== 'number') {
    throw new Error(`customers screen, ${what}: ${String(measured)}`);
  }
  const rows = await page.locator(`${TABLE} tbody tr`).count();
  if (rows !== 25) {
    throw new Error(`customers screen, ${what}: ${rows} rows shown, not a full page of 25`);
  }
  return measured;
}

function p95(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1] ?? Number.NaN;
}
