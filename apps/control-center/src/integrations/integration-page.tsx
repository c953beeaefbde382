import { useApps } from '../app/apps.js';
import { useLocation } from '../app/router.js';
import { usePlatforms } from '../catalog/queries.js';
import { Back } from '../customers/back.js';
import { formatTime } from '../ui/format.js';
import { cursorOf, Pager } from '../ui/pager.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { Deliveries } from './deliveries.js';
import { IntegrationForm, KIND_NAMES } from './integration-form.js';
import {
  type Integration,
  useAttempts,
  useIntegration,
  useResumeIntegration,
  useSendTestEvent,
  useUpdateIntegration,
} from './queries.js';
import { SigningSecret } from './signing-secret.js';
import { StatusBadge } from './status.js';

interface Props {
  appId: string;
  integrationId: string;
}

/** One integration: its status, "Send test event", its delivery log and deliveries with replay, and its settings. */
export function IntegrationPage({ appId, integrationId }: Props) {
  const integration = useIntegration(appId, integrationId);
  if (integration.isPending) {
    return <Loading what="the integration" />;
  }
  if (integration.isError) {
    return <ErrorState error={integration.error} onRetry={() => void integration.refetch()} />;
  }
  const i = integration.data;
  return (
    <article aria-labelledby="integration-title" className="detail">
      <Back to={`/apps/${appId}/integrations`} label="Integrations" />
      <div className="page-head">
        <h1 id="integration-title">
          {i.name} <span className="muted">· {KIND_NAMES[i.kind]}</span>
        </h1>
        <StatusBadge status={i.status} />
      </div>
      <StatusAndTest appId={appId} integration={i} />
      {i.webhook ? <SigningSecret appId={appId} integrationId={i.id} hint={i.webhook.signing_secret} /> : null}
      <DeliveryLog appId={appId} integrationId={integrationId} />
      <Deliveries appId={appId} integrationId={integrationId} />
      <Settings appId={appId} integration={i} />
    </article>
  );
}

function StatusAndTest({ appId, integration }: { appId: string; integration: Integration }) {
  const resume = useResumeIntegration(appId);
  const test = useSendTestEvent(appId, integration.id);
  const result = test.data;
  return (
    <section aria-labelledby="test-title" className="card">
      {integration.status === 'paused' ? (
        <div className="paused">
          <p>
            <strong>Paused</strong> {formatTime(integration.paused_at)}:{' '}
            {integration.paused_reason ?? 'the vendor refused the credentials'}. Nothing is lost: what waited is sent on
            resume.
          </p>
          <button type="button" onClick={() => resume.mutate(integration.id)} disabled={resume.isPending}>
            Resume
          </button>
          {resume.isError ? <ErrorState error={resume.error} /> : null}
        </div>
      ) : null}
      {integration.status === 'disabled' ? (
        <p>Disabled: no events are queued for it. Turn on “Enable Integration” below to send again.</p>
      ) : null}
      <div className="section-head">
        <h2 id="test-title">Send test event</h2>
        <button type="button" className="primary" onClick={() => test.mutate()} disabled={test.isPending}>
          {test.isPending ? 'Sending…' : 'Send test event'}
        </button>
      </div>
      <p className="muted">A harmless test event, sent now; what the vendor says shows here and in the log.</p>
      {test.isError ? <ErrorState error={test.error} /> : null}
      {result ? (
        <div className="test-result" aria-live="polite">
          <h3>What the vendor said</h3>
          <dl>
            <dt>Outcome</dt>
            <dd>
              <span className={`outcome outcome-${result.outcome}`}>{result.outcome}</span>
              {result.detail ? ` — ${result.detail}` : ''}
            </dd>
            <dt>HTTP status</dt>
            <dd>{result.http_status ?? 'No answer'}</dd>
            <dt>Took</dt>
            <dd>{result.duration_ms} ms</dd>
            <dt>Response</dt>
            <dd>
              <pre className="excerpt">{result.response_excerpt ?? '(empty)'}</pre>
            </dd>
          </dl>
        </div>
      ) : null}
    </section>
  );
}

function DeliveryLog({ appId, integrationId }: Props) {
  const { pathname, search } = useLocation();
  const attempts = useAttempts(appId, integrationId, cursorOf(search));
  const rows = attempts.data?.data;
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">Delivery log</h2>
      {attempts.isPending ? <Loading what="the delivery log" /> : null}
      {attempts.isError ? <ErrorState error={attempts.error} onRetry={() => void attempts.refetch()} /> : null}
      {rows && rows.length === 0 ? (
        <Empty title="Nothing sent yet">
          <p>Every request to the vendor shows here, newest first. Send a test event to try the settings.</p>
        </Empty>
      ) : null}
      {rows && rows.length > 0 ? (
        <>
          <table className="table" aria-label="Delivery log, newest first" aria-busy={attempts.isPlaceholderData}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Kind</th>
                <th scope="col" className="number">
                  Events
                </th>
                <th scope="col">Outcome</th>
                <th scope="col" className="number">
                  HTTP
                </th>
                <th scope="col" className="number">
                  Took
                </th>
                <th scope="col">Response</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((attempt) => (
                <tr key={attempt.id}>
                  <td>{formatTime(attempt.attempted_at)}</td>
                  <td>{attempt.test ? <span className="badge">Test</span> : 'Delivery'}</td>
                  <td className="number">{attempt.event_ids.length}</td>
                  <td>
                    <span className={`outcome outcome-${attempt.outcome}`}>{attempt.outcome}</span>
                    {attempt.detail ? <span className="muted small"> {attempt.detail}</span> : null}
                  </td>
                  <td className="number">{attempt.http_status ?? '—'}</td>
                  <td className="number">{attempt.duration_ms} ms</td>
                  <td>
                    <code className="excerpt-inline">{attempt.response_excerpt ?? '—'}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pathname={pathname} search={search} nextCursor={attempts.data?.next_cursor} label="Delivery log" />
        </>
      ) : null}
    </section>
  );
}

function Settings({ appId, integration }: { appId: string; integration: Integration }) {
  const app = useApps().data?.data.find((a) => a.id === appId);
  const platforms = usePlatforms(appId);
  const update = useUpdateIntegration(appId, integration.id);
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      {update.isSuccess && !update.isPending ? <p aria-live="polite">Saved.</p> : null}
      {platforms.data ? (
        <IntegrationForm
          key={integration.updated_at}
          kind={integration.kind}
          appName={app?.name ?? 'this'}
          platforms={platforms.data.data}
          existing={integration}
          pending={update.isPending}
          error={update.error}
          onCreate={() => undefined}
          onUpdate={(changes) => update.mutate(changes)}
        />
      ) : (
        <Loading what="settings" />
      )}
    </section>
  );
}
