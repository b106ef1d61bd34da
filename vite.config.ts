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
  // The worker's bundle is not minified: tfjs-backend-wasm starts its threads from the text of a
  // function (factory.toString()), and the minifier moves what that function refers to out of it,
  // so every wasm thread dies with "e is not defined" and the tab crashes (tfjs issue #4107).
  worker: { format: 'es', rolldownOptions: { output: { minify: false } } },
  build: { chunkSizeWarningLimit: 4000 },
});
