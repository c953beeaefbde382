import type { StorePlatform } from '@tollgate/core';
import type { Deps } from '../deps.js';

/** What Tollgate needs to verify a store's input for one app platform. */
export interface StoreSettings {
  apple?: { app_apple_id?: number | null | undefined } | undefined;
  google?:
    | {
        push_audience?: string | null | undefined;
        push_service_account?: string | null | undefined;
        /** A service-account key file (JSON) for the Play Developer API: sealed at rest. */
        service_account_key?: string | null | undefined;
      }
    | undefined;
}

export type StoreSettingColumns = {
  apple_app_apple_id?: number | null;
  google_push_audience?: string | null;
  google_push_service_account?: string | null;
  google_service_account_key_encrypted?: string | null;
};

/** The sealed key belongs to its platform: a copy moved to another row does not open. */
export function googleKeyContext(appPlatformId: string): string {
  return `app_platforms:${appPlatformId}:google_service_account_key`;
}

/** The columns for the settings given, or the store they were wrongly given for. */
export function storeSettingColumns(
  deps: Deps,
  appPlatformId: string,
  store: StorePlatform,
  settings: StoreSettings,
): { columns: StoreSettingColumns } | { wrongStore: 'apple' | 'google' } {
  if (settings.apple && store !== 'apple') {
    return { wrongStore: 'apple' };
  }
  if (settings.google && store !== 'google') {
    return { wrongStore: 'google' };
  }
  const { apple, google } = settings;
  const key = google?.service_account_key;
  return {
    columns: {
      ...(apple?.app_apple_id === undefined ? {} : { apple_app_apple_id: apple.app_apple_id }),
      ...(google?.push_audience === undefined ? {} : { google_push_audience: google.push_audience }),
      ...(google?.push_service_account === undefined
        ? {}
        : { google_push_service_account: google.push_service_account }),
      ...(key === undefined
        ? {}
        : {
            google_service_account_key_encrypted:
              key === null ? null : deps.secrets.seal(key, googleKeyContext(appPlatformId)),
          }),
    },
  };
}
