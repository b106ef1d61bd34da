import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Cross-origin isolation: the tfjs wasm backend needs SharedArrayBuffer for threads.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 4000 },
});
