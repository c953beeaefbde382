import { useId } from 'react';
import { useApps } from './apps.js';
import { Link, navigate } from './router.js';

/** Which app's data the screens show, and "+ New app"; with no app yet, the home page offers that instead. */
export function AppSwitcher({ current }: { current: string | undefined }) {
  const apps = useApps();
  const selectId = useId();
  const list = apps.data?.data ?? [];
  if (list.length === 0) {
    return null;
  }
  return (
    <div className="app-switcher">
      <label htmlFor={selectId}>App</label>
      <select
        id={selectId}
        value={current ?? ''}
        onChange={(event) => navigate(`/apps/${event.target.value}/customers`)}
        disabled={apps.isPending}
      >
        {current === undefined ? <option value="">Choose an app</option> : null}
        {list.map((app) => (
          <option key={app.id} value={app.id}>
            {app.name}
          </option>
        ))}
      </select>
      <Link to="/apps/new" className="button">
        + New app
      </Link>
    </div>
  );
}
