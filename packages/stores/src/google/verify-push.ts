import { OAuth2Client } from 'google-auth-library';

export interface PushIdentity {
  /** The audience configured on the Pub/Sub push subscription. */
  audience: string;
  /** The service account the subscription authenticates as. */
  serviceAccount: string;
}

export type PushVerification =
  | { outcome: 'verified' }
  /** `retryable`: Google's signing certificates could not be fetched; Pub/Sub should retry. */
  | { outcome: 'rejected'; reason: string; retryable: boolean };

/**
 * Checks the OIDC token Pub/Sub sends with each push, with Google's own library: signature,
 * issuer, audience and expiry, then the service account (which the library leaves to us).
 */
export class GooglePushVerifier {
  readonly #client: OAuth2Client;

  /** `certsUrl`: where Google's signing certificates are (tests point it at a fake). */
  constructor(options: { certsUrl?: string | undefined } = {}) {
    this.#client = new OAuth2Client(
      options.certsUrl ? { endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl } } : {},
    );
  }

  async verify(authorization: string | undefined, expected: PushIdentity): Promise<PushVerification> {
    const idToken = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
    if (idToken === undefined) {
      return {
        outcome: 'rejected',
        reason: 'no bearer token: enable authentication on the push subscription',
        retryable: false,
      };
    }
    let email: string | undefined;
    let verified: boolean | undefined;
    try {
      const ticket = await this.#client.verifyIdToken({ idToken, audience: expected.audience });
      const claims = ticket.getPayload();
      email = claims?.email;
      verified = claims?.email_verified;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        outcome: 'rejected',
        reason: `the push token is not valid: ${message}`,
        retryable: isFetchFailure(error),
      };
    }
    if (email !== expected.serviceAccount || verified !== true) {
      return {
        outcome: 'rejected',
        reason: `the push was signed as ${email ?? 'nobody'}, not the configured service account`,
        retryable: false,
      };
    }
    return { outcome: 'verified' };
  }
}

/** Failing to fetch the certificates is ours to retry; a bad token is not. */
function isFetchFailure(error: unknown): boolean {
  const status = (error as { status?: unknown; response?: { status?: unknown } }).response?.status;
  return (
    error instanceof Error &&
    (error.name === 'FetchError' ||
      /ECONNREFUSED|ETIMEDOUT|fetch failed/i.test(error.message) ||
      (typeof status === 'number' && status >= 500))
  );
}
