import { createHash, randomBytes } from 'node:crypto';

/** Prefixes tell a leaked secret's kind at a glance (and let secret scanners find them). */
const PREFIXES = {
  apiKey: 'tgk_',
  session: 'tgs_',
  sdkKey: 'tgp_',
} as const;

export function newToken(kind: keyof typeof PREFIXES): string {
  return PREFIXES[kind] + randomBytes(32).toString('base64url');
}

/** Secrets with 256 bits of entropy need no slow hash: SHA-256 cannot be reversed or guessed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The part of an API key shown in lists, to recognise a key without revealing it. */
export function tokenPrefix(token: string): string {
  return token.slice(0, 12);
}
