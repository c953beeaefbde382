import { isApiError } from '../api/client.js';
import { navigate, useLocation, withQuery } from '../app/router.js';
import { cursorOf, Pager } from '../ui/pager.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { CustomerTable } from './customer-table.js';
import { FilterBar } from './filter-bar.js';
import { FILTERS, type FilterKey, filterLabel, filtersOf, withFilter, withoutFilters } from './filters.js';
import { exportUrl, useCustomers } from './queries.js';

export function CustomersPage({ appId }: { appId: string }) {
  const { pathname, search } = useLocation();
  const filters = filtersOf(search);
  const customers = useCustomers(appId, filters, cursorOf(search));
  const setFilter = (key: FilterKey, value: string | undefined) =>
    navigate(withQuery(pathname, withFilter(search, key, value)));
  const clearFilters = () => navigate(withQuery(pathname, withoutFilters(search)));

  // A filter the API refused (not a UUID, say): its message goes beside its chip.
  const errors: Partial<Record<FilterKey, string>> = {};
  if (isApiError(customers.error, 400)) {
    for (const { key } of FILTERS) {
      const message = customers.error.fieldError(key);
      if (message !== undefined) {
        errors[key] = message;
      }
    }
  }
  const active = FILTERS.filter(({ key }) => filters[key] !== undefined);
  const rows = customers.data?.data;

  return (
    <section aria-labelledby="customers-title">
      <div className="page-head">
        <h1 id="customers-title">Customers</h1>
        <a className="button" href={exportUrl(appId, filters)} download>
          Export CSV
        </a>
      </div>
      <FilterBar filters={filters} errors={errors} onSet={setFilter} onClear={clearFilters} />
      {customers.isPending ? <Loading what="customers" /> : null}
      {customers.isError && Object.keys(errors).length === 0 ? (
        <ErrorState error={customers.error} onRetry={() => void customers.refetch()} />
      ) : null}
      {customers.isError && Object.keys(errors).length > 0 ? (
        <p className="state" role="alert">
          Fix or remove the filter marked above.
        </p>
      ) : null}
      {rows && rows.length === 0 && active.length > 0 ? (
        <Empty title="No customers match these filters">
          <p>Remove a filter to widen the search, or start over.</p>
          <div className="actions">
            {active.map(({ key }) => (
              <button key={key} type="button" onClick={() => setFilter(key, undefined)}>
                Remove {filterLabel(key)}
              </button>
            ))}
            <button type="button" className="primary" onClick={clearFilters}>
              Remove all filters
            </button>
          </div>
        </Empty>
      ) : null}
      {rows && rows.length === 0 && active.length === 0 ? (
        <Empty title="No customers yet">
          <p>
            Customers appear when an app’s devices call the SDK API or a store notifies a purchase. For demo data, run{' '}
            <code>npm run seed</code>.
          </p>
        </Empty>
      ) : null}
      {rows && rows.length > 0 && !customers.isError ? (
        <>
          <CustomerTable appId={appId} customers={rows} busy={customers.isPlaceholderData} />
          <Pager pathname={pathname} search={search} nextCursor={customers.data?.next_cursor} label="Customers" />
        </>
      ) : null}
    </section>
  );
}
