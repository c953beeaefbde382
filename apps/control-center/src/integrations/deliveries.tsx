import { navigate, useLocation, withQuery } from '../app/router.js';
import { formatTime } from '../ui/format.js';
import { cursorOf, Pager, withoutCursors } from '../ui/pager.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { type DeliveryStatus, useDeliveries, useReplayDead, useReplayDelivery } from './queries.js';

const STATUSES: DeliveryStatus[] = ['dead', 'pending', 'delivered', 'skipped'];

/** The delivery log above pages with `cursor`: this list keeps its own cursors, so each pages alone. */
const CURSOR = 'deliveries_cursor';

/** An integration's deliveries, filtered by status and paged, with Replay per delivery and for the dead ones. */
export function Deliveries({ appId, integrationId }: { appId: string; integrationId: string }) {
  const { pathname, search } = useLocation();
  const raw = search.get('status');
  const status = STATUSES.find((s) => s === raw);
  const deliveries = useDeliveries(appId, integrationId, status, cursorOf(search, CURSOR));
  const replayOne = useReplayDelivery(appId, integrationId);
  const replayDead = useReplayDead(appId, integrationId);
  const rows = deliveries.data?.data;
  const setStatus = (next: string) => {
    // A cursor belongs to the filter it was made with: another status starts on its first page.
    const params = withoutCursors(search, CURSOR);
    if (next) {
      params.set('status', next);
    } else {
      params.delete('status');
    }
    navigate(withQuery(pathname, params), { replace: true });
  };
  return (
    <section aria-labelledby="deliveries-title">
      <div className="section-head">
        <h2 id="deliveries-title">Deliveries</h2>
        <div className="actions">
          <label className="inline-field">
            <span>Status</span>
            <select value={status ?? ''} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => replayDead.mutate()} disabled={replayDead.isPending}>
            Replay dead deliveries
          </button>
        </div>
      </div>
      {replayDead.data ? (
        <p aria-live="polite">
          {replayDead.data.replayed === 0
            ? 'No dead deliveries to replay.'
            : `${replayDead.data.replayed} dead ${replayDead.data.replayed === 1 ? 'delivery' : 'deliveries'} queued again.`}
        </p>
      ) : null}
      {replayDead.isError ? <ErrorState error={replayDead.error} /> : null}
      {replayOne.isError ? <ErrorState error={replayOne.error} /> : null}
      {deliveries.isPending ? <Loading what="deliveries" /> : null}
      {deliveries.isError ? <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} /> : null}
      {rows && rows.length === 0 ? (
        <Empty title={status ? `No ${status} deliveries` : 'No deliveries yet'}>
          <p>Each event the integration takes is delivered once; its state shows here, newest event first.</p>
        </Empty>
      ) : null}
      {rows && rows.length > 0 ? (
        <>
          <table className="table" aria-label="Deliveries, newest event first" aria-busy={deliveries.isPlaceholderData}>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">When</th>
                <th scope="col">Status</th>
                <th scope="col" className="number">
                  Attempts
                </th>
                <th scope="col">Last error</th>
                <th scope="col" className="row-action">
                  <span className="visually-hidden">Replay</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((delivery) => (
                <tr key={delivery.event_id}>
                  <td>
                    <code>{delivery.event_type}</code>
                  </td>
                  <td>{formatTime(delivery.event_created_at)}</td>
                  <td>
                    <span className={`status status-${delivery.status}`}>{delivery.status}</span>
                  </td>
                  <td className="number">{delivery.attempts}</td>
                  <td>{delivery.last_error ?? '—'}</td>
                  <td className="row-action">
                    {delivery.status === 'pending' ? null : (
                      <button
                        type="button"
                        disabled={replayOne.isPending}
                        onClick={() => replayOne.mutate(delivery.event_id)}
                        aria-label={`Replay ${delivery.event_type} of ${formatTime(delivery.event_created_at)}`}
                      >
                        Replay
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            pathname={pathname}
            search={search}
            nextCursor={deliveries.data?.next_cursor}
            label="Deliveries"
            param={CURSOR}
          />
        </>
      ) : null}
    </section>
  );
}
