import { type AudienceFacts, type Choice, choiceChangesAt, chooseCampaign, type StorePlatform } from '@tollgate/core';
import type { Database } from '@tollgate/db';
import type { Kysely } from 'kysely';
import { batching } from '../batching.js';
import { stateOfPurchases } from '../queries/customer-state.js';
import { type PlacementAsk, type PlacementFactsRow, placementFacts } from '../queries/placement-facts.js';
import { offerCache } from './app-offers.js';
import { paywallImageUrl } from './image-url.js';
import { type PlacementAnswer, placementAnswer } from './placement-answer.js';

export interface ResolvePlacementInput extends PlacementAsk {
  store: StorePlatform;
  placement: string;
}

export type ResolvePlacementResult =
  | {
      outcome: 'resolved';
      answer: PlacementAnswer;
      choice: Choice;
      userId: string;
      facts: AudienceFacts;
      /** When time alone could change the answer (a schedule, an expiry, a new day); null: never. */
      changesAt: Date | null;
    }
  | { outcome: 'device_not_found' };

/**
 * The paywall a device is shown at a placement. Concurrent calls share one read of their
 * devices' facts; the app's campaigns and paywalls come from memory unless they changed.
 */
export function placementResolver(options: { db: Kysely<Database>; now: () => Date; publicUrl: string }) {
  const offersOf = offerCache(options.db);
  const readFacts = batching((asks: PlacementAsk[]) => placementFacts(options.db, asks), {
    maxSize: 200,
    maxRunning: 2,
  });
  return async function resolvePlacement(input: ResolvePlacementInput): Promise<ResolvePlacementResult> {
    const row = await readFacts(input);
    if (row.user_id === null) {
      return { outcome: 'device_not_found' };
    }
    const now = options.now();
    const offers = await offersOf(input.appId, row.paywalls_revision);
    const facts = factsOf(row, input.store, now);
    const choice = chooseCampaign(offers.rules, input.placement, facts, row.user_id, now);
    const device = { appPlatformId: input.appPlatformId, language: row.language };
    const answer = placementAnswer(input.placement, choice, offers, device, (imageId) =>
      paywallImageUrl(options.publicUrl, input.appId, imageId),
    );
    const changesAt = choiceChangesAt(
      offers.rules,
      { firstSeenAt: facts.firstSeenAt, accessEndsAt: accessEnds(row) },
      now,
    );
    return { outcome: 'resolved', answer, choice, userId: row.user_id, facts, changesAt };
  };
}
export type ResolvePlacement = ReturnType<typeof placementResolver>;

function factsOf(row: PlacementFactsRow, store: StorePlatform, now: Date): AudienceFacts {
  const state = stateOfPurchases(row.purchases, now);
  return {
    journeyState: state.journey,
    activeEntitlements: state.activeEntitlements.map((entitlement) => entitlement.entitlement_ref_id),
    platform: store,
    country: row.country,
    language: row.language,
    appVersion: row.app_version,
    firstSeenAt: row.first_seen_at === null ? null : new Date(row.first_seen_at),
    sessionCount: row.sessions_count ?? 0,
  };
}

/** When each of the user's purchases could stop giving access, as far as the stored rows say. */
function accessEnds(row: PlacementFactsRow): Date[] {
  return row.purchases
    .flatMap((purchase) => [purchase.expires_at, purchase.grace_period_ends_at])
    .filter((moment): moment is string => moment !== null)
    .map((moment) => new Date(moment));
}
