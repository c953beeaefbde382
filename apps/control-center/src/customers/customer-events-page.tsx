import { Link, navigate, useLocation, withQuery } from '../app/router.js';
import { formatTime, storeName } from '../ui/format.js';
import { EyeIcon } from '../ui/icons.js';
import { cursorOf, Pager } from '../ui/pager.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { Back } from './back.js';
import { EventDialog } from './event-dialog.js';
import { useCustomerEvents } from './queries.js';

export function CustomerEventsPage({ appId, userId }: { appId: string; userId: string }) {
  const { pathname, search } = useLocation();
  const events = useCustomerEvents(appId, userId, cursorOf(search));
  const rows = events.data?.data;
  // The open payload is in the URL (`?event=`), so it can be shared and survives a reload.
  const openEvent = search.get('event');
  const linkTo = (eventId: string | null) => {
    const params = new URLSearchParams(search);
    if (eventId === null) {
      params.delete('event');
    } else {
      params.set('event', eventId);
    }
    return withQuery(pathname, params);
  };

  return (
    <section aria-labelledby="events-page-title">
      <Back to={`/apps/${appId}/customers/${userId}`} label="Customer" />
      <h1 id="events-page-title">User events</h1>
      <p className="muted">Every event of this customer, newest first. The eye shows its full payload.</p>
      {events.isPending ? <Loading what="events" /> : null}
      {events.isError ? <ErrorState error={events.error} onRetry={() => void events.refetch()} /> : null}
      {rows && rows.length === 0 ? <Empty title="No events yet" /> : null}
      {rows && rows.length > 0 ? (
        <>
          <table className="table" aria-label="User events, newest first">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Platform</th>
                <th scope="col">
                  <span className="visually-hidden">Payload</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <tr key={event.id}>
                  <td>{formatTime(event.created_at)}</td>
                  <td>
                    <code>{event.event_type}</code>
                  </td>
                  <td>{storeName(event.platform)}</td>
                  <td className="row-action">
                    <Link
                      to={linkTo(event.id)}
                      className="icon-button"
                      aria-label={`View payload of ${event.event_type} at ${formatTime(event.created_at)}`}
                      title="View payload"
                    >
                      <EyeIcon />
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pathname={pathname} search={search} nextCursor={events.data?.next_cursor} label="Events" />
        </>
      ) : null}
      {openEvent ? (
        <EventDialog appId={appId} userId={userId} eventId={openEvent} onClose={() => navigate(linkTo(null))} />
      ) : null}
    </section>
  );
}
