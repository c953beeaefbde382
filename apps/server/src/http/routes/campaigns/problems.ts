import type { BrokenReference } from '../../../use-cases/paywall-references.js';
import { Problem } from '../../problem.js';

export function campaignNotFound(campaignId: string): Problem {
  return new Problem(404, 'campaign_not_found', `The app has no campaign ${campaignId}`);
}

export function defaultTaken(): Problem {
  return new Problem(409, 'default_taken', 'The placement already has a default campaign', [
    { location: 'body', field: 'is_default', message: 'Another campaign is this placement’s default' },
  ]);
}

export function unknownPaywalls(broken: BrokenReference[]): Problem {
  return new Problem(
    422,
    'unknown_paywall',
    'Variants name paywalls this app does not have, or has not published',
    broken.map(({ path, message }) => ({ location: 'body' as const, field: path, message })),
  );
}
