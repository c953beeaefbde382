/**
 * Whether `If-None-Match` names this entity tag, compared weakly as RFC 9110 asks for GET:
 * a list of tags, `*`, and tags a proxy marked weak (`W/"…"`, as nginx does when it
 * compresses) all count.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) {
    return false;
  }
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
