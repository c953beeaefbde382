import type { AppPlatform } from '@tollgate/db';
import {
  AppleNotificationVerifier,
  appleRootCertificates,
  GooglePushVerifier,
  type PlayApi,
  playApi,
} from '@tollgate/stores';
import type { StoreConfig } from '../config.js';
import type { SecretBox } from '../security/secret-box.js';
import { googleKeyContext } from '../use-cases/store-settings.js';

/** The stores' own verifiers and APIs, as configured for this process. */
export interface StoreGateways {
  apple: AppleNotificationVerifier;
  googlePush: GooglePushVerifier;
  /** The Play Developer API for one app platform; null when it has no credentials. */
  play(platform: AppPlatform): PlayApi | null;
}

export function storeGateways(config: StoreConfig, secrets: SecretBox): StoreGateways {
  const apis = new Map<string, PlayApi>();
  return {
    apple: new AppleNotificationVerifier(appleRootCertificates(config.appleExtraRootFiles)),
    googlePush: new GooglePushVerifier({ certsUrl: config.googleOidcCertsUrl }),
    play(platform) {
      const sealed = platform.google_service_account_key_encrypted;
      const cacheKey = `${platform.id}/${sealed ?? ''}`;
      const cached = apis.get(cacheKey);
      if (cached) {
        return cached;
      }
      const credentials = config.googlePlayAccessToken
        ? ({ kind: 'access_token', token: config.googlePlayAccessToken } as const)
        : sealed
          ? ({ kind: 'service_account', key: secrets.open(sealed, googleKeyContext(platform.id)) } as const)
          : null;
      if (!credentials) {
        return null;
      }
      const api = playApi({ credentials, rootUrl: config.googlePlayApiUrl, timeoutMs: config.googlePlayTimeoutMs });
      apis.set(cacheKey, api);
      return api;
    },
  };
}
