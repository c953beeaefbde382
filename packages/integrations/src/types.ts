import type { EventPayload, EventType } from '@tollgate/core';

/** Which of the user's identifiers the vendor knows them by (the seeds' "User ID" / "Customer ID"). */
export type IdChoice = 'external_id' | 'user_id';

/** An event as stored, on its way to one integration. */
export interface OutgoingEvent {
  /** The event id (UUIDv7): every re-send of it carries a key derived from it. */
  id: string;
  type: EventType;
  /** The stored payload, exactly as its JSON Schema defines it. */
  payload: EventPayload;
}

export interface AmplitudeSettings {
  integrationId: string;
  /** The full HTTP V2 URL, standard or EU residency (or a local fake's). */
  endpoint: string;
  apiKey: string;
  userId: IdChoice;
}

export interface MparticleSettings {
  integrationId: string;
  /** The pod's base URL, ending in `/v2` (or a local fake's). */
  baseUrl: string;
  key: string;
  secret: string;
  customerId: IdChoice;
  /** The store of the feed's app platform ("act as" platform); null for the legacy all-platforms feed. */
  store: 'apple' | 'google' | 'roku' | null;
}

export interface WebhookSettings {
  integrationId: string;
  url: string;
  /** Sent verbatim as `Authorization`, for receivers that cannot check a signature. */
  authorization: string | null;
  /** `whsec_` + base64 of the key bytes (Standard Webhooks). */
  signingSecret: string;
  /** The secret before a rotation, while receivers switch over: each request is signed with both. */
  previousSigningSecret?: string | null;
}

/** One HTTP request to send: what the sender needs, nothing more. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A request ready to go, and the events it carries, in the order the vendor counts them. */
export interface PreparedRequest {
  request: OutgoingRequest;
  /** Event ids in the order of the vendor's indexes (Amplitude's event positions). */
  eventIds: string[];
}

/** What an event the mapping cannot send becomes: skipped, with a reason an operator can read. */
export interface Skipped {
  eventId: string;
  reason: string;
}

/** What the sender saw: an answer, or none. */
export type Response =
  | { kind: 'answered'; status: number; headers: Record<string, string>; body: string; durationMs: number }
  /** `refused`: Tollgate would not send to that address (a private network). */
  | { kind: 'failed'; error: 'timeout' | 'connection' | 'refused'; message: string; durationMs: number };

/**
 * What to do after one request, decided from the vendor's answer alone.
 * - delivered: every event in the request arrived.
 * - retry: try these events again later; `afterMs` when the vendor said when (Retry-After),
 *   `throttled` when the vendor asked us to slow down (429), so the integration waits too.
 * - split: too large (413): send the events in two halves (a single event that is still too
 *   large is dead instead).
 * - partial: some events are bad (Amplitude's 400 index maps): those are dead with their
 *   reason, the rest go again at once.
 * - pause: the integration's credentials or endpoint are refused (401/403, Amplitude's
 *   "Invalid API key", a webhook's 410): stop sending for it until an operator resumes it.
 * - dead: the request can never succeed as it is (a 400 about the whole request).
 */
export type Verdict =
  | { kind: 'delivered' }
  | { kind: 'retry'; reason: string; afterMs: number | null; throttled: boolean }
  | { kind: 'split'; reason: string }
  | { kind: 'partial'; dead: Array<{ eventId: string; reason: string }>; reason: string }
  | { kind: 'pause'; reason: string }
  | { kind: 'dead'; reason: string };
