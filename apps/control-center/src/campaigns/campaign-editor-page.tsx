import { Link, navigate, useLocation } from '../app/router.js';
import { useEntitlements } from '../catalog/queries.js';
import { Back } from '../customers/back.js';
import { type Paywall, usePaywalls } from '../paywalls/queries.js';
import { ConfirmDelete } from '../ui/confirm-delete.js';
import { ErrorState, Loading } from '../ui/states.js';
import { CampaignForm } from './campaign-form.js';
import { bodyOf, campaignChanges, type TemplateStart, valuesOf } from './campaign-values.js';
import {
  type Campaign,
  type NewCampaign,
  useCampaign,
  useCampaigns,
  useCampaignTemplates,
  useCreateCampaign,
  useDeleteCampaign,
  useUpdateCampaign,
} from './queries.js';
import './campaigns.css';

interface Props {
  appId: string;
  /** None for a new campaign (`?template=` names the template it starts from, if any). */
  campaignId?: string;
}

/** `/apps/…/campaigns/new` and `/apps/…/campaigns/<id>`: a campaign's settings, saved back to the list. */
export function CampaignEditorPage({ appId, campaignId }: Props) {
  const templateKey = useLocation().search.get('template');
  const campaign = useCampaign(appId, campaignId);
  const paywalls = usePaywalls(appId);
  const templates = useCampaignTemplates();
  const list = `/apps/${appId}/campaigns`;
  const loads = [campaignId ? campaign : null, paywalls, templateKey ? templates : null];
  const failed = loads.find((query) => query?.isError);
  if (failed) {
    return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  }
  if (loads.some((query) => query?.isPending)) {
    return <Loading what={campaignId ? 'the campaign' : 'paywalls'} />;
  }
  const existing = campaignId ? campaign.data : undefined;
  const template = templates.data?.data.find((t) => t.key === templateKey);
  return (
    // Busy while the paywalls are fetched again: one published since they were listed is offered once they come.
    <section aria-labelledby="campaign-title" className="detail" aria-busy={paywalls.isFetching}>
      <Back to={list} label="Campaigns" />
      <div className="page-head">
        <h1 id="campaign-title">
          {existing ? existing.name : template ? `New campaign from “${template.name}”` : 'New campaign'}
        </h1>
        {existing ? (
          <div className="actions">
            <Link className="button" to={`${list}/${existing.id}/results`}>
              Results
            </Link>
            <DeleteCampaign appId={appId} campaign={existing} />
          </div>
        ) : null}
      </div>
      {template ? <p className="muted">{template.description}.</p> : null}
      <Editor
        appId={appId}
        existing={existing}
        template={template}
        paywalls={(paywalls.data?.data ?? []).filter((p) => p.published_version !== null)}
      />
    </section>
  );
}

interface EditorProps {
  appId: string;
  existing: Campaign | undefined;
  template: TemplateStart | undefined;
  /** The published ones: campaigns can show only those. */
  paywalls: Paywall[];
}

function Editor({ appId, existing, template, paywalls }: EditorProps) {
  const create = useCreateCampaign(appId);
  const update = useUpdateCampaign(appId);
  const save = existing ? update : create;
  const placements = [...new Set((useCampaigns(appId).data?.data ?? []).map((c) => c.placement))];
  const entitlementIds = (useEntitlements(appId).data?.data ?? []).map((e) => e.entitlement_ref_id);
  const back = () => navigate(`/apps/${appId}/campaigns`);
  return (
    <CampaignForm
      initial={valuesOf(existing, template, paywalls)}
      placements={placements}
      paywalls={paywalls}
      entitlementIds={entitlementIds}
      submit={existing ? 'Save campaign' : 'Create campaign'}
      pending={save.isPending}
      error={save.error}
      onCancel={back}
      onSave={(values) => {
        if (!existing) {
          // The key comes from the API's own list of templates.
          const from = template ? { template: template.key as NewCampaign['template'] } : {};
          create.mutate({ ...bodyOf(values), ...from }, { onSuccess: back });
          return;
        }
        const changes = campaignChanges(existing, values);
        if (Object.keys(changes).length === 0) {
          back();
        } else {
          update.mutate({ id: existing.id, changes }, { onSuccess: back });
        }
      }}
    />
  );
}

function DeleteCampaign({ appId, campaign }: { appId: string; campaign: Campaign }) {
  const deletion = useDeleteCampaign(appId, campaign.id);
  return (
    <ConfirmDelete
      button="Delete campaign"
      what={`campaign “${campaign.name}”`}
      deletion={deletion}
      onDelete={() => deletion.mutate(undefined, { onSuccess: () => navigate(`/apps/${appId}/campaigns`) })}
    >
      <p>
        Its results go with it. Devices asking at “{campaign.placement}” are shown what the placement’s other campaigns
        choose.
      </p>
    </ConfirmDelete>
  );
}
