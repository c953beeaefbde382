import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap, unwrapEmpty } from '../api/client.js';

export type Paywall = Schemas['Paywall'];
export type PaywallContent = Schemas['PaywallContent'];
export type PaywallImage = Schemas['PaywallImage'];

// An app has a handful of paywalls and images: one page of 100 is all of them.
const ALL = '100';

export function usePaywalls(appId: string) {
  return useQuery({
    queryKey: ['paywalls', appId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/apps/{appId}/paywalls', { params: { path: { appId }, query: { limit: ALL } } })),
  });
}

/** A paywall; none asked for while there is no id (a new one, not saved yet). */
export function usePaywall(appId: string, paywallId: string | undefined) {
  return useQuery({
    queryKey: ['paywall', appId, paywallId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/apps/{appId}/paywalls/{paywallId}', {
          params: { path: { appId, paywallId: paywallId ?? '' } },
        }),
      ),
    enabled: paywallId !== undefined,
  });
}

export function usePaywallVersions(appId: string, paywallId: string) {
  return useQuery({
    queryKey: ['paywall-versions', appId, paywallId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/apps/{appId}/paywalls/{paywallId}/versions', { params: { path: { appId, paywallId } } })),
  });
}

/** Keeps the paywall's page showing what the server answered, and the lists fetched again. */
function useSaved(appId: string) {
  const queryClient = useQueryClient();
  return (paywall: Paywall) => {
    queryClient.setQueryData(['paywall', appId, paywall.id], paywall);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: ['paywalls', appId] }),
      queryClient.invalidateQueries({ queryKey: ['paywall-versions', appId, paywall.id] }),
    ]);
  };
}

export function useCreatePaywall(appId: string) {
  const saved = useSaved(appId);
  return useMutation({
    mutationFn: (body: { name: string; content: PaywallContent }) =>
      unwrap(api.POST('/api/v1/apps/{appId}/paywalls', { params: { path: { appId } }, body })),
    onSuccess: saved,
  });
}

export function useUpdatePaywall(appId: string, paywallId: string) {
  const saved = useSaved(appId);
  return useMutation({
    mutationFn: (body: { name?: string; content?: PaywallContent }) =>
      unwrap(api.PATCH('/api/v1/apps/{appId}/paywalls/{paywallId}', { params: { path: { appId, paywallId } }, body })),
    onSuccess: saved,
  });
}

export function usePublishPaywall(appId: string, paywallId: string) {
  const saved = useSaved(appId);
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/apps/{appId}/paywalls/{paywallId}/publish', { params: { path: { appId, paywallId } } })),
    onSuccess: saved,
  });
}

export function useRestoreVersion(appId: string, paywallId: string) {
  const saved = useSaved(appId);
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/apps/{appId}/paywalls/{paywallId}/versions/{version}/restore', {
          params: { path: { appId, paywallId, version: String(version) } },
        }),
      ),
    onSuccess: saved,
  });
}

export function useDeletePaywall(appId: string, paywallId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrapEmpty(api.DELETE('/api/v1/apps/{appId}/paywalls/{paywallId}', { params: { path: { appId, paywallId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['paywalls', appId] }),
  });
}

export function usePaywallImages(appId: string) {
  return useQuery({
    queryKey: ['paywall-images', appId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/apps/{appId}/paywall-images', { params: { path: { appId }, query: { limit: ALL } } })),
  });
}

/** The image goes as the body itself, its type as Content-Type: the API takes no multipart. */
export function useUploadImage(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.POST('/api/v1/apps/{appId}/paywall-images', {
          params: { path: { appId } },
          body: file,
          bodySerializer: (body) => body,
          headers: { 'content-type': file.type },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['paywall-images', appId] }),
  });
}
