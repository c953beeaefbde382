import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import { type Filters, toQuery } from './filters.js';

/** Customers per page: a screenful. */
const PAGE_SIZE = '25';

export function useCustomers(appId: string, filters: Filters, cursor: string | undefined) {
  return useQuery({
    queryKey: ['customers', appId, filters, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/apps/{appId}/customers', {
          params: { path: { appId }, query: { ...toQuery(filters), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(appId: string, userId: string) {
  return useQuery({
    queryKey: ['customer', appId, userId],
    queryFn: () => unwrap(api.GET('/api/v1/apps/{appId}/customers/{userId}', { params: { path: { appId, userId } } })),
  });
}

export function useCustomerRevenue(appId: string, userId: string, cursor: string | undefined) {
  return useQuery({
    queryKey: ['customer-revenue', appId, userId, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/apps/{appId}/customers/{userId}/revenue', {
          params: { path: { appId, userId }, query: cursor ? { cursor } : {} },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerEvents(appId: string, userId: string, cursor: string | undefined) {
  return useQuery({
    queryKey: ['customer-events', appId, userId, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/apps/{appId}/customers/{userId}/events', {
          params: { path: { appId, userId }, query: cursor ? { cursor } : {} },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerEvent(appId: string, userId: string, eventId: string) {
  return useQuery({
    queryKey: ['customer-event', appId, userId, eventId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/apps/{appId}/customers/{userId}/events/{eventId}', {
          params: { path: { appId, userId, eventId } },
        }),
      ),
  });
}

export function useEventDeliveries(appId: string, eventId: string) {
  return useQuery({
    queryKey: ['event-deliveries', appId, eventId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/apps/{appId}/events/{eventId}/deliveries', { params: { path: { appId, eventId } } })),
  });
}

/** The CSV export of exactly what the list shows: same app, same filters. */
export function exportUrl(appId: string, filters: Filters): string {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => !!entry[1]));
  const path = `/api/v1/apps/${encodeURIComponent(appId)}/customers/export.csv`;
  return query.size > 0 ? `${path}?${query}` : path;
}
