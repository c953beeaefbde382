import { Problem } from '../../problem.js';

export function appPlatformNotFound(appPlatformId: string): Problem {
  return new Problem(404, 'app_platform_not_found', `The app has no app platform ${appPlatformId}`);
}

export function marketplaceAppIdTaken(): Problem {
  return new Problem(
    409,
    'marketplace_app_id_taken',
    'The app already has a platform for this store, marketplace app id and environment',
    [{ location: 'body', field: 'marketplace_app_id', message: 'Already used by another platform of this app' }],
  );
}

export function settingsForOtherStore(store: 'apple' | 'google'): Problem {
  const name = store === 'apple' ? 'App Store' : 'Google Play';
  return new Problem(422, 'settings_for_other_store', `${store} settings apply to ${name} platforms only`, [
    { location: 'body', field: store, message: `Only for ${name} platforms` },
  ]);
}
