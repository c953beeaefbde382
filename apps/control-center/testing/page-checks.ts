import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousViolations } from './browser.js';

/** Waits until nothing is loading and no list shows a previous page while the next one comes. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction('!document.querySelector(\'[role="status"], [aria-busy="true"]\')');
}

/** The screen as it settles has no serious or critical axe finding. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await settled(page);
  expect(await seriousViolations(page), `axe on ${screen}`).toEqual([]);
}

/** Waits for focus to be on this element (forms and dialogs hand it back on closing, a moment later). */
export async function expectFocusOn(page: Page, element: Locator): Promise<void> {
  await element.and(page.locator(':focus')).waitFor({ timeout: 2000 });
}
