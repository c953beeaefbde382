/**
 * A keyset page: the ids after `after` in the list's order (UUIDv7 ids are time-ordered):
 * greater ones for oldest-first lists, smaller ones for newest-first lists.
 */
export interface PageRequest {
  after: string;
  limit: number;
}
