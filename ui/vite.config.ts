// Builds the console into ui/dist (scripts/ensure-ui.mjs calls this through Vite's build()).
// `npx vite --config ui/vite.config.ts` serves it with hot reload, proxying the API.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.ADLEDGER_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [preact()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api/live': { target: api.replace(/^http/, 'ws'), ws: true },
      '/api': api,
      '/health': api,
    },
  },
});
