import { Link } from '../app/router.js';
import { formatTime } from '../ui/format.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { TEMPLATES } from './content.js';
import { usePaywalls } from './queries.js';

/** The app's paywalls: what each shows devices now, and whether its draft has changed since. */
export function PaywallsPage({ appId }: { appId: string }) {
  const paywalls = usePaywalls(appId);
  const list = paywalls.data?.data;
  const base = `/apps/${appId}/paywalls`;
  return (
    <section aria-labelledby="paywalls-title">
      <div className="page-head">
        <h1 id="paywalls-title">Paywalls</h1>
        <Link to={`${base}/new`} className="button primary">
          + New paywall
        </Link>
      </div>
      {paywalls.isPending ? <Loading what="paywalls" /> : null}
      {paywalls.isError ? <ErrorState error={paywalls.error} onRetry={() => void paywalls.refetch()} /> : null}
      {list && list.length === 0 ? (
        <Empty title="No paywalls yet">
          <p>A paywall is the screen offering the app’s products. Campaigns choose which one a placement shows.</p>
        </Empty>
      ) : null}
      {list && list.length > 0 ? (
        <table className="table" aria-label="Paywalls">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Template</th>
              <th scope="col">Published</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {list.map((paywall) => (
              <tr key={paywall.id}>
                <td>
                  <Link to={`${base}/${paywall.id}`}>{paywall.name}</Link>
                </td>
                <td>{TEMPLATES.find((t) => t.key === paywall.draft.template)?.name ?? paywall.draft.template}</td>
                <td>
                  {paywall.published_version === null ? 'Draft' : `Version ${paywall.published_version}`}
                  {paywall.published_version !== null && paywall.has_unpublished_changes ? (
                    <span className="badge badge-after">Unpublished changes</span>
                  ) : null}
                </td>
                <td>{formatTime(paywall.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
