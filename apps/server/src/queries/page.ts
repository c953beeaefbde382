/** A keyset page: the ids after `after`, in id order (UUIDv7 ids are time-ordered). */
export interface PageRequest {
  /** The page holds ids greater than this one: the nil UUID, below them all, for the first page. */
  after: string;
  limit: number;
}
