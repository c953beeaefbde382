import { describe, expect, test } from 'vitest';
import { etagMatches } from './etag.js';

describe('If-None-Match', () => {
  test.each([
    ['the same tag', '"abc"', true],
    ['the tag made weak by a proxy', 'W/"abc"', true],
    ['a list holding it', '"old", W/"abc"', true],
    ['any tag', '*', true],
    ['another tag', '"abd"', false],
    ['the tag unquoted', 'abc', false],
    ['nothing', undefined, false],
  ])('%s: %s', (_case, header, matches) => {
    expect(etagMatches(header, '"abc"')).toBe(matches);
  });
});
