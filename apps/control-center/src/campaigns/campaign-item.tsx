import { isApiError } from '../api/client.js';
import { Link } from '../app/router.js';
import { formatTime } from '../ui/format.js';
import { describeAudience } from './audience.js';
import { type Campaign, useUpdateCampaign } from './queries.js';

const STATUS: Record<Campaign['status'], string> = {
  running: 'Running',
  paused: 'Paused',
  not_started: 'Scheduled',
  ended: 'Ended',
};

export function CampaignStatus({ status }: { status: Campaign['status'] }) {
  return <span className={`pill pill-campaign-${status}`}>{STATUS[status]}</span>;
}

function schedule(campaign: Campaign): string | null {
  const { starts_at: starts, ends_at: ends } = campaign;
  if (!starts && !ends) {
    return null;
  }
  return [starts ? `from ${formatTime(starts)}` : null, ends ? `until ${formatTime(ends)}` : null]
    .filter(Boolean)
    .join(' ');
}

/** A campaign in its placement's list: what it shows to whom, its status, and pausing or resuming it. */
export function CampaignSummary({ appId, campaign }: { appId: string; campaign: Campaign }) {
  const update = useUpdateCampaign(appId);
  const paused = campaign.status === 'paused';
  const when = schedule(campaign);
  return (
    <div className="campaign-summary">
      <div className="campaign-head">
        <Link to={`/apps/${appId}/campaigns/${campaign.id}`} className="campaign-name">
          {campaign.name}
        </Link>
        <CampaignStatus status={campaign.status} />
        {campaign.is_default ? <span className="badge badge-after">Default</span> : null}
      </div>
      <p className="small">
        <span className="muted">Audience:</span>{' '}
        {campaign.is_default ? 'Everyone else' : describeAudience(campaign.audience)}
      </p>
      <p className="small">
        <span className="muted">{campaign.variants.length > 1 ? 'A/B test:' : 'Shows:'}</span>{' '}
        {campaign.variants.map((v) => `${v.key} ${v.paywall_name} ${v.weight}%`).join(' · ')}
      </p>
      {when ? <p className="small muted">{when}</p> : null}
      <div className="actions">
        <button
          type="button"
          aria-label={`${paused ? 'Resume' : 'Pause'} “${campaign.name}”`}
          disabled={update.isPending}
          onClick={() => update.mutate({ id: campaign.id, changes: { paused: !paused } })}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <Link className="button" to={`/apps/${appId}/campaigns/${campaign.id}/results`}>
          Results<span className="visually-hidden"> of “{campaign.name}”</span>
        </Link>
      </div>
      {update.isError ? (
        <p className="field-error" role="alert">
          {isApiError(update.error) ? update.error.message : 'Could not reach the server. Try again.'}
        </p>
      ) : null}
    </div>
  );
}
