import type { ReactNode } from 'react';
import { Link } from '../app/router.js';
import { usePlatforms } from '../catalog/queries.js';
import { ErrorState, Loading } from '../ui/states.js';
import { KIND_NAMES, type Kind } from './integration-form.js';
import { type Integration, useIntegrations, useResumeIntegration } from './queries.js';
import { StatusBadge } from './status.js';

const TILES: { kind: Kind; title: string; about: string }[] = [
  {
    kind: 'amplitude',
    title: 'Amplitude',
    about: 'Events and user attributes to an Amplitude project over HTTP V2. One integration per app.',
  },
  {
    kind: 'mparticle',
    title: 'mParticle',
    about: 'Events to mParticle “act as” input feeds: one feed per platform (iOS, Android…).',
  },
  {
    kind: 'webhook',
    title: 'Webhooks',
    about: 'Signed POSTs of any of the 20 event types to your own HTTPS endpoints. Any number per app.',
  },
];

export function IntegrationsPage({ appId }: { appId: string }) {
  const integrations = useIntegrations(appId);
  const platforms = usePlatforms(appId);
  const resume = useResumeIntegration(appId);
  const list = integrations.data?.data;
  const platformName = (id: string | null | undefined) =>
    platforms.data?.data.find((platform) => platform.id === id)?.name ?? 'a platform';

  const describe = (integration: Integration): ReactNode => {
    if (integration.amplitude) {
      return `${integration.amplitude.user_id === 'external_id' ? 'External ID' : 'Nami User ID'} · ${integration.amplitude.endpoint}`;
    }
    if (integration.mparticle) {
      return integration.mparticle.legacy ? (
        <>
          All platforms <span className="badge">Legacy</span>
        </>
      ) : (
        `${platformName(integration.mparticle.app_platform_id)} feed`
      );
    }
    return integration.webhook?.url ?? '';
  };

  return (
    <section aria-labelledby="integrations-title">
      <h1 id="integrations-title">Integrations</h1>
      {integrations.isPending ? <Loading what="integrations" /> : null}
      {integrations.isError ? (
        <ErrorState error={integrations.error} onRetry={() => void integrations.refetch()} />
      ) : null}
      {resume.isError ? <ErrorState error={resume.error} /> : null}
      {list ? (
        <>
          <h2 className="visually-hidden">All Integrations</h2>
          {/* Shown from the cache while it is fetched again (one was just added, say): busy until then. */}
          <ul className="tiles" aria-label="All Integrations" aria-busy={integrations.isFetching}>
            {TILES.map(({ kind, title, about }) => {
              const configured = list.filter((integration) => integration.kind === kind);
              const canAdd = kind !== 'amplitude' || configured.length === 0;
              return (
                <li key={kind} className="card tile" aria-labelledby={`tile-${kind}`}>
                  <h3 id={`tile-${kind}`}>{title}</h3>
                  <p className="muted">{about}</p>
                  {configured.length === 0 ? <p>Not set up.</p> : null}
                  {configured.length > 0 ? (
                    <ul className="configured" aria-label={`${title} configured`}>
                      {configured.map((integration) => (
                        <li key={integration.id}>
                          <div className="configured-head">
                            <Link to={`/apps/${appId}/integrations/${integration.id}`}>{integration.name}</Link>
                            <StatusBadge status={integration.status} />
                          </div>
                          <p className="muted small">{describe(integration)}</p>
                          {integration.status === 'paused' ? (
                            <div className="paused">
                              <p className="small">
                                Paused: {integration.paused_reason ?? 'the vendor refused the credentials'}
                              </p>
                              <button
                                type="button"
                                disabled={resume.isPending}
                                onClick={() => resume.mutate(integration.id)}
                                aria-label={`Resume ${integration.name}`}
                              >
                                Resume
                              </button>
                            </div>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {canAdd ? (
                    <Link className="button" to={`/apps/${appId}/integrations/new/${kind}`}>
                      {kind === 'amplitude'
                        ? 'Set up Amplitude'
                        : `+ Add ${kind === 'mparticle' ? 'mParticle feed' : 'webhook'}`}
                    </Link>
                  ) : (
                    <p className="muted small">One {KIND_NAMES[kind]} integration per app: change the one above.</p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
