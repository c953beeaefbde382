import { describe, expect, test } from 'vitest';
import { imageInfo } from './image-info.js';

function bytes(...parts: (string | number[])[]): Uint8Array {
  return Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)),
  );
}
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u16be = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const u16le = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const u24le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];

const png = (w: number, h: number) =>
  bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], u32be(13), 'IHDR', u32be(w), u32be(h), [8, 6, 0, 0, 0]);
const gif = (w: number, h: number) => bytes('GIF89a', u16le(w), u16le(h), [0, 0, 0]);
const jpeg = (w: number, h: number) =>
  bytes(
    [0xff, 0xd8],
    [0xff, 0xe0],
    u16be(16),
    'JFIF',
    [0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    [0xff, 0xc0],
    u16be(17),
    [8],
    u16be(h),
    u16be(w),
    [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
  );
const webpExtended = (w: number, h: number) =>
  bytes('RIFF', [0, 0, 0, 0], 'WEBP', 'VP8X', [10, 0, 0, 0], [0, 0, 0, 0], u24le(w - 1), u24le(h - 1));

describe('imageInfo reads the type and size from the image itself', () => {
  test.each([
    ['PNG', png(1242, 2688), { contentType: 'image/png', width: 1242, height: 2688 }],
    ['GIF', gif(320, 200), { contentType: 'image/gif', width: 320, height: 200 }],
    [
      'JPEG (size in the frame after an APP0 segment)',
      jpeg(800, 600),
      { contentType: 'image/jpeg', width: 800, height: 600 },
    ],
    ['WebP (extended)', webpExtended(1024, 512), { contentType: 'image/webp', width: 1024, height: 512 }],
  ])('%s', (_name, image, expected) => {
    expect(imageInfo(image)).toEqual(expected);
  });

  test.each([
    ['text', bytes('hello, this is not an image at all')],
    ['an SVG (scripts can hide in it)', bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['an empty body', new Uint8Array()],
    ['a truncated PNG', png(10, 10).subarray(0, 18)],
    ['a PNG claiming zero width', png(0, 10)],
    ['a JPEG with no frame', bytes([0xff, 0xd8], [0xff, 0xe0], u16be(4), [0, 0], [0, 0, 0, 0, 0])],
  ])('refuses %s', (_name, image) => {
    expect(imageInfo(image)).toBeNull();
  });
});
