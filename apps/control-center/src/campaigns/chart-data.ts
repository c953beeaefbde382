import type { Schemas } from '../api/client.js';

export type Results = Schemas['CampaignResults'];
type Measure = 'impressions' | 'conversions';

export interface Series {
  variant: string;
  measure: Measure;
  /** One count per day of the range, zero where the API listed nothing. */
  values: number[];
}

const DAY_MS = 86_400_000;

/** Every UTC day from `from` to `to`, both included (YYYY-MM-DD). */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let time = Date.parse(from); time <= Date.parse(to); time += DAY_MS) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}

/** Two lines per variant: its impressions, and its conversions (purchases and trials) per day. */
export function chartSeries(results: Results): { days: string[]; series: Series[] } {
  const days = daysBetween(results.from, results.to);
  const position = new Map(days.map((day, index) => [day, index]));
  const series = results.variants.flatMap(({ key }) => {
    const impressions = days.map(() => 0);
    const conversions = days.map(() => 0);
    for (const row of results.days) {
      const index = position.get(row.day);
      if (row.variant === key && index !== undefined) {
        impressions[index] = row.impressions;
        conversions[index] = row.purchases + row.trials;
      }
    }
    return [
      { variant: key, measure: 'impressions' as const, values: impressions },
      { variant: key, measure: 'conversions' as const, values: conversions },
    ];
  });
  return { days, series };
}

/** Whole, round steps (1, 2 or 5 times a power of ten) from 0 to at least `max`, at most five of them. */
export function axisTicks(max: number): number[] {
  const top = Math.max(max, 1);
  const magnitude = Math.max(1, 10 ** Math.floor(Math.log10(top / 5)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => top / s <= 5) ?? magnitude * 10;
  const ticks: number[] = [];
  for (let value = 0; value < top + step; value += step) {
    ticks.push(value);
    if (value >= top) {
      break;
    }
  }
  return ticks;
}

const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Mar 3": a chart's day, in UTC as the API counts them. */
export const formatDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the chart shows, said in a sentence for screen readers: the table beside it has the numbers. */
export function chartSummary(results: Results): string {
  const totals = results.variants.map(
    (v) =>
      `variant ${v.key}, ${plural(v.impressions, 'impression', 'impressions')} and ${plural(v.purchases + v.trials, 'conversion', 'conversions')}`,
  );
  return `Line chart of impressions and conversions per day from ${formatDay(results.from)} to ${formatDay(results.to)}, per variant. In all: ${totals.join('; ')}.`;
}
