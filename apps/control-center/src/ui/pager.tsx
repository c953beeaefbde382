import { navigate, withQuery } from '../app/router.js';

/**
 * Keyset pages: the API gives only a next cursor, so the URL keeps the cursors of the pages
 * walked (`?cursor=a&cursor=b`): Next adds one, Previous drops the last. Shareable and reloadable.
 */
export function cursorOf(search: URLSearchParams): string | undefined {
  return search.getAll('cursor').at(-1);
}

function withoutCursors(search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete('cursor');
  return next;
}

interface PagerProps {
  pathname: string;
  search: URLSearchParams;
  nextCursor: string | null | undefined;
  label: string;
}

export function Pager({ pathname, search, nextCursor, label }: PagerProps) {
  const cursors = search.getAll('cursor');
  const go = (nextCursors: string[]) => {
    const params = withoutCursors(search);
    for (const cursor of nextCursors) {
      params.append('cursor', cursor);
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
