import { useState } from 'react';
import { useApps } from '../app/apps.js';
import { Link, navigate } from '../app/router.js';
import { usePlatforms } from '../catalog/queries.js';
import { Back } from '../customers/back.js';
import { CopyValue } from '../ui/copy-button.js';
import { ErrorState, Loading } from '../ui/states.js';
import { IntegrationForm, KIND_NAMES, type Kind } from './integration-form.js';
import { useCreateIntegration } from './queries.js';

export function NewIntegrationPage({ appId, kind }: { appId: string; kind: Kind }) {
  const app = useApps().data?.data.find((a) => a.id === appId);
  const platforms = usePlatforms(appId);
  const create = useCreateIntegration(appId);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const base = `/apps/${appId}/integrations`;

  if (created) {
    return (
      <section aria-labelledby="secret-title" className="detail">
        <h1 id="secret-title">Webhook added</h1>
        <div className="card secret">
          <h2>Signing secret</h2>
          <p>
            <strong>Copy it now: you will not see it again.</strong> Tollgate keeps only a hint of it. Your receiver
            needs it to verify the <code>webhook-signature</code> header.
          </p>
          <CopyValue value={created.secret} label="signing secret" />
        </div>
        <p>
          <Link to={`${base}/${created.id}`}>Continue to the webhook</Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="new-integration-title" className="detail">
      <Back to={base} label="Integrations" />
      <h1 id="new-integration-title">
        {kind === 'mparticle' ? 'New mParticle feed' : `New ${KIND_NAMES[kind]} integration`}
      </h1>
      {kind === 'mparticle' ? (
        <p className="muted">Set up one feed per platform: for most apps, one for iOS and one for Android.</p>
      ) : null}
      {platforms.isPending ? <Loading what="the app’s platforms" /> : null}
      {platforms.isError ? <ErrorState error={platforms.error} onRetry={() => void platforms.refetch()} /> : null}
      {platforms.data ? (
        <IntegrationForm
          kind={kind}
          appName={app?.name ?? 'this'}
          platforms={platforms.data.data}
          pending={create.isPending}
          error={create.error}
          onCreate={(body) =>
            create.mutate(body, {
              onSuccess: (integration) => {
                if (integration.signing_secret) {
                  setCreated({ id: integration.id, secret: integration.signing_secret });
                } else {
                  navigate(`${base}/${integration.id}`);
                }
              },
            })
          }
          onUpdate={() => undefined}
        />
      ) : null}
    </section>
  );
}
