import { defaultStorage, type Storage } from './storage.js';
import {
  DEFAULT_RETRY,
  type FetchLike,
  type RetryOptions,
  send,
  sendCached,
  type TransportConfig,
} from './transport.js';
import type {
  CustomerInfo,
  DeviceInfo,
  EndSessionAnswer,
  ImpressionAnswer,
  ImpressionInput,
  LogInAnswer,
  LogOutAnswer,
  PlacementPaywall,
  RegisterAnswer,
  SessionAnswer,
  SetExternalIdAnswer,
  TransactionAnswer,
  TransactionInput,
} from './types.js';

export const SDK_VERSION = '0.1.0';

export interface TollgateOptions {
  /** The app platform's SDK key (`tgp_…`), from the Control Center or the admin API. */
  sdkKey: string;
  /** Where Tollgate is served, such as https://tollgate.example.com. */
  baseUrl: string;
  /** Where the device id and the current session id live: `localStorage` if usable, else memory. */
  storage?: Storage;
  /** The platform's `fetch` unless given. */
  fetch?: FetchLike;
  retry?: RetryOptions;
}

const DEVICE_ID_KEY = 'tollgate.device_id';
const SESSION_ID_KEY = 'tollgate.session_id';

/** What an app calls: one instance per app process, for the app platform its SDK key names. */
export class Tollgate {
  readonly #transport: TransportConfig;
  readonly #storage: Storage;
  #deviceId: Promise<string> | undefined;
  /** The last answer per placement, sent back as If-None-Match: unchanged, it costs no body. */
  readonly #paywalls = new Map<string, { etag: string; value: PlacementPaywall }>();

