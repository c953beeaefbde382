import { EVENT_TYPES, type EventType } from '@tollgate/core';
import { z } from 'zod';
import type { StoredIntegration } from '../../../integrations/stored.js';
import type { Integration } from '../../../queries/integrations.js';
import { displayName, id, timestamp } from '../../schemas.js';

export { integrationParams } from './delivery-schema.js';

const INTEGRATION_KINDS = ['amplitude', 'mparticle', 'webhook'] as const;
type Kind = (typeof INTEGRATION_KINDS)[number];

/** The events Amplitude and mParticle take: the product's 13, not the session and transfer events. */
export const VENDOR_EVENT_TYPES = [
  'device.impression',
  'device.transaction',
  'user.journey.trial.converted',
  'user.journey.trial.did_not_convert',
  'user.journey.trial.started',
  'user.subscription.cancelled',
  'user.subscription.expired',
  'user.subscription.in_grace_period',
  'user.subscription.paused',
  'user.subscription.purchased',
  'user.subscription.renewal_in_grace_period',
  'user.subscription.renewed',
  'user.subscription.resumed',
] as const satisfies readonly EventType[];

const AMPLITUDE_STANDARD_ENDPOINT = 'https://api2.amplitude.com/2/httpapi';
const AMPLITUDE_EU_ENDPOINT = 'https://api.eu.amplitude.com/2/httpapi';
const MPARTICLE_DEFAULT_BASE_URL = 'https://s2s.mparticle.com/v2';

// --- fields -----------------------------------------------------------------------------------

function eventTypesOf(allowed: readonly [EventType, ...EventType[]], who: string, which: string) {
  return z
    .array(z.enum(allowed, `Not an event type ${who} take`))
    .min(1, 'Choose at least one event type')
    .max(100)
    .describe(`The events sent, ${which} (a repeated type counts once; default: all of them)`);
}

const vendorEventTypes = eventTypesOf(
  VENDOR_EVENT_TYPES,
  'Amplitude and mParticle',
  `any of these ${VENDOR_EVENT_TYPES.length}: ${VENDOR_EVENT_TYPES.join(', ')}`,
);
const webhookEventTypes = eventTypesOf(EVENT_TYPES, 'webhooks', `any of the ${EVENT_TYPES.length} event types`);

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'Must be an http(s) URL' })
  .max(2000)
  .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), 'Leave credentials out of the URL');

/**
 * A credential: sent in a request header or body, so printable ASCII only; never shown again,
 * and never echoed by an error.
 */
const secret = z
  .string()
  .trim()
  .min(1, 'Must not be empty')
  .max(2000)
  .regex(/^[\x20-\x7e]+$/, 'Use printable ASCII characters only');

const idChoice = (vendor: string) =>
  z
    .enum(['external_id', 'user_id'], 'Must be external_id or user_id')
    .describe(
      `Which id ${vendor} knows the user by: external_id (the id your app gives at login; most apps) or ` +
        "user_id (Tollgate's own user id). An event whose user has no such id is skipped.",
    );

const enabled = z.boolean().describe('Whether events are sent; a disabled integration queues nothing');

const mode = z
  .enum(['selected_platform', 'all_platforms'], 'Must be selected_platform or all_platforms')
  .describe(
    'selected_platform: the feed gets the events of one app platform (an mParticle "act as" feed; one per platform). ' +
      'all_platforms: LEGACY, one feed for the app and all its platforms; accepted, but should not be used for new feeds.',
  );

const amplitudeFields = {
  endpoint: httpUrl.describe(
    `Amplitude's HTTP V2 endpoint: ${AMPLITUDE_STANDARD_ENDPOINT} (standard) or ${AMPLITUDE_EU_ENDPOINT} (EU residency)`,
  ),
  api_key: secret.describe("The Amplitude project's API key; write-only"),
  secret_key: secret.nullable().describe("The Amplitude project's secret key, if you keep it here; write-only"),
  user_id: idChoice('Amplitude'),
};

const mparticleFields = {
  mode,
  app_platform_id: id.describe('The app platform whose events this feed gets: for the selected_platform mode only'),
  base_url: httpUrl.describe(`Your mParticle pod's server-to-server API (default ${MPARTICLE_DEFAULT_BASE_URL}, US1)`),
  key: secret.describe("The feed's server-to-server key; write-only"),
  secret: secret.describe("The feed's server-to-server secret; write-only"),
  customer_id: idChoice('mParticle'),
};

