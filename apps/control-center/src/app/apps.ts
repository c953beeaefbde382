import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../api/client.js';

const APPS = ['apps'] as const;

/** The organization's apps (the switcher lists the first 100). */
export function useApps() {
  return useQuery({
    queryKey: APPS,
    queryFn: () => unwrap(api.GET('/api/v1/apps', { params: { query: { limit: '100' } } })),
    staleTime: 60_000,
  });
}

// Each change waits for the list to be fetched again, so the switcher and the page moved to next
// never show an app as it was (or one that is gone).

export function useCreateApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => unwrap(api.POST('/api/v1/apps', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: APPS }),
  });
}

export function useRenameApp(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      unwrap(api.PATCH('/api/v1/apps/{appId}', { params: { path: { appId } }, body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: APPS }),
  });
}

/** Deletes the app with its whole catalog and integrations (`force`): the confirmation names them first. */
export function useDeleteApp(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrapEmpty(api.DELETE('/api/v1/apps/{appId}', { params: { path: { appId }, query: { force: 'true' } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: APPS }),
  });
}
