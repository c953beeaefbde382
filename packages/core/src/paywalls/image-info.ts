/** The image types a paywall may show: what every device can decode. */
export const PAYWALL_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type PaywallImageType = (typeof PAYWALL_IMAGE_TYPES)[number];

export interface ImageInfo {
  contentType: PaywallImageType;
  width: number;
  height: number;
}

/**
 * What the bytes really are, read from their own header rather than from what the uploader
 * claimed: null for anything that is not a well-formed PNG, JPEG, WebP or GIF header.
 */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (start: number, length: number) =>
    start + length <= bytes.length ? String.fromCharCode(...bytes.subarray(start, start + length)) : '';
  if (ascii(1, 3) === 'PNG' && bytes[0] === 0x89 && ascii(12, 4) === 'IHDR' && bytes.length >= 24) {
    return sized('image/png', view.getUint32(16), view.getUint32(20));
  }
  if (ascii(0, 4) === 'GIF8' && bytes.length >= 10) {
    return sized('image/gif', view.getUint16(6, true), view.getUint16(8, true));
  }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    return webpInfo(view, ascii(12, 4));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    return jpegInfo(view);
  }
  return null;
}

function sized(contentType: PaywallImageType, width: number, height: number): ImageInfo | null {
  return width > 0 && height > 0 ? { contentType, width, height } : null;
}

/** The three WebP encodings keep their size in three places. */
function webpInfo(view: DataView, chunk: string): ImageInfo | null {
  if (view.byteLength < 30) {
    return null;
  }
  switch (chunk) {
    case 'VP8 ':
      return sized('image/webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
    case 'VP8L': {
      const bits = view.getUint32(21, true);
      return sized('image/webp', (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
    }
    case 'VP8X':
      return sized('image/webp', uint24(view, 24) + 1, uint24(view, 27) + 1);
    default:
      return null;
  }
}

function uint24(view: DataView, offset: number): number {
  return view.getUint8(offset) | (view.getUint8(offset + 1) << 8) | (view.getUint8(offset + 2) << 16);
}

/** Walks the JPEG segments to the first start-of-frame, which holds the size. */
function jpegInfo(view: DataView): ImageInfo | null {
  let offset = 2;
  while (offset + 9 <= view.byteLength) {
    if (view.getUint8(offset) !== 0xff) {
      return null;
    }
    const marker = view.getUint8(offset + 1);
    const length = view.getUint16(offset + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      return sized('image/jpeg', view.getUint16(offset + 7), view.getUint16(offset + 5));
    }
    offset += 2 + length;
  }
  return null;
}
