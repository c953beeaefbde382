import { useEffect } from 'react';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { useApps } from './apps.js';
import { Link, navigate } from './router.js';

/** `/` opens the first app's customers; with no app yet, it offers to make one. */
export function HomePage() {
  const apps = useApps();
  const first = apps.data?.data[0];
  useEffect(() => {
    if (first) {
      navigate(`/apps/${first.id}/customers`, { replace: true });
    }
  }, [first]);

  if (apps.isPending || first) {
    return <Loading what="apps" />;
  }
  if (apps.isError) {
    return <ErrorState error={apps.error} onRetry={() => void apps.refetch()} />;
  }
  return (
    <Empty title="No apps yet">
      <p>
        An app holds what you sell: its platforms, entitlements and SKUs. For a demo app full of customers, run{' '}
        <code>npm run seed</code> instead.
      </p>
      <Link to="/apps/new" className="button primary">
        + New app
      </Link>
    </Empty>
  );
}