  constructor(options: TollgateOptions) {
    const platformFetch: FetchLike | undefined =
      typeof globalThis.fetch === 'function' ? (url, init) => globalThis.fetch(url, init) : undefined;
    const fetch = options.fetch ?? platformFetch;
    if (!fetch) {
      throw new TypeError('This platform has no fetch: pass one as the fetch option');
    }
    this.#transport = {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      sdkKey: options.sdkKey,
      fetch,
      retry: { ...DEFAULT_RETRY, ...options.retry },
    };
    this.#storage = options.storage ?? defaultStorage();
  }

  /** The id this device made for itself on its first call, kept in storage from then on. */
  deviceId(): Promise<string> {
    this.#deviceId ??= this.#storedOrNew(DEVICE_ID_KEY);
    return this.#deviceId;
  }

  /** Registers the device, or updates what it says of itself: call it at every app start. */
  async register(info: DeviceInfo = {}): Promise<RegisterAnswer> {
    return send(this.#transport, 'PUT', await this.#devicePath(''), {
      ...(info.os === undefined ? {} : { os: info.os }),
      ...(info.osVersion === undefined ? {} : { os_version: info.osVersion }),
      ...(info.model === undefined ? {} : { model: info.model }),
      ...(info.language === undefined ? {} : { language: info.language }),
      ...(info.country === undefined ? {} : { country: info.country }),
      sdk_version: info.sdkVersion ?? SDK_VERSION,
      ...(info.appVersion === undefined ? {} : { app_version: info.appVersion }),
    });
  }

  /** Starts an app session (device.session.start) and keeps its id until `endSession`. */
  async startSession(): Promise<SessionAnswer> {
    const sessionId = newUuid();
    const startedAt = new Date().toISOString();
    const answer = await send<Omit<SessionAnswer, 'session_id'>>(
      this.#transport,
      'POST',
      await this.#devicePath('/sessions'),
      { session_id: sessionId, started_at: startedAt },
    );
    await this.#storage.set(SESSION_ID_KEY, sessionId);
    return { ...answer, session_id: sessionId };
  }

  /** Ends the session `startSession` started (device.session.end); null if none is open. */
  async endSession(): Promise<EndSessionAnswer | null> {
    const sessionId = await this.#storage.get(SESSION_ID_KEY);
    if (sessionId === null) {
      return null;
    }
    const answer = await send<EndSessionAnswer>(
      this.#transport,
      'POST',
      await this.#devicePath(`/sessions/${sessionId}/end`),
      { ended_at: new Date().toISOString() },
    );
    await this.#storage.remove(SESSION_ID_KEY);
    return answer;
  }

  /** A paywall was shown (device.impression). */
  async recordImpression(input: ImpressionInput): Promise<ImpressionAnswer> {
    return send(this.#transport, 'POST', await this.#devicePath('/impressions'), {
      impression_id: input.impressionId ?? newUuid(),
      paywall_id: input.paywallId,
      ...(input.campaignId === undefined ? {} : { campaign_id: input.campaignId }),
      ...(input.variant === undefined ? {} : { variant: input.variant }),
      occurred_at: (input.occurredAt ?? new Date()).toISOString(),
    });
  }

  /** A purchase made on the device: Tollgate checks it with its store and gives it to the device's user. */
  async recordTransaction(input: TransactionInput): Promise<TransactionAnswer> {
    return send(this.#transport, 'POST', await this.#devicePath('/transactions'), {
      transaction_id: input.transactionId ?? newUuid(),
      ...(input.campaign === undefined ? {} : { campaign: input.campaign }),
      ...purchaseBody(input),
    });
  }

  /** The user signs in: the device, and the purchases it reported, join the user with this id. */
  async login(externalId: string): Promise<LogInAnswer> {
    return send(this.#transport, 'POST', await this.#devicePath('/login'), { external_id: externalId });
  }

  /** The user signs out: the device gets a fresh anonymous user; purchases stay with the signed-in one. */
  async logout(): Promise<LogOutAnswer> {
    return send(this.#transport, 'POST', await this.#devicePath('/logout'), {});
  }

  /** Gives the device's user a value for an identifier of the app's own (a CRM id, say). */
  async setExternalId(key: string, value: string): Promise<SetExternalIdAnswer> {
    return send(this.#transport, 'PUT', await this.#devicePath(`/external-ids/${encodeURIComponent(key)}`), {
      value,
    });
  }

  /** What the device's user may access now, and where they are in their journey. */
  async customerInfo(): Promise<CustomerInfo> {
    return send(this.#transport, 'GET', await this.#devicePath('/customer-info'));
  }

  /**
   * The paywall to show at a placement (`onboarding`, `settings`…), chosen by the app's
   * campaigns for this user; `paywall` is null when none applies. Cheap to call at every start.
   * Report `campaign.id` and `campaign.variant` with the impression and the purchase.
   */
  async paywall(placement: string): Promise<PlacementPaywall> {
    const path = `/placements/${encodeURIComponent(placement)}/paywall?device_id=${await this.deviceId()}`;
    const answer = await sendCached(this.#transport, path, this.#paywalls.get(placement));
    if (answer.etag !== null) {
      this.#paywalls.set(placement, { etag: answer.etag, value: answer.value });
    }
    return answer.value;
  }

  async #devicePath(rest: string): Promise<string> {
    return `/devices/${await this.deviceId()}${rest}`;
  }

  async #storedOrNew(key: string): Promise<string> {
    const stored = await this.#storage.get(key);
    if (stored) {
      return stored;
    }
    const made = newUuid();
    await this.#storage.set(key, made);
    return made;
  }
}

function purchaseBody(input: TransactionInput): object {
  if (input.apple) {
    return {
      apple: {
        signed_transaction: input.apple.signedTransaction,
        ...(input.apple.signedRenewalInfo === undefined ? {} : { signed_renewal_info: input.apple.signedRenewalInfo }),
      },
    };
  }
  if (input.google) {
    return {
      google: {
        purchase_token: input.google.purchaseToken,
        product_id: input.google.productId,
        product_type: input.google.productType,
      },
    };
  }
  const test = input.testStore;
  return {
    test_store: {
      sku_ref_id: test.skuRefId,
      ...(test.offer === undefined ? {} : { offer: test.offer }),
      ...(test.priceMicros === undefined ? {} : { price_micros: test.priceMicros }),
      ...(test.currency === undefined ? {} : { currency: test.currency }),
      ...(test.periodDays === undefined ? {} : { period_days: test.periodDays }),
      ...(test.trialDays === undefined ? {} : { trial_days: test.trialDays }),
    },
  };
}

function newUuid(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID !== 'function') {
    throw new TypeError('This platform has no crypto.randomUUID: install a polyfill that provides it');
  }
  return crypto.randomUUID();
}
