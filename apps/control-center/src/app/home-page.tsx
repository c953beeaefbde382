import { useEffect } from 'react';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { useApps } from './apps.js';
import { navigate } from './router.js';

/** `/` opens the first app's customers. */
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
        Create one through the API (<code>POST /api/v1/apps</code>), or run <code>npm run seed</code> for a demo app
        full of customers.
      </p>
    </Empty>
  );
}
