import { useState } from 'react';
import { navigate } from '../app/router.js';
import { Back } from '../customers/back.js';
import { ConfirmDelete } from '../ui/confirm-delete.js';
import { ErrorState, Loading } from '../ui/states.js';
import { PaywallEditor } from './paywall-editor.js';
import { type Paywall, useDeletePaywall, usePaywall } from './queries.js';
import './paywalls.css';

interface Props {
  appId: string;
  /** None for a new paywall. */
  paywallId?: string;
}

/** `/apps/…/paywalls/new` and `/apps/…/paywalls/<id>`: one editor for making and changing a paywall. */
export function PaywallEditorPage({ appId, paywallId }: Props) {
  const paywall = usePaywall(appId, paywallId);
  // The paywall made on this page keeps its editor (what was typed, and focus) when the address turns to its id:
  // the page renders the same tree for both addresses, and the editor's key stays.
  const [madeHere, setMadeHere] = useState<string | null>(null);
  const editorKey = paywallId === undefined || paywallId === madeHere ? 'made-here' : paywallId;
  const base = `/apps/${appId}/paywalls`;

  if (paywallId && paywall.isPending) {
    return <Loading what="the paywall" />;
  }
  if (paywallId && paywall.isError) {
    return <ErrorState error={paywall.error} onRetry={() => void paywall.refetch()} />;
  }
  const existing = paywallId ? paywall.data : undefined;
  return (
    <section aria-labelledby="paywall-title" className="detail">
      <Back to={base} label="Paywalls" />
      <div className="page-head">
        <h1 id="paywall-title">{existing ? existing.name : 'New paywall'}</h1>
        {existing ? <PublishState paywall={existing} /> : null}
        {existing ? <DeletePaywall appId={appId} paywall={existing} /> : null}
      </div>
      <PaywallEditor
        key={editorKey}
        appId={appId}
        existing={existing}
        onCreated={(created) => {
          setMadeHere(created.id);
          navigate(`${base}/${created.id}`, { replace: true });
        }}
      />
    </section>
  );
}

function PublishState({ paywall }: { paywall: Paywall }) {
  return (
    <p className="publish-state">
      {paywall.published_version === null ? 'Draft: not published yet' : `Version ${paywall.published_version} is live`}
      {paywall.published_version !== null && paywall.has_unpublished_changes ? (
        <span className="badge badge-after">Unpublished changes</span>
      ) : null}
    </p>
  );
}

function DeletePaywall({ appId, paywall }: { appId: string; paywall: Paywall }) {
  const deletion = useDeletePaywall(appId, paywall.id);
  return (
    <ConfirmDelete
      button="Delete paywall"
      what={`paywall “${paywall.name}”`}
      deletion={deletion}
      onDelete={() => deletion.mutate(undefined, { onSuccess: () => navigate(`/apps/${appId}/paywalls`) })}
    >
      <p>Its draft and every published version go with it. A paywall a campaign shows is never deleted.</p>
    </ConfirmDelete>
  );
}
