import { STORE_PLATFORMS } from '@tollgate/core';
import type { AppPlatform } from '@tollgate/db';
import { z } from 'zod';
import { notificationUrl } from '../../../intake/notification-url.js';
import { displayName, id, timestamp } from '../../schemas.js';

export const appPlatformSchema = z
  .object({
    id,
    app_id: id,
    name: z.string(),
    store: z.enum(STORE_PLATFORMS),
    marketplace_app_id: z.string().describe('The bundle id (Apple), package name (Google) or channel id (Roku)'),
    environment: z.string().describe('A label of your choice: production, staging, development…'),
    sdk_key: z.string().describe('The public key the app passes to the Tollgate SDK on this platform'),
    apple: z
      .object({
        app_apple_id: z.number().nullable().describe("The app's Apple ID: needed to verify Production notifications"),
        notification_url: z.string().describe('Paste into App Store Connect, for both Production and Sandbox'),
      })
      .nullable()
      .describe('App Store platforms only'),
    google: z
      .object({
        push_audience: z
          .string()
          .describe('The audience of the Pub/Sub push subscription (default: the notification URL)'),
        push_service_account: z.string().nullable().describe('The service account the push subscription signs as'),
        service_account_key_configured: z
          .boolean()
          .describe('Whether a key for the Play Developer API is stored (it is never shown)'),
        notification_url: z.string().describe('The push endpoint of the Pub/Sub subscription'),
      })
      .nullable()
      .describe('Google Play platforms only'),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'AppPlatform' });

const serviceAccountKey = z
  .string()
  .max(20_000)
  .refine(isServiceAccountKey, 'Paste the whole JSON key file of a Google Cloud service account')
  .describe('The JSON key file of a service account with access to the Play Developer API; write-only');

function isServiceAccountKey(text: string): boolean {
  try {
    const key = JSON.parse(text) as Record<string, unknown>;
    return (
      key.type === 'service_account' && typeof key.client_email === 'string' && typeof key.private_key === 'string'
    );
  } catch {
    // Not JSON: not a key file, which the refinement reports.
    return false;
  }
}

const storeSettings = {
  apple: z
    .strictObject({ app_apple_id: z.int().positive().nullable() })
    .partial()
    .optional()
    .describe('App Store platforms only'),
  google: z
    .strictObject({
      push_audience: z.url().max(500).nullable(),
      push_service_account: z.email().max(320).nullable(),
      service_account_key: serviceAccountKey.nullable(),
    })
    .partial()
    .optional()
    .describe('Google Play platforms only'),
};

const editable = {
  name: displayName,
  marketplace_app_id: z
    .string()
    .min(1, 'Must not be empty')
    .max(255)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Use letters, digits, ".", "_" or "-"')
    .describe('The bundle id (Apple), package name (Google) or channel id (Roku)'),
  environment: z
    .string()
    .min(1, 'Must not be empty')
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lower-case letters, digits, "_" or "-"'),
};

export const appPlatformInput = z.strictObject({
  ...editable,
  store: z.enum(STORE_PLATFORMS),
  environment: editable.environment.default('production'),
  ...storeSettings,
});

/** The store is fixed at creation: products and purchases depend on it. */
export const appPlatformChanges = z.strictObject({ ...editable, ...storeSettings }).partial();

export const appPlatformParams = z.strictObject({ appId: id, appPlatformId: id });

export function presentAppPlatform(platform: AppPlatform, publicUrl: string): z.infer<typeof appPlatformSchema> {
  const url = notificationUrl(publicUrl, platform);
  return {
    id: platform.id,
    app_id: platform.app_id,
    name: platform.name,
    store: platform.store,
    marketplace_app_id: platform.marketplace_app_id,
    environment: platform.environment,
    sdk_key: platform.sdk_key,
    apple: platform.store === 'apple' ? { app_apple_id: platform.apple_app_apple_id, notification_url: url } : null,
    google:
      platform.store === 'google'
        ? {
            push_audience: platform.google_push_audience ?? url,
            push_service_account: platform.google_push_service_account,
            service_account_key_configured: platform.google_service_account_key_encrypted !== null,
            notification_url: url,
          }
        : null,
    created_at: platform.created_at.toISOString(),
    updated_at: platform.updated_at.toISOString(),
  };
}
