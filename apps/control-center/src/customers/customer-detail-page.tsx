import { Link } from '../app/router.js';
import { formatMoney, formatTime, storeName } from '../ui/format.js';
import { ErrorState, Loading } from '../ui/states.js';
import { Back } from './back.js';
import { useCustomer } from './queries.js';
import { RevenueTable } from './revenue-table.js';

interface Props {
  appId: string;
  userId: string;
}

export function CustomerDetailPage({ appId, userId }: Props) {
  const customer = useCustomer(appId, userId);
  const base = `/apps/${appId}/customers/${userId}`;
  if (customer.isPending) {
    return <Loading what="the customer" />;
  }
  if (customer.isError) {
    return <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />;
  }
  const c = customer.data;
  return (
    <article aria-labelledby="customer-title" className="detail">
      <Back to={`/apps/${appId}/customers`} label="Customers" />
      <h1 id="customer-title">{c.pseudonym}</h1>

      <div className="cards">
        <section aria-labelledby="identity-title" className="card">
          <h2 id="identity-title">Identifying information</h2>
          <dl>
            <dt>Pseudonym</dt>
            <dd>{c.pseudonym}</dd>
            <dt>Nami User ID</dt>
            <dd>
              <code>{c.user_id}</code>
            </dd>
            <dt>External ID</dt>
            <dd>{c.external_id ?? 'None set'}</dd>
            {c.external_ids
              .filter((id) => id.key !== 'external_id')
              .map((id) => (
                <div key={`${id.key}:${id.value}`} className="dl-row">
                  <dt>{id.key}</dt>
                  <dd>
                    <code>{id.value}</code>
                  </dd>
                </div>
              ))}
          </dl>
        </section>

        <section aria-labelledby="clv-title" className="card">
          <h2 id="clv-title">Customer lifetime value</h2>
          <p className="big-number">{formatMoney(c.lifetime_value_usd_micros, 'USD')}</p>
          <p className="muted">All purchases and renewals, less refunds, in US dollars.</p>
        </section>

        <section aria-labelledby="usage-title" className="card">
          <h2 id="usage-title">Usage</h2>
          <dl>
            <dt>Purchases</dt>
            <dd>{c.usage.purchases}</dd>
            <dt>App sessions</dt>
            <dd>{c.usage.app_sessions}</dd>
            <dt>First seen</dt>
            <dd>{formatTime(c.usage.first_seen_at)}</dd>
            <dt>Last seen</dt>
            <dd>{formatTime(c.usage.last_seen_at)}</dd>
            <dt>First purchase</dt>
            <dd>{formatTime(c.usage.first_purchase_at)}</dd>
            <dt>Last purchase</dt>
            <dd>{formatTime(c.usage.last_purchase_at)}</dd>
          </dl>
        </section>
      </div>

      <section aria-labelledby="revenue-title">
        <div className="section-head">
          <h2 id="revenue-title">Recent revenue</h2>
          <Link to={`${base}/revenue`}>See all revenue</Link>
        </div>
        {c.recent_revenue.length > 0 ? (
          <RevenueTable rows={c.recent_revenue} label="Recent revenue" />
        ) : (
          <p className="muted">No revenue yet.</p>
        )}
      </section>

      <section aria-labelledby="events-title">
        <div className="section-head">
          <h2 id="events-title">Recent user events</h2>
          <Link to={`${base}/events`}>See all events</Link>
        </div>
        {c.recent_events.length > 0 ? (
          <table className="table" aria-label="Recent user events">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
              </tr>
            </thead>
            <tbody>
              {c.recent_events.map((event) => (
                <tr key={event.id}>
                  <td>{formatTime(event.created_at)}</td>
                  <td>
                    <Link to={`${base}/events?event=${event.id}`}>
                      <code>{event.event_type}</code>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No events yet.</p>
        )}
      </section>

      <section aria-labelledby="entitlements-title">
        <h2 id="entitlements-title">Active entitlements</h2>
        {c.active_entitlements.length > 0 ? (
          <table className="table" aria-label="Active entitlements">
            <thead>
              <tr>
                <th scope="col">Entitlement</th>
                <th scope="col">SKU</th>
                <th scope="col">Platform</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {c.active_entitlements.map((entitlement) => (
                <tr key={entitlement.entitlement_ref_id}>
                  <td>
                    {entitlement.name} <code className="muted">{entitlement.entitlement_ref_id}</code>
                  </td>
                  <td>
                    <code>{entitlement.sku_ref_id}</code>
                  </td>
                  <td>{storeName(entitlement.purchase_platform)}</td>
                  <td>{entitlement.expiration ? formatTime(entitlement.expiration) : 'Never'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No active entitlements.</p>
        )}
      </section>

      <section aria-labelledby="devices-title">
        <h2 id="devices-title">Devices</h2>
        {c.devices.length > 0 ? (
          <table className="table" aria-label="Devices">
            <thead>
              <tr>
                <th scope="col">Platform</th>
                <th scope="col">Model</th>
                <th scope="col">OS</th>
                <th scope="col">Language</th>
                <th scope="col">SDK version</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {c.devices.map((device) => (
                <tr key={device.id}>
                  <td>
                    {device.platform.name} <span className="muted">({storeName(device.platform.store)})</span>
                  </td>
                  <td>{device.model ?? '—'}</td>
                  <td>{[device.os, device.os_version].filter(Boolean).join(' ') || '—'}</td>
                  <td>{device.language ?? '—'}</td>
                  <td>{device.sdk_version ?? '—'}</td>
                  <td>{formatTime(device.last_seen_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No devices: this customer came from a store notification only.</p>
        )}
      </section>
    </article>
  );
}
