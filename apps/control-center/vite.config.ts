import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev --workspace @tollgate/control-center` serves the app with hot reload and sends API
// calls to a Tollgate on :8080 (`npm start`); `npm run build` writes dist/, which the server serves.
const api = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': api, '/docs': api, '/openapi.json': api } },
});
