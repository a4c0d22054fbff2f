import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web UI: sources in web/, built into dist/web, which the server serves at /. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
