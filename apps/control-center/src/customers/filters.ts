import type { operations } from '../api/schema.js';

export type CustomerQuery = NonNullable<operations['listCustomers']['parameters']['query']>;
export type FilterKey = keyof Pick<CustomerQuery, 'external_id' | 'device_id' | 'user_id' | 'platform'>;

export const PLATFORMS = ['apple', 'google', 'roku'] as const;
type Platform = (typeof PLATFORMS)[number];

/** The list's filters, in the order the "+ Filter" menu offers them; the key is the API's and the URL's. */
export const FILTERS: { key: FilterKey; label: string }[] = [
  { key: 'external_id', label: 'External ID' },
  { key: 'device_id', label: 'Nami Device ID' },
  { key: 'user_id', label: 'Nami User ID' },
  { key: 'platform', label: 'Platform' },
];

export type Filters = Partial<Record<FilterKey, string>>;

export function filterLabel(key: FilterKey): string {
  return FILTERS.find((filter) => filter.key === key)?.label ?? key;
}

/** The filters in the URL, each at most once (a repeated one keeps its first value). */
export function filtersOf(search: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const { key } of FILTERS) {
    const value = search.get(key);
    if (value !== null) {
      filters[key] = value;
    }
  }
  return filters;
}

/** The filters as the API's query: a platform it does not know is sent as is, and it says so. */
export function toQuery(filters: Filters): Pick<CustomerQuery, FilterKey> {
  const { platform, ...rest } = filters;
  return { ...rest, ...(platform === undefined ? {} : { platform: platform as Platform }) };
}

/** The URL's query with one filter set (or removed, when `value` is undefined), back on page 1. */
export function withFilter(search: URLSearchParams, key: FilterKey, value: string | undefined): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete('cursor');
  next.delete(key);
  if (value !== undefined) {
    next.set(key, value);
  }
  return next;
}

export function withoutFilters(search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete('cursor');
  for (const { key } of FILTERS) {
    next.delete(key);
  }
  return next;
}
