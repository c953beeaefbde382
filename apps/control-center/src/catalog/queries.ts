import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../api/client.js';
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
type PlatformChanges = BodyOf<'updateAppPlatform'>;
type EntitlementChanges = BodyOf<'updateEntitlement'>;
type ProductChanges = BodyOf<'updateProduct'>;

/** What a deletion sends: `force` also deletes (or ungrants) what depends on it, where the API allows. */
interface Deletion {
  id: string;
  force: boolean;
}

const force = (on: boolean) => (on ? { force: 'true' as const } : {});

/**
 * Refreshes these parts of the app's catalog once a change is saved. A SKU names its platform and
 * the entitlements it grants, so changing or deleting those refreshes the SKUs too.
 */
function useRefresh(appId: string, ...parts: ('platforms' | 'entitlements' | 'products')[]) {
  const queryClient = useQueryClient();
  return () => Promise.all(parts.map((part) => queryClient.invalidateQueries({ queryKey: [part, appId] })));
}

export function useCreatePlatform(appId: string) {
  const refresh = useRefresh(appId, 'platforms');
  return useMutation({
    mutationFn: (body: NewPlatform) =>
      unwrap(api.POST('/api/v1/apps/{appId}/platforms', { params: { path: { appId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdatePlatform(appId: string) {
  const refresh = useRefresh(appId, 'platforms');
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: PlatformChanges }) =>
      unwrap(
        api.PATCH('/api/v1/apps/{appId}/platforms/{appPlatformId}', {
          params: { path: { appId, appPlatformId: id } },
          body: changes,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useDeletePlatform(appId: string) {
  const refresh = useRefresh(appId, 'platforms', 'products');
  return useMutation({
    mutationFn: ({ id, force: on }: Deletion) =>
      unwrapEmpty(
        api.DELETE('/api/v1/apps/{appId}/platforms/{appPlatformId}', {
          params: { path: { appId, appPlatformId: id }, query: force(on) },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useCreateEntitlement(appId: string) {
  const refresh = useRefresh(appId, 'entitlements');
  return useMutation({
    mutationFn: (body: NewEntitlement) =>
      unwrap(api.POST('/api/v1/apps/{appId}/entitlements', { params: { path: { appId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdateEntitlement(appId: string) {
  const refresh = useRefresh(appId, 'entitlements', 'products');
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: EntitlementChanges }) =>
      unwrap(
        api.PATCH('/api/v1/apps/{appId}/entitlements/{entitlementId}', {
          params: { path: { appId, entitlementId: id } },
          body: changes,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useDeleteEntitlement(appId: string) {
  const refresh = useRefresh(appId, 'entitlements', 'products');
  return useMutation({
    mutationFn: ({ id, force: on }: Deletion) =>
      unwrapEmpty(
        api.DELETE('/api/v1/apps/{appId}/entitlements/{entitlementId}', {
          params: { path: { appId, entitlementId: id }, query: force(on) },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useCreateProduct(appId: string) {
  const refresh = useRefresh(appId, 'products');
  return useMutation({
    mutationFn: (body: NewProduct) =>
      unwrap(api.POST('/api/v1/apps/{appId}/products', { params: { path: { appId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdateProduct(appId: string) {
  const refresh = useRefresh(appId, 'products');
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: ProductChanges }) =>
      unwrap(
        api.PATCH('/api/v1/apps/{appId}/products/{productId}', {
          params: { path: { appId, productId: id } },
          body: changes,
        }),
      ),
    onSuccess: refresh,
  });
}

/** A SKU has nothing depending on it: its grants go with it, and the API takes no `force`. */
export function useDeleteProduct(appId: string) {
  const refresh = useRefresh(appId, 'products');
  return useMutation({
    mutationFn: ({ id }: { id: string }) =>
      unwrapEmpty(
        api.DELETE('/api/v1/apps/{appId}/products/{productId}', { params: { path: { appId, productId: id } } }),
      ),
    onSuccess: refresh,
  });
}
