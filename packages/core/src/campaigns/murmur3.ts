/**
 * MurmurHash3 x86_32 (Austin Appleby's, public domain): fast, well mixed, not cryptographic,
 * and the same in every runtime, which is all that bucketing users needs.
 */
export function murmur3(bytes: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = bytes.length & ~3;
  let h = seed | 0;
  for (let index = 0; index < tail; index += 4) {
    h ^= scramble(view.getUint32(index, true), c1, c2);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  for (let index = bytes.length - 1; index >= tail; index--) {
    k = (k << 8) | (bytes[index] ?? 0);
  }
  if (bytes.length > tail) {
    h ^= scramble(k, c1, c2);
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function scramble(block: number, c1: number, c2: number): number {
  let k = Math.imul(block, c1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, c2);
}
