import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';

/** The organization's apps (the switcher lists the first 100). */
export function useApps() {
  return useQuery({
    queryKey: ['apps'],
    queryFn: () => unwrap(api.GET('/api/v1/apps', { params: { query: { limit: '100' } } })),
    staleTime: 60_000,
  });
}
