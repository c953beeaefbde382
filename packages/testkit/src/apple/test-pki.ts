import { KeyObject, sign as signBytes, webcrypto } from 'node:crypto';
import { x509 } from '../x509.js';

/** Marker extensions SignedDataVerifier looks for: without them a well-formed chain is rejected. */
const APPLE_INTERMEDIATE_OID = '1.2.840.113635.100.6.2.1';
const APPLE_LEAF_OID = '1.2.840.113635.100.6.11.1';
const ASN1_NULL = new Uint8Array([0x05, 0x00]);

const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface AppleTestPkiOptions {
  /** Validity of all three certificates. Back-dated by default so fixed-date fixtures verify. */
  notBefore?: Date;
  notAfter?: Date;
  /** Subject CN of the root; the intermediate and leaf names are fixed. */
  rootName?: string;
}

/** A stand-in for Apple's signing chain: trust `rootDer` in a SignedDataVerifier, then `sign` payloads. */
export interface AppleTestPki {
  rootDer: Buffer;
  rootPem: string;
  /** The `x5c` header `sign` uses: leaf, intermediate, root as standard base64 DER. */
  x5c: readonly [string, string, string];
  /** A compact JWS (ES256, x5c chain) as the App Store signs notifications and transactions. */
  sign(payload: object): string;
}

/**
 * Made in-process (no openssl), a few milliseconds each. Two PKIs share names but not keys,
 * so a second one is the natural forger.
 */
export async function createAppleTestPki(options: AppleTestPkiOptions = {}): Promise<AppleTestPki> {
  const validity = {
    notBefore: options.notBefore ?? new Date(Date.UTC(2020, 0, 1)),
    notAfter: options.notAfter ?? new Date(Date.UTC(2045, 0, 1)),
  };
  const [rootKeys, intermediateKeys, leafKeys] = await Promise.all([newKeys(), newKeys(), newKeys()]);
  const rootName = `CN=${options.rootName ?? 'Tollgate Test Root CA'}`;
  const intermediateName = 'CN=Tollgate Test WWDR Intermediate';

  const root = await x509.X509CertificateGenerator.createSelfSigned({
    ...validity,
    name: rootName,
    keys: rootKeys,
    signingAlgorithm: ECDSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const intermediate = await x509.X509CertificateGenerator.create({
    ...validity,
    subject: intermediateName,
    issuer: root.subject,
    publicKey: intermediateKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: ECDSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(intermediateKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
      new x509.Extension(APPLE_INTERMEDIATE_OID, false, ASN1_NULL),
    ],
  });
  const leaf = await x509.X509CertificateGenerator.create({
    ...validity,
    subject: 'CN=Tollgate Test App Store Signer',
    issuer: intermediate.subject,
    publicKey: leafKeys.publicKey,
    signingKey: intermediateKeys.privateKey,
    signingAlgorithm: ECDSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(intermediateKeys.publicKey),
      new x509.Extension(APPLE_LEAF_OID, false, ASN1_NULL),
    ],
  });

  const der = (certificate: x509.X509Certificate) => Buffer.from(certificate.rawData);
  const x5c = [der(leaf), der(intermediate), der(root)].map((b) => b.toString('base64'));
  const [leafB64, intermediateB64, rootB64] = x5c;
  if (leafB64 === undefined || intermediateB64 === undefined || rootB64 === undefined) {
    throw new Error('unreachable: three certificates were made');
  }
  // Computed once: signing is then a synchronous encode + one ECDSA operation.
  const header = base64url(JSON.stringify({ alg: 'ES256', x5c }));
  const leafKey = KeyObject.from(leafKeys.privateKey);

  return {
    rootDer: der(root),
    rootPem: root.toString('pem'),
    x5c: [leafB64, intermediateB64, rootB64],
    sign(payload) {
      const input = `${header}.${base64url(JSON.stringify(payload))}`;
      // JWS wants r||s (64 bytes); node's default DER encoding fails ES256 verification.
      const signature = signBytes('sha256', Buffer.from(input), { key: leafKey, dsaEncoding: 'ieee-p1363' });
      return `${input}.${signature.toString('base64url')}`;
    },
  };
}

function newKeys(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']);
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
