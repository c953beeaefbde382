import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client.js';

export type Integration = Schemas['Integration'];
export type NewIntegration =
  | Schemas['NewAmplitudeIntegrationInput']
  | Schemas['NewMparticleFeedInput']
  | Schemas['NewWebhookInput'];
export type IntegrationChanges = Schemas['IntegrationChangesInput'];
export type DeliveryStatus = 'pending' | 'delivered' | 'skipped' | 'dead';

/** An app has a handful of integrations: the first 100 are all of them. */
export function useIntegrations(appId: string) {
  return useQuery({
    queryKey: ['integrations', appId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/apps/{appId}/integrations', { params: { path: { appId }, query: { limit: '100' } } })),
  });
}

export function useIntegration(appId: string, integrationId: string) {
  return useQuery({
    queryKey: ['integration', appId, integrationId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/apps/{appId}/integrations/{integrationId}', { params: { path: { appId, integrationId } } }),
      ),
  });
}

function useRefreshIntegrations(appId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['integrations', appId] }),
      queryClient.invalidateQueries({ queryKey: ['integration', appId] }),
    ]);
}

export function useCreateIntegration(appId: string) {
  const refresh = useRefreshIntegrations(appId);
  return useMutation({
    mutationFn: (body: NewIntegration) =>
      unwrap(api.POST('/api/v1/apps/{appId}/integrations', { params: { path: { appId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdateIntegration(appId: string, integrationId: string) {
  const refresh = useRefreshIntegrations(appId);
  return useMutation({
    mutationFn: (body: IntegrationChanges) =>
      unwrap(
        api.PATCH('/api/v1/apps/{appId}/integrations/{integrationId}', {
          params: { path: { appId, integrationId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useResumeIntegration(appId: string) {
  const refresh = useRefreshIntegrations(appId);
  return useMutation({
    mutationFn: (integrationId: string) =>
      unwrap(
        api.POST('/api/v1/apps/{appId}/integrations/{integrationId}/resume', {
          params: { path: { appId, integrationId } },
        }),
      ),
    onSuccess: refresh,
  });
}

/** A webhook's new signing secret, shown once; the old one signs too for a day. */
export function useRotateSigningSecret(appId: string, integrationId: string) {
  const refresh = useRefreshIntegrations(appId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/apps/{appId}/integrations/{integrationId}/rotate-signing-secret', {
          params: { path: { appId, integrationId } },
        }),
      ),
    onSuccess: refresh,
  });
}

function useRefreshLog(appId: string, integrationId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['attempts', appId, integrationId] }),
      queryClient.invalidateQueries({ queryKey: ['deliveries', appId, integrationId] }),
    ]);
}

export function useSendTestEvent(appId: string, integrationId: string) {
  const refresh = useRefreshLog(appId, integrationId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/apps/{appId}/integrations/{integrationId}/test', {
          params: { path: { appId, integrationId } },
        }),
      ),
    onSettled: refresh,
  });
}

/** The delivery log: every request sent, newest first, a page at a time. */
export function useAttempts(appId: string, integrationId: string, cursor: string | undefined) {
  return useQuery({
    queryKey: ['attempts', appId, integrationId, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/apps/{appId}/integrations/{integrationId}/attempts', {
          params: { path: { appId, integrationId }, query: { limit: '20', ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** An integration's deliveries, newest event first, 20 a page, maybe of one status only. */
export function useDeliveries(
  appId: string,
  integrationId: string,
  status: DeliveryStatus | undefined,
  cursor: string | undefined,
) {
  return useQuery({
    queryKey: ['deliveries', appId, integrationId, status, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/apps/{appId}/integrations/{integrationId}/deliveries', {
          params: {
            path: { appId, integrationId },
            query: { limit: '20', ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useReplayDelivery(appId: string, integrationId: string) {
  const refresh = useRefreshLog(appId, integrationId);
  return useMutation({
    mutationFn: (eventId: string) =>
      unwrap(
        api.POST('/api/v1/apps/{appId}/integrations/{integrationId}/deliveries/{eventId}/replay', {
          params: { path: { appId, integrationId, eventId } },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useReplayDead(appId: string, integrationId: string) {
  const refresh = useRefreshLog(appId, integrationId);
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/apps/{appId}/integrations/{integrationId}/replay', {
          params: { path: { appId, integrationId } },
          body: { statuses: ['dead'] },
        }),
      ),
    onSuccess: refresh,
  });
}
