import { describe, expect, test } from 'vitest';
import { pseudonym } from './pseudonym.js';

describe('pseudonym', () => {
  test('is an adjective, an animal and four digits', () => {
    expect(pseudonym('01a20cf2-46cd-7145-9643-a678666a1a51')).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{4}$/);
  });

  test('is the same for the same user, however the id is written', () => {
    const id = '01a20cf2-46cd-7145-9643-a678666a1a51';

    expect(pseudonym(id)).toBe(pseudonym(id.toUpperCase()));
  });

  test('tells most users apart: 10,000 time-ordered ids get almost 10,000 names', () => {
    const ids = Array.from(
      { length: 10_000 },
      (_, n) => `01a20cf2-${n.toString(16).padStart(4, '0')}-7145-9643-a678666a1a51`,
    );

    const names = new Set(ids.map(pseudonym));

    expect(names.size).toBeGreaterThan(9_990);
  });
});
