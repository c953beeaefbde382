import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap, unwrapEmpty } from '../api/client.js';
import type { operations } from '../api/schema.js';

export type Campaign = Schemas['Campaign'];
export type NewCampaign = operations['createCampaign']['requestBody']['content']['application/json'];
export type CampaignChanges = NonNullable<operations['updateCampaign']['requestBody']>['content']['application/json'];

const campaignsKey = (appId: string) => ['campaigns', appId];

/** Every campaign of the app, by placement, first considered first and the default last. */
export function useCampaigns(appId: string) {
  return useQuery({
    queryKey: campaignsKey(appId),
    queryFn: () => unwrap(api.GET('/api/v1/apps/{appId}/campaigns', { params: { path: { appId } } })),
  });
}

/** A campaign; none asked for while there is no id (a new one). */
export function useCampaign(appId: string, campaignId: string | undefined) {
  return useQuery({
    queryKey: ['campaign', appId, campaignId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/apps/{appId}/campaigns/{campaignId}', {
          params: { path: { appId, campaignId: campaignId ?? '' } },
        }),
      ),
    enabled: campaignId !== undefined,
  });
}

export function useCampaignTemplates() {
  return useQuery({
    queryKey: ['campaign-templates'],
    queryFn: () => unwrap(api.GET('/api/v1/campaign-templates')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function useSaved(appId: string) {
  const queryClient = useQueryClient();
  return (campaign: Campaign) => {
    queryClient.setQueryData(['campaign', appId, campaign.id], campaign);
    return queryClient.invalidateQueries({ queryKey: campaignsKey(appId) });
  };
}

export function useCreateCampaign(appId: string) {
  const saved = useSaved(appId);
  return useMutation({
    mutationFn: (body: NewCampaign) =>
      unwrap(api.POST('/api/v1/apps/{appId}/campaigns', { params: { path: { appId } }, body })),
    onSuccess: saved,
  });
}

export function useUpdateCampaign(appId: string) {
  const saved = useSaved(appId);
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: CampaignChanges }) =>
      unwrap(
        api.PATCH('/api/v1/apps/{appId}/campaigns/{campaignId}', {
          params: { path: { appId, campaignId: id } },
          body: changes,
        }),
      ),
    onSuccess: saved,
  });
}

export function useDeleteCampaign(appId: string, campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrapEmpty(
        api.DELETE('/api/v1/apps/{appId}/campaigns/{campaignId}', { params: { path: { appId, campaignId } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignsKey(appId) }),
  });
}

interface Reorder {
  placement: string;
  /** The placement's campaigns but its default, first considered first. */
  campaignIds: string[];
}

/** Shows the new order at once (a dragged row stays where it was dropped), and the server's once it answers. */
export function useReorderPlacement(appId: string) {
  const queryClient = useQueryClient();
  const key = campaignsKey(appId);
  return useMutation({
    mutationFn: ({ placement, campaignIds }: Reorder) =>
      unwrap(
        api.PUT('/api/v1/apps/{appId}/placements/{placement}/order', {
          params: { path: { appId, placement } },
          body: { campaign_ids: campaignIds },
        }),
      ),
    onMutate: async ({ placement, campaignIds }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<{ data: Campaign[] }>(key);
      if (before) {
        const ofPlacement = before.data.filter((c) => c.placement === placement);
        const reordered = [
          ...campaignIds.flatMap((id) => ofPlacement.filter((c) => c.id === id)),
          ...ofPlacement.filter((c) => c.is_default),
        ];
        let next = 0;
        const data = before.data.map((c) => (c.placement === placement ? (reordered[next++] ?? c) : c));
        queryClient.setQueryData(key, { data });
      }
      return { before };
    },
    onError: (_error, _reorder, context) => {
      if (context?.before) {
        queryClient.setQueryData(key, context.before);
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useCampaignResults(appId: string, campaignId: string, range: { from: string; to: string }) {
  return useQuery({
    queryKey: ['campaign-results', appId, campaignId, range],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/apps/{appId}/campaigns/{campaignId}/results', {
          params: { path: { appId, campaignId }, query: range },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
