import { createHash, KeyObject, sign, webcrypto } from 'node:crypto';
import { x509 } from '../x509.js';

const RS256 = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
} as const;

export interface PushAuthorizationOptions {
  /** The push subscription's audience (by default, the push endpoint URL). */
  audience: string;
  /** The service account the subscription pushes as. */
  email: string;
  /** Defaults to now: verifyIdToken checks iat/exp against the real clock (±300 s). */
  issuedAt?: Date;
  expiresInSeconds?: number;
  /** Signs with a key Google never published, under the same kid: a forged token. */
  signedByStranger?: boolean;
  issuer?: string;
}

/**
 * Google's side of Pub/Sub push authentication: an RSA key whose self-signed certificate is
 * published like https://www.googleapis.com/oauth2/v1/certs, and ID tokens signed with it.
 */
export interface PushIdentity {
  readonly kid: string;
  /** Body of GET /oauth2/v1/certs: `{ kid: PEM certificate }`. */
  readonly pemCerts: Readonly<Record<string, string>>;
  /** Body of GET /oauth2/v3/certs: a JWK set. */
  readonly jwks: { keys: object[] };
  /** An `Authorization` header value: `Bearer <RS256 OIDC ID token>`. */
  pushAuthorization(options: PushAuthorizationOptions): string;
}

export async function createPushIdentity(): Promise<PushIdentity> {
  const [keys, stranger] = await Promise.all([
    webcrypto.subtle.generateKey(RS256, true, ['sign', 'verify']),
    webcrypto.subtle.generateKey(RS256, true, ['sign', 'verify']),
  ]);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=fake-oidc.googleapis.test',
    keys,
    signingAlgorithm: RS256,
    notBefore: new Date(Date.UTC(2020, 0, 1)),
    notAfter: new Date(Date.UTC(2045, 0, 1)),
  });
  // Google's kids are 40 hex digits; a certificate fingerprint has that shape and is stable per key.
  const kid = createHash('sha1').update(Buffer.from(certificate.rawData)).digest('hex');
  const signingKey = KeyObject.from(keys.privateKey);
  const strangerKey = KeyObject.from(stranger.privateKey);
  const jwk = KeyObject.from(keys.publicKey).export({ format: 'jwk' });

  return {
    kid,
    pemCerts: { [kid]: certificate.toString('pem') },
    jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] },
    pushAuthorization(options) {
      const iat = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000);
      const claims = {
        aud: options.audience,
        azp: '104000000000000000001',
        email: options.email,
        email_verified: true,
        exp: iat + (options.expiresInSeconds ?? 3600),
        iat,
        iss: options.issuer ?? 'https://accounts.google.com',
        sub: '104000000000000000001',
      };
      const input = `${base64url({ alg: 'RS256', kid, typ: 'JWT' })}.${base64url(claims)}`;
      const key = options.signedByStranger ? strangerKey : signingKey;
      return `Bearer ${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
    },
  };
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
