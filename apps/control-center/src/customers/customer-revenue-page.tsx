import { useLocation } from '../app/router.js';
import { cursorOf, Pager } from '../ui/pager.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { Back } from './back.js';
import { useCustomerRevenue } from './queries.js';
import { RevenueTable } from './revenue-table.js';

export function CustomerRevenuePage({ appId, userId }: { appId: string; userId: string }) {
  const { pathname, search } = useLocation();
  const revenue = useCustomerRevenue(appId, userId, cursorOf(search));
  const rows = revenue.data?.data;
  return (
    <section aria-labelledby="revenue-page-title">
      <Back to={`/apps/${appId}/customers/${userId}`} label="Customer" />
      <h1 id="revenue-page-title">Revenue</h1>
      <p className="muted">Every purchase, renewal and refund of this customer, newest first.</p>
      {revenue.isPending ? <Loading what="revenue" /> : null}
      {revenue.isError ? <ErrorState error={revenue.error} onRetry={() => void revenue.refetch()} /> : null}
      {rows && rows.length === 0 ? <Empty title="No revenue yet" /> : null}
      {rows && rows.length > 0 ? (
        <>
          <RevenueTable rows={rows} label="Revenue, newest first" />
          <Pager pathname={pathname} search={search} nextCursor={revenue.data?.next_cursor} label="Revenue" />
        </>
      ) : null}
    </section>
  );
}
