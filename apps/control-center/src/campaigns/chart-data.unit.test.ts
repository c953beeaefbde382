import { describe, expect, test } from 'vitest';
import { axisTicks, chartSeries, chartSummary, type Results } from './chart-data.js';

const counts = { purchases: 0, trials: 0, revenue_usd_micros: 0 };
const results: Results = {
  campaign_id: '00000000-0000-4000-8000-000000000000',
  from: '2026-02-27',
  to: '2026-03-02',
  attribution_window_hours: 24,
  variants: [
    {
      key: 'A',
      paywall_id: null,
      impressions: 3,
      unique_users: 2,
      ...counts,
      purchases: 1,
      trials: 1,
      conversion_rate: 1,
    },
    { key: 'B', paywall_id: null, impressions: 0, unique_users: 0, ...counts, conversion_rate: 0 },
  ],
  days: [
    { day: '2026-02-28', variant: 'A', impressions: 2, ...counts, purchases: 1 },
    { day: '2026-03-02', variant: 'A', impressions: 1, ...counts, trials: 1 },
  ],
};

describe('the results chart', () => {
  test('every day of the range, across a month’s end, with zeros where the API listed nothing', () => {
    const { days, series } = chartSeries(results);
    expect(days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(series).toEqual([
      { variant: 'A', measure: 'impressions', values: [0, 2, 0, 1] },
      { variant: 'A', measure: 'conversions', values: [0, 1, 0, 1] },
      { variant: 'B', measure: 'impressions', values: [0, 0, 0, 0] },
      { variant: 'B', measure: 'conversions', values: [0, 0, 0, 0] },
    ]);
  });

  test.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [7, [0, 2, 4, 6, 8]],
    [23, [0, 5, 10, 15, 20, 25]],
    [180, [0, 50, 100, 150, 200]],
  ])('the count axis for a highest count of %i is %j: whole, round steps', (max, ticks) => {
    expect(axisTicks(max)).toEqual(ticks);
  });

  test('a sentence says what it shows, for screen readers', () => {
    expect(chartSummary(results)).toBe(
      'Line chart of impressions and conversions per day from Feb 27 to Mar 2, per variant. In all: variant A, 3 impressions and 2 conversions; variant B, 0 impressions and 0 conversions.',
    );
  });
});