const webhookFields = {
  url: httpUrl.describe('Where each event is POSTed'),
  authorization: secret
    .nullable()
    .describe('Sent verbatim as the Authorization header, for receivers that cannot check signatures; write-only'),
};

// --- create -----------------------------------------------------------------------------------

const amplitudeInput = z
  .strictObject({
    kind: z.literal('amplitude'),
    name: displayName,
    enabled: enabled.default(true),
    endpoint: amplitudeFields.endpoint.default(AMPLITUDE_STANDARD_ENDPOINT),
    api_key: amplitudeFields.api_key,
    secret_key: amplitudeFields.secret_key.optional(),
    user_id: amplitudeFields.user_id.default('external_id'),
    event_types: vendorEventTypes.default([...VENDOR_EVENT_TYPES]),
  })
  .meta({ id: 'NewAmplitudeIntegration', description: 'One per app' });

const mparticleInput = z
  .strictObject({
    kind: z.literal('mparticle'),
    name: displayName,
    enabled: enabled.default(true),
    mode: mparticleFields.mode.default('selected_platform'),
    app_platform_id: mparticleFields.app_platform_id.optional(),
    base_url: mparticleFields.base_url.default(MPARTICLE_DEFAULT_BASE_URL),
    key: mparticleFields.key,
    secret: mparticleFields.secret,
    customer_id: mparticleFields.customer_id.default('external_id'),
    event_types: vendorEventTypes.default([...VENDOR_EVENT_TYPES]),
  })
  .superRefine((feed, context) => {
    if (feed.mode === 'selected_platform' && feed.app_platform_id === undefined) {
      context.addIssue({ code: 'custom', path: ['app_platform_id'], message: 'Choose the platform this feed serves' });
    }
    if (feed.mode === 'all_platforms' && feed.app_platform_id !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['app_platform_id'],
        message: 'Leave it out: an all_platforms feed serves every platform',
      });
    }
  })
  .meta({ id: 'NewMparticleFeed', description: 'One per app platform (and one legacy all-platforms feed)' });

const webhookInput = z
  .strictObject({
    kind: z.literal('webhook'),
    name: displayName,
    enabled: enabled.default(true),
    url: webhookFields.url,
    authorization: webhookFields.authorization.optional(),
    event_types: webhookEventTypes.default([...EVENT_TYPES]),
  })
  .meta({
    id: 'NewWebhook',
    description: 'Any number per app; the signing secret is made by Tollgate and shown once, in the answer',
  });

export const integrationInput = z.discriminatedUnion('kind', [amplitudeInput, mparticleInput, webhookInput], {
  error: (issue) => (issue.code === 'invalid_union' ? 'Must be amplitude, mparticle or webhook' : undefined),
});

// --- change -----------------------------------------------------------------------------------

const common = { name: displayName, enabled };

/** The fields each kind can change; its kind cannot change. */
export const integrationChangesOf = {
  amplitude: z.strictObject({ ...common, event_types: vendorEventTypes, ...amplitudeFields }).partial(),
  mparticle: z.strictObject({ ...common, event_types: vendorEventTypes, ...mparticleFields }).partial(),
  webhook: z.strictObject({ ...common, event_types: webhookEventTypes, ...webhookFields }).partial(),
} satisfies Record<Kind, z.ZodObject>;

/**
 * What a PATCH may hold, before the integration's kind is known: every kind's fields. The
 * fields of the integration's own kind are then checked by `integrationChangesOf`.
 */
export const integrationChanges = z
  .strictObject({
    ...common,
    event_types: webhookEventTypes.describe(
      `The events sent (a repeated type counts once): Amplitude and mParticle take ${VENDOR_EVENT_TYPES.length} of ` +
        'them (see their inputs), webhooks any',
    ),
    ...amplitudeFields,
    ...mparticleFields,
    ...webhookFields,
  })
  .partial()
  .meta({
    id: 'IntegrationChanges',
    description:
      "The fields to change, of the integration's own kind only (a field of another kind is a 400); a secret " +
      'given replaces the stored one, a secret left out is kept. The kind cannot change.',
  });

// --- answer -----------------------------------------------------------------------------------

