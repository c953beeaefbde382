import { describe, expect, test } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

describe('passwords', () => {
  test('a hash verifies its own password and no other', async () => {
    const hash = await hashPassword('correct horse battery staple');

    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  test('is salted: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);

    expect(a).not.toBe(b);
  });

  test('records its scrypt parameters, so that they can be raised later', async () => {
    const hash = await hashPassword('x');

    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });

  test('a composed and a decomposed accent are the same password', async () => {
    const hash = await hashPassword('caf\u00e9');

    expect(await verifyPassword('cafe\u0301', hash)).toBe(true);
  });

  test('a stored value that is not an scrypt hash verifies nothing', async () => {
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
  });
});
