import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSecretKey, secretBox } from './secret-box.js';

describe('the secret box', () => {
  const box = secretBox(randomBytes(32));

  test('opens what it sealed, in the same context', () => {
    const sealed = box.seal('{"private_key":"…"}', 'app_platform:1:google_key');

    expect(sealed).not.toContain('private_key');
    expect(box.open(sealed, 'app_platform:1:google_key')).toBe('{"private_key":"…"}');
  });

  test('seals the same secret differently every time', () => {
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  test('will not open a value moved to another context', () => {
    const sealed = box.seal('secret', 'app_platform:1:google_key');

    expect(() => box.open(sealed, 'app_platform:2:google_key')).toThrow();
  });

  test('will not open a value sealed with another key, or tampered with', () => {
    const sealed = box.seal('secret', 'c');
    const tampered = `${sealed.slice(0, -2)}AA`;

    expect(() => secretBox(randomBytes(32)).open(sealed, 'c')).toThrow();
    expect(() => box.open(tampered, 'c')).toThrow();
  });
});

describe('the secret key', () => {
  test('comes from TOLLGATE_SECRET_KEY, in hex or base64', () => {
    const key = randomBytes(32);

    expect(loadSecretKey(key.toString('hex'), '/nonexistent/key')).toEqual(key);
    expect(loadSecretKey(key.toString('base64'), '/nonexistent/key')).toEqual(key);
  });

  test('refuses a key of the wrong length', () => {
    expect(() => loadSecretKey('abcd', '/nonexistent/key')).toThrow('32 bytes');
  });

  test('otherwise is made once, in a file only its owner can read, and kept', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tollgate-key-')), 'secret.key');

    const first = loadSecretKey(undefined, file);
    const second = loadSecretKey(undefined, file);

    expect(first).toHaveLength(32);
    expect(second).toEqual(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
