/**
 * The SDK API's documents, written by hand to match `/openapi.json` (the `/sdk/v1` operations).
 * What the app passes in is camelCase; what comes back is the API's JSON, field for field.
 */

/** What a device says of itself. Never a name, an e-mail or an address: a country code at most. */
export interface DeviceInfo {
  /** Lower-case: ios, ipados, tvos, macos, android, web… */
  os?: string;
  osVersion?: string;
  /** The model, such as iPhone16,2: never the name the owner gave it. */
  model?: string;
  /** A BCP 47 tag, such as en or pt-BR. */
  language?: string;
  /** ISO 3166-1 alpha-2, upper-case, such as US. */
  country?: string;
  /** This SDK's version unless given. */
  sdkVersion?: string;
  appVersion?: string;
}

/** What `paywall(placement)` answers: the paywall to draw, and the campaign and variant to report. */
export interface PlacementPaywall {
  placement: string;
  campaign: { id: string; name: string; variant: string } | null;
  paywall: {
    id: string;
    version: number;
    template: 'hero' | 'cards' | 'minimal';
    locale: string;
    title: string;
    body: string;
    call_to_action: string;
    legal_text: string;
    dismissible: boolean;
    /** Image URLs by slot (hero, logo, background). */
    images: Record<string, string>;
    products: Array<{ id: string; sku_ref_id: string; name: string; type: string; highlighted: boolean }>;
  } | null;
}

export interface ImpressionInput {
  paywallId: string;
  campaignId?: string;
  variant?: string;
  /** A UUID of yours for the impression; one is made otherwise. Sending it again is harmless. */
  impressionId?: string;
  occurredAt?: Date;
}

/** A StoreKit 2 transaction, as `Transaction.jwsRepresentation` gives it. */
export interface AppleTransaction {
  signedTransaction: string;
  signedRenewalInfo?: string;
}

/** A Play Billing purchase. */
export interface GooglePurchase {
  purchaseToken: string;
  productId: string;
  productType: 'subscription' | 'one_time';
}

/** A purchase in Tollgate's test store: no store processes it. */
export interface TestStorePurchase {
  skuRefId: string;
  offer?: 'none' | 'trial' | 'intro';
  /** Millionths of the currency: 9.99 is 9_990_000. */
  priceMicros?: number;
  /** ISO 4217, upper-case. */
  currency?: string;
  periodDays?: number;
  trialDays?: number;
}

/** Exactly one of the three. */
export type TransactionInput = (
  | { apple: AppleTransaction; google?: never; testStore?: never }
  | { google: GooglePurchase; apple?: never; testStore?: never }
  | { testStore: TestStorePurchase; apple?: never; google?: never }
) & {
  /** A UUID of yours for this report; one is made otherwise. Sending it again is harmless. */
  transactionId?: string;
  /** The campaign and variant of the paywall the purchase was made on (from `paywall()`). */
  campaign?: { id: string; variant: string };
};

export interface RegisterAnswer {
  device_id: string;
  user_id: string;
}

export interface SessionAnswer {
  outcome: 'started' | 'already_started';
  session_id: string;
}

export interface EndSessionAnswer {
  outcome: 'ended' | 'already_ended';
}

export interface ImpressionAnswer {
  outcome: 'recorded' | 'already_recorded';
}

export interface TransactionAnswer {
  outcome: 'recorded' | 'already_recorded';
  purchase_id: string;
  user_id: string;
  /** The event types the purchase caused; none for a report sent again. */
  events: string[];
}

export interface LogInAnswer {
  outcome: 'logged_in' | 'already_logged_in';
  user_id: string;
  transferred_purchases: number;
}

export interface LogOutAnswer {
  outcome: 'logged_out' | 'already_anonymous';
  user_id: string;
}

export interface SetExternalIdAnswer {
  user_id: string;
}

export interface ActiveEntitlement {
  entitlement_ref_id: string;
  name: string;
  description: string;
  sku_ref_id: string;
  /** ISO 8601; null for a purchase that does not end. */
  expiration: string | null;
  purchase_platform: string;
  last_verified: string;
}

export interface CustomerJourneyState {
  former_subscriber: boolean;
  in_account_hold: boolean;
  in_grace_period: boolean;
  in_trial_period: boolean;
  in_intro_offer_period: boolean;
  in_pause: boolean;
  is_cancelled: boolean;
}

export interface CustomerInfo {
  user_id: string;
  active_entitlements: ActiveEntitlement[];
  customer_journey_state: CustomerJourneyState;
  external_ids: Array<{ key: string; type: string; value: string }>;
}

/** An RFC 9457 problem document, as every SDK API error comes. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  /** Stable: safe to branch on. */
  code: string;
  detail: string;
  instance?: string;
  request_id?: string;
  errors: Array<{ location: string; field: string; message: string }>;
}
