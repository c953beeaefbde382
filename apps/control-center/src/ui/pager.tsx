import { navigate, withQuery } from '../app/router.js';

/**
 * Keyset pages: the API gives only a next cursor, so the URL keeps the cursors of the pages
 * walked (`?cursor=a&cursor=b`): Next adds one, Previous drops the last. Shareable and reloadable.
 * A screen with two paged lists names the second one's parameter (`param`), so each pages alone.
 */
export function cursorOf(search: URLSearchParams, param = 'cursor'): string | undefined {
  return search.getAll(param).at(-1);
}

/** `search` back on the first page of the list paged by `param` (its filter changed, say). */
export function withoutCursors(search: URLSearchParams, param = 'cursor'): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete(param);
  return next;
}

interface PagerProps {
  pathname: string;
  search: URLSearchParams;
  nextCursor: string | null | undefined;
  label: string;
  /** The query parameter holding this list's cursors. */
  param?: string;
}

export function Pager({ pathname, search, nextCursor, label, param = 'cursor' }: PagerProps) {
  const cursors = search.getAll(param);
  const go = (nextCursors: string[]) => {
    const params = withoutCursors(search, param);
    for (const cursor of nextCursors) {
      params.append(param, cursor);
    }
    navigate(withQuery(pathname, params));
  };
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={cursors.length === 0} onClick={() => go(cursors.slice(0, -1))}>
        ← Previous
      </button>
      <span className="muted">Page {cursors.length + 1}</span>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && go([...cursors, nextCursor])}>
        Next →
      </button>
    </nav>
  );
}
