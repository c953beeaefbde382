import type { z } from 'zod';
import type { Deps } from '../../../deps.js';
import { findApp } from '../../../queries/apps.js';
import { type FieldError, Problem } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { unknownAppPlatform } from '../products/problems.js';

export { unknownAppPlatform };

export function integrationNotFound(integrationId: string): Problem {
  return new Problem(404, 'integration_not_found', `The app has no integration ${integrationId}`);
}

/** The path names no integration the caller can see: say whether the app or the integration is missing. */
export async function missingIntegration(
  deps: Deps,
  orgId: string,
  params: { appId: string; integrationId: string },
): Promise<Problem> {
  const app = await findApp(deps.db, orgId, params.appId);
  return app ? integrationNotFound(params.integrationId) : appNotFound(params.appId);
}

const KIND_NAMES = { amplitude: 'Amplitude', mparticle: 'mParticle', webhook: 'webhook' } as const;

/** A change the integration's kind does not take, as a validation failure like any other. */
export function invalidForKind(kind: keyof typeof KIND_NAMES, error: z.ZodError): Problem {
  const errors: FieldError[] = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          location: 'body' as const,
          field: key,
          message: `Not a field of ${KIND_NAMES[kind]} integrations`,
        }))
      : [{ location: 'body' as const, field: issue.path.join('.'), message: issue.message }],
  );
  const fields = errors.map((e) => e.field || 'body').join(', ');
  return new Problem(400, 'validation_failed', `The request is not valid: check ${fields}`, errors);
}

export function amplitudeIntegrationExists(): Problem {
  return new Problem(
    409,
    'amplitude_integration_exists',
    'The app has an Amplitude integration already: there is one per app, change that one',
    [{ location: 'body', field: 'kind', message: 'The app has an Amplitude integration already' }],
  );
}

export function mparticleFeedExists(legacy: boolean): Problem {
  const message = legacy
    ? 'The app has a legacy all-platforms mParticle feed already'
    : 'Another mParticle feed of this app serves this platform';
  return new Problem(409, 'mparticle_feed_exists', `${message}: there is one feed per platform`, [
    { location: 'body', field: 'app_platform_id', message },
  ]);
}

export function appPlatformRequired(): Problem {
  return new Problem(422, 'app_platform_required', 'A selected_platform feed needs the platform it serves', [
    { location: 'body', field: 'app_platform_id', message: 'Choose the platform this feed serves' },
  ]);
}

export function appPlatformForLegacyFeed(): Problem {
  return new Problem(
    422,
    'app_platform_for_legacy_feed',
    'An all_platforms feed serves every platform of the app: it takes no app_platform_id',
    [{ location: 'body', field: 'app_platform_id', message: 'Leave it out, or set mode to selected_platform' }],
  );
}
