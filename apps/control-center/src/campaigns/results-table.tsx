import { formatMoney } from '../ui/format.js';
import type { Results } from './chart-data.js';
import type { Campaign } from './queries.js';

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

/** The totals per variant over the range: the chart's numbers, readable by everyone. */
export function ResultsTable({ results, campaign }: { results: Results; campaign: Campaign }) {
  const paywallName = (key: string) =>
    campaign.variants.find((v) => v.key === key)?.paywall_name ?? 'No longer in the campaign';
  return (
    <table className="table" aria-label="Results per variant">
      <thead>
        <tr>
          <th scope="col">Variant</th>
          <th scope="col">Paywall</th>
          <th scope="col" className="number">
            Impressions
          </th>
          <th scope="col" className="number">
            Unique users
          </th>
          <th scope="col" className="number">
            Purchases
          </th>
          <th scope="col" className="number">
            Trials
          </th>
          <th scope="col" className="number">
            Conversion rate
          </th>
          <th scope="col" className="number">
            Revenue (USD)
          </th>
        </tr>
      </thead>
      <tbody>
        {results.variants.map((variant) => (
          <tr key={variant.key}>
            <th scope="row">{variant.key}</th>
            <td>{paywallName(variant.key)}</td>
            <td className="number">{variant.impressions}</td>
            <td className="number">{variant.unique_users}</td>
            <td className="number">{variant.purchases}</td>
            <td className="number">{variant.trials}</td>
            <td className="number">{percent.format(variant.conversion_rate)}</td>
            <td className="number">{formatMoney(variant.revenue_usd_micros, 'USD')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
