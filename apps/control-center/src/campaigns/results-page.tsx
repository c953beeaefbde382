import { navigate, useLocation, withQuery } from '../app/router.js';
import { Back } from '../customers/back.js';
import { Field } from '../ui/field.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import { ErrorState, Loading } from '../ui/states.js';
import { CampaignStatus } from './campaign-item.js';
import { type Campaign, useCampaign, useCampaignResults } from './queries.js';
import { ResultsChart } from './results-chart.js';
import { ResultsTable } from './results-table.js';
import './campaigns.css';
import './results.css';

const DAY_MS = 86_400_000;
const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The range in the address (shareable), or the last 30 UTC days as the API counts them. */
function rangeOf(search: URLSearchParams): { from: string; to: string } {
  const to = search.get('to') || utcDay(Date.now());
  const from = search.get('from') || utcDay(Date.parse(to) - 29 * DAY_MS);
  return { from, to };
}

interface Props {
  appId: string;
  campaignId: string;
}

/** A campaign's results per variant over a range of days: a table of totals and a chart per day. */
export function ResultsPage({ appId, campaignId }: Props) {
  const campaign = useCampaign(appId, campaignId);
  if (campaign.isPending) {
    return <Loading what="the campaign" />;
  }
  if (campaign.isError) {
    return <ErrorState error={campaign.error} onRetry={() => void campaign.refetch()} />;
  }
  return (
    <section aria-labelledby="results-title" className="detail">
      <Back to={`/apps/${appId}/campaigns`} label="Campaigns" />
      <div className="page-head">
        <h1 id="results-title">Results: {campaign.data.name}</h1>
        <CampaignStatus status={campaign.data.status} />
      </div>
      <Results appId={appId} campaign={campaign.data} />
    </section>
  );
}

function Results({ appId, campaign }: { appId: string; campaign: Campaign }) {
  const { pathname, search } = useLocation();
  const range = rangeOf(search);
  const results = useCampaignResults(appId, campaign.id, range);
  const setRange = (change: Partial<typeof range>) => {
    const params = new URLSearchParams(search);
    for (const [key, value] of Object.entries({ ...range, ...change })) {
      params.set(key, value);
    }
    navigate(withQuery(pathname, params), { replace: true });
  };
  const data = results.data;
  return (
    <>
      <p className="muted">
        Placement <code>{campaign.placement}</code>. A purchase or trial counts for the variant whose paywall the user
        saw in the {campaign.attribution_window_hours} hours before it. Days are UTC days.
      </p>
      <fieldset className="range">
        <legend>Date range</legend>
        <div className="form-grid">
          <Field label="From" name="from" error={fieldErrorOf(results.error, 'from')}>
            {(props) => (
              <input
                {...props}
                type="date"
                value={range.from}
                required
                onChange={(e) => setRange({ from: e.target.value })}
              />
            )}
          </Field>
          <Field label="To" name="to" error={fieldErrorOf(results.error, 'to')}>
            {(props) => (
              <input
                {...props}
                type="date"
                value={range.to}
                required
                onChange={(e) => setRange({ to: e.target.value })}
              />
            )}
          </Field>
        </div>
      </fieldset>
      {results.isPending ? <Loading what="results" /> : null}
      {results.isError && !fieldErrorOf(results.error, 'from') && !fieldErrorOf(results.error, 'to') ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : null}
      {data && !results.isError ? (
        <div aria-busy={results.isPlaceholderData}>
          <h2>Per variant</h2>
          <ResultsTable results={data} campaign={campaign} />
          <h2 className="chart-title">Per day</h2>
          <ResultsChart results={data} />
        </div>
      ) : null}
    </>
  );
}
