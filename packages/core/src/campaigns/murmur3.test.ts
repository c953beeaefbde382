import { describe, expect, test } from 'vitest';
import { murmur3 } from './murmur3.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('MurmurHash3 x86_32', () => {
  // The reference implementation's published vectors: every tail length, seeds, multi-byte UTF-8.
  test.each<[string, number, number]>([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['aa', 0x9747b28c, 0x5d211726],
    ['aaa', 0x9747b28c, 0x283e0130],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['abc', 0x9747b28c, 0xc84a62dd],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['ππππππππ', 0x9747b28c, 0xd58063c1],
    ['hello', 0, 0x248bfa47],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ])('%j with seed %i is %i', (text, seed, expected) => {
    expect(murmur3(utf8(text), seed)).toBe(expected);
  });

  test('hashes only the bytes of a view, not the rest of its buffer', () => {
    const bytes = utf8('xxhelloxx');

    expect(murmur3(bytes.subarray(2, 7))).toBe(murmur3(utf8('hello')));
  });
});
