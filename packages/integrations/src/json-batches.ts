import { Buffer } from 'node:buffer';

/** How vendors count a body: bytes of UTF-8, not characters. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** One serialized item (an event, a batch) and the ids of the events it carries. */
export interface Sized {
  json: string;
  eventIds: string[];
}

/**
 * Items packed in order into groups whose body, `shellBytes` plus the items joined by
 * commas, stays under `maxBytes` with at most `maxItems` items. An item too large to go
 * even alone is left to the caller (check `fitsAlone` first).
 */
export function packBySize(
  items: Sized[],
  limits: { shellBytes: number; maxBytes: number; maxItems: number },
): Sized[][] {
  const groups: Sized[][] = [];
  let group: Sized[] = [];
  let bytes = limits.shellBytes;
  for (const item of items) {
    const size = byteLength(item.json);
    const added = group.length === 0 ? size : size + 1;
    if (group.length > 0 && (group.length >= limits.maxItems || bytes + added > limits.maxBytes)) {
      groups.push(group);
      group = [];
      bytes = limits.shellBytes;
    }
    bytes += group.length === 0 ? size : size + 1;
    group.push(item);
  }
  if (group.length > 0) {
    groups.push(group);
  }
  return groups;
}
