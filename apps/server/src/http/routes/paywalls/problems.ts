import type { BrokenReference } from '../../../use-cases/paywall-references.js';
import { Problem } from '../../problem.js';

export function paywallNotFound(paywallId: string): Problem {
  return new Problem(404, 'paywall_not_found', `The app has no paywall ${paywallId}`);
}

export function paywallVersionNotFound(version: number): Problem {
  return new Problem(404, 'paywall_version_not_found', `The paywall has no published version ${version}`);
}

export function paywallInUse(campaigns: string[]): Problem {
  return new Problem(
    409,
    'paywall_in_use',
    `Campaigns show this paywall: ${campaigns.join(', ')}. Remove it from them first.`,
  );
}

/** Content that names SKUs, platforms or images the app does not have. */
export function brokenPaywallReferences(broken: BrokenReference[]): Problem {
  return new Problem(
    422,
    'unknown_reference',
    'The paywall names SKUs, app platforms or images this app does not have',
    broken.map(({ path, message }) => ({ location: 'body' as const, field: `content.${path}`, message })),
  );
}

/** Content that was valid when saved, but a SKU, platform or image it names was deleted since. */
export function referencesGone(broken: BrokenReference[]): Problem {
  const where = broken.map(({ path, message }) => `${path}: ${message}`).join('; ');
  return new Problem(409, 'reference_gone', `The content names what the app no longer has (${where}): edit it first`);
}
