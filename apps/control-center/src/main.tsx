import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError } from './api/client.js';
import { App } from './app/app.js';
import { ME } from './session/session.js';
import './styles.css';

const queryClient: QueryClient = new QueryClient({
  // A session that ended elsewhere (signed out, expired) brings back the sign-in screen.
  queryCache: new QueryCache({
    onError: (error) => {
      if (isApiError(error, 401)) {
        queryClient.setQueryData(ME, null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again.
      retry: (failures, error) => !(isApiError(error) && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
