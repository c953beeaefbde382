import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Resolved through the package, not this file, so that it also holds inside a bundle.
const APPLE_ROOT_CA_G3 = join(
  dirname(createRequire(import.meta.url).resolve('@tollgate/stores/package.json')),
  'certs',
  'apple-root-ca-g3.pem',
);

/**
 * The roots Apple's signatures must chain to: Apple Root CA - G3, shipped with Tollgate,
 * and any the operator adds (PEM or DER files), such as a test PKI's.
 */
export function appleRootCertificates(extraFiles: readonly string[]): Buffer[] {
  return [APPLE_ROOT_CA_G3, ...extraFiles].map((file) => readFileSync(file));
}
