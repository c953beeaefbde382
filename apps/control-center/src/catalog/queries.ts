import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import type { operations } from '../api/schema.js';

// The catalog of an app is small (a few platforms, entitlements and SKUs): one page of 100 each.
const ALL = '100';

export function usePlatforms(appId: string) {
  return useQuery({
    queryKey: ['platforms', appId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/apps/{appId}/platforms', { params: { path: { appId }, query: { limit: ALL } } })),
  });
}

export function useEntitlements(appId: string) {
  return useQuery({
    queryKey: ['entitlements', appId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/apps/{appId}/entitlements', { params: { path: { appId }, query: { limit: ALL } } })),
  });
}

export function useProducts(appId: string) {
  return useQuery({
    queryKey: ['products', appId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/apps/{appId}/products', { params: { path: { appId }, query: { limit: ALL } } })),
  });
}

type BodyOf<Operation extends keyof operations> = operations[Operation] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export type NewPlatform = BodyOf<'createAppPlatform'>;
type NewEntitlement = BodyOf<'createEntitlement'>;
export type NewProduct = BodyOf<'createProduct'>;

export function useCreatePlatform(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPlatform) =>
      unwrap(api.POST('/api/v1/apps/{appId}/platforms', { params: { path: { appId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['platforms', appId] }),
  });
}

export function useCreateEntitlement(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewEntitlement) =>
      unwrap(api.POST('/api/v1/apps/{appId}/entitlements', { params: { path: { appId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['entitlements', appId] }),
  });
}

export function useCreateProduct(appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProduct) =>
      unwrap(api.POST('/api/v1/apps/{appId}/products', { params: { path: { appId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['products', appId] }),
  });
}
