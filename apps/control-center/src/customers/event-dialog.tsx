import { useEffect, useRef } from 'react';
import { formatTime } from '../ui/format.js';
import { ErrorState, Loading } from '../ui/states.js';
import { useCustomerEvent, useEventDeliveries } from './queries.js';

interface Props {
  appId: string;
  userId: string;
  eventId: string;
  onClose: () => void;
}

/** One event's full payload as formatted JSON, and where it was delivered. A modal: Escape closes it. */
export function EventDialog({ appId, userId, eventId, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const event = useCustomerEvent(appId, userId, eventId);
  // A modal (focus stays inside, Escape closes it); leaving the page removes it, and so closes it.
  useEffect(() => {
    if (dialog.current && !dialog.current.open) {
      dialog.current.showModal();
    }
  }, []);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="event-dialog-title" onClose={onClose}>
      <div className="dialog-head">
        <h2 id="event-dialog-title">{event.data ? event.data.event_type : 'Event'}</h2>
        <button type="button" onClick={onClose} aria-label="Close payload">
          ×
        </button>
      </div>
      {event.isPending ? <Loading what="the payload" /> : null}
      {event.isError ? <ErrorState error={event.error} /> : null}
      {event.data ? (
        <>
          <p className="muted">
            {formatTime(event.data.created_at)} · <code>{event.data.id}</code>
          </p>
          <h3>Payload</h3>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <section className="json" aria-label="Payload as JSON" tabIndex={0}>
            <pre>{JSON.stringify(event.data.payload, null, 2)}</pre>
          </section>
          <Deliveries appId={appId} eventId={eventId} />
        </>
      ) : null}
    </dialog>
  );
}

function Deliveries({ appId, eventId }: { appId: string; eventId: string }) {
  const deliveries = useEventDeliveries(appId, eventId);
  return (
    <section aria-labelledby="deliveries-title">
      <h3 id="deliveries-title">Delivery per integration</h3>
      {deliveries.isPending ? <Loading what="deliveries" /> : null}
      {deliveries.isError ? <ErrorState error={deliveries.error} /> : null}
      {deliveries.data && deliveries.data.data.length === 0 ? (
        <p className="muted">No integration takes this event.</p>
      ) : null}
      {deliveries.data && deliveries.data.data.length > 0 ? (
        <table className="table" aria-label="Delivery per integration">
          <thead>
            <tr>
              <th scope="col">Integration</th>
              <th scope="col">Status</th>
              <th scope="col" className="number">
                Attempts
              </th>
              <th scope="col">Last attempt</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.data.map((delivery) => (
              <tr key={delivery.integration_id}>
                <td>
                  {delivery.name} <span className="muted">({delivery.kind})</span>
                </td>
                <td>
                  <span className={`status status-${delivery.status}`}>{delivery.status}</span>
                </td>
                <td className="number">{delivery.attempts}</td>
                <td>{formatTime(delivery.last_attempt_at)}</td>
                <td>{delivery.last_error ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
