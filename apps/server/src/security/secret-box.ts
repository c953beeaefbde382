import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Secrets at rest (store credentials, integration keys): AES-256-GCM, each sealed with what
 * it belongs to as associated data, so that a sealed value copied to another row or column
 * does not open there.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** Throws when the value was not sealed with this key and context. */
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) {
    throw new Error(`the secret key must be 32 bytes, not ${key.length}`);
  }
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, sealed, cipher.getAuthTag()]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed, context) {
      const [version, iv, ciphertext, tag] = sealed.split('.');
      if (version !== VERSION || iv === undefined || ciphertext === undefined || tag === undefined) {
        throw new Error('not a sealed secret');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** A box that loads its key on first use: no key file is made until a secret is stored. */
export function lazySecretBox(loadKey: () => Buffer): SecretBox {
  let box: SecretBox | undefined;
  const ready = () => {
    box ??= secretBox(loadKey());
    return box;
  };
  return {
    seal: (plaintext, context) => ready().seal(plaintext, context),
    open: (sealed, context) => ready().open(sealed, context),
  };
}

/**
 * The key: TOLLGATE_SECRET_KEY (32 bytes, base64 or hex), or else a key file made once
 * with mode 0600. Several machines sharing one PostgreSQL must share TOLLGATE_SECRET_KEY.
 */
export function loadSecretKey(fromEnv: string | undefined, keyFile: string): Buffer {
  if (fromEnv !== undefined) {
    const key = /^[0-9a-f]{64}$/i.test(fromEnv) ? Buffer.from(fromEnv, 'hex') : Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) {
      throw new Error('TOLLGATE_SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
    }
    return key;
  }
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(keyFile, 0o600);
  return Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
}
