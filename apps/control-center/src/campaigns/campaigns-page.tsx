import { Link } from '../app/router.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { PlacementList } from './placement-list.js';
import { type Campaign, useCampaigns, useCampaignTemplates } from './queries.js';
import './campaigns.css';

/** The app's campaigns, grouped by placement in the order devices are matched against them. */
export function CampaignsPage({ appId }: { appId: string }) {
  const campaigns = useCampaigns(appId);
  const list = campaigns.data?.data;
  // The API lists them by placement already: grouping keeps that order.
  const byPlacement = new Map<string, Campaign[]>();
  for (const campaign of list ?? []) {
    byPlacement.set(campaign.placement, [...(byPlacement.get(campaign.placement) ?? []), campaign]);
  }
  return (
    <section aria-labelledby="campaigns-title">
      <div className="page-head">
        <h1 id="campaigns-title">Campaigns</h1>
        <NewCampaignMenu appId={appId} />
      </div>
      <p className="muted">
        A placement is where the app shows a paywall. Its campaigns are tried in order, first first: the first that is
        running and whose audience matches the user decides; the default, last, catches everyone else.
      </p>
      {campaigns.isPending ? <Loading what="campaigns" /> : null}
      {campaigns.isError ? <ErrorState error={campaigns.error} onRetry={() => void campaigns.refetch()} /> : null}
      {list && list.length === 0 ? (
        <Empty title="No campaigns yet">
          <p>A campaign chooses which paywall a placement shows, to whom and when: one paywall, or an A/B test.</p>
        </Empty>
      ) : null}
      {[...byPlacement].map(([placement, ofPlacement]) => (
        <section key={placement} className="placement" aria-labelledby={`placement-${placement}`}>
          <h2 id={`placement-${placement}`}>
            <span className="muted small">Placement</span> <code>{placement}</code>
          </h2>
          <PlacementList appId={appId} placement={placement} campaigns={ofPlacement} />
        </section>
      ))}
    </section>
  );
}

/** "+ New campaign": from nothing, or from one of the API's templates (its placement and audience filled in). */
function NewCampaignMenu({ appId }: { appId: string }) {
  const templates = useCampaignTemplates();
  const base = `/apps/${appId}/campaigns/new`;
  return (
    <details className="new-campaign">
      <summary className="button primary">+ New campaign</summary>
      <ul className="new-campaign-menu" aria-label="Start a campaign">
        <li>
          <Link to={base}>
            <strong>Blank campaign</strong>
            <span className="muted small">Choose its placement and audience yourself</span>
          </Link>
        </li>
        {(templates.data?.data ?? []).map((template) => (
          <li key={template.key}>
            <Link to={`${base}?template=${template.key}`}>
              <strong>Start from template: {template.name}</strong>
              <span className="muted small">{template.description}</span>
            </Link>
          </li>
        ))}
        {templates.isError ? <li className="small">The templates could not be loaded.</li> : null}
      </ul>
    </details>
  );
}
