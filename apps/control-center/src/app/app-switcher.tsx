import { useApps } from './apps.js';
import { navigate } from './router.js';

/** Which app's data the screens show; switching keeps the section (customers, catalog…). */
export function AppSwitcher({ current }: { current: string | undefined }) {
  const apps = useApps();
  const list = apps.data?.data ?? [];
  if (list.length === 0) {
    return null;
  }
  return (
    <label className="app-switcher">
      <span>App</span>
      <select
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
    </label>
  );
}
