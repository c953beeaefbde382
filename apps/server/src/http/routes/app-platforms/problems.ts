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
