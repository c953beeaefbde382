import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, isApiError, unwrap } from '../api/client.js';

export const ME = ['me'] as const;

/** Who is signed in; null when no one is (the sign-in screen shows). */
export function useMe() {
  return useQuery({
    queryKey: ME,
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/v1/me'));
      } catch (error) {
        if (isApiError(error, 401)) {
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/api/v1/session', { body })),
    // Nothing of another operator's stays: every query starts afresh, who-am-i first.
    onSuccess: () => queryClient.resetQueries(),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { response } = await api.DELETE('/api/v1/session');
      if (!response.ok) {
        throw new ApiError(response.status, null);
      }
    },
    onSuccess: () => {
      queryClient.setQueryData(ME, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME[0] });
    },
  });
}
