import { Problem } from '../../problem.js';

export function entitlementNotFound(entitlementId: string): Problem {
  return new Problem(404, 'entitlement_not_found', `The app has no entitlement ${entitlementId}`);
}

export function entitlementRefIdTaken(): Problem {
  return new Problem(
    409,
    'entitlement_ref_id_taken',
    'The app already has an entitlement with this entitlement_ref_id',
    [{ location: 'body', field: 'entitlement_ref_id', message: 'Already used by another entitlement of this app' }],
  );
}