const hint = z.string().describe('The last characters of the secret, to tell which one is set');

export const integrationSchema = z
  .object({
    id,
    app_id: id,
    kind: z.enum(INTEGRATION_KINDS),
    name: z.string(),
    enabled: z.boolean(),
    status: z
      .enum(['active', 'paused', 'disabled'])
      .describe(
        'disabled: turned off (enabled is false); paused: the vendor refused its credentials, nothing is sent ' +
          'until it is resumed (POST …/resume), and nothing is lost; active: sending',
      ),
    paused_reason: z.string().nullable().describe('What the vendor said when it paused'),
    paused_at: timestamp.nullable(),
    event_types: z.array(z.enum(EVENT_TYPES)),
    amplitude: z
      .object({
        endpoint: z.string(),
        user_id: z.enum(['external_id', 'user_id']),
        api_key: hint,
        secret_key: hint.nullable(),
      })
      .nullable()
      .describe('Amplitude integrations only'),
    mparticle: z
      .object({
        mode: z.enum(['selected_platform', 'all_platforms']),
        legacy: z.boolean().describe('The all_platforms mode: a legacy set-up that should not be used for new feeds'),
        app_platform_id: id.nullable().describe('The platform the feed serves; null for the legacy mode'),
        base_url: z.string(),
        customer_id: z.enum(['external_id', 'user_id']),
        key: hint,
        secret: hint,
      })
      .nullable()
      .describe('mParticle feeds only'),
    webhook: z
      .object({
        url: z.string(),
        authorization: hint.nullable(),
        signing_secret: hint.describe('Shown whole only in the answer that created the webhook'),
      })
      .nullable()
      .describe('Webhooks only'),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Integration' });

export const createdIntegrationSchema = integrationSchema
  .extend({
    signing_secret: z
      .string()
      .nullable()
      .describe(
        'A webhook\'s signing secret ("whsec_" and 32 base64 bytes), shown in this answer only: keep it to ' +
          'verify the webhook-signature header. Null for the other kinds.',
      ),
  })
  .meta({ id: 'CreatedIntegration' });

type Shown = z.infer<typeof integrationSchema>;
/** What `secret_hints` holds: a hint for each secret, null for a secret that is not set. */
type Hints<K extends Kind> = {
  [Name in keyof StoredIntegration[K]['secrets']]: StoredIntegration[K]['secrets'][Name] extends string
    ? string
    : string | null;
};

export function presentIntegration(integration: Integration): Shown {
  const shown: Shown = {
    id: integration.id,
    app_id: integration.app_id,
    kind: integration.kind,
    name: integration.name,
    enabled: integration.enabled,
    status: !integration.enabled ? 'disabled' : integration.paused_at ? 'paused' : 'active',
    paused_reason: integration.paused_reason,
    paused_at: integration.paused_at?.toISOString() ?? null,
    event_types: integration.event_types as EventType[],
    amplitude: null,
    mparticle: null,
    webhook: null,
    created_at: integration.created_at.toISOString(),
    updated_at: integration.updated_at.toISOString(),
  };
  switch (integration.kind) {
    case 'amplitude': {
      const settings = integration.settings as StoredIntegration['amplitude']['settings'];
      const hints = integration.secret_hints as Hints<'amplitude'>;
      return {
        ...shown,
        amplitude: {
          endpoint: settings.endpoint,
          user_id: settings.user_id,
          api_key: hints.api_key,
          secret_key: hints.secret_key,
        },
      };
    }
    case 'mparticle': {
      const settings = integration.settings as StoredIntegration['mparticle']['settings'];
      const hints = integration.secret_hints as Hints<'mparticle'>;
      return {
        ...shown,
        mparticle: {
          mode: settings.mode,
          legacy: settings.mode === 'all_platforms',
          app_platform_id: integration.app_platform_id,
          base_url: settings.base_url,
          customer_id: settings.customer_id,
          key: hints.key,
          secret: hints.secret,
        },
      };
    }
    case 'webhook': {
      const settings = integration.settings as StoredIntegration['webhook']['settings'];
      const hints = integration.secret_hints as Hints<'webhook'>;
      return {
        ...shown,
        webhook: { url: settings.url, authorization: hints.authorization, signing_secret: hints.signing_secret },
      };
    }
  }
}
