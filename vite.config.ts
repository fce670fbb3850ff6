import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * The dev server injects inline styles and a websocket client that the production CSP forbids;
 * drop the CSP meta only while serving. Builds keep it untouched.
 */
function relaxCspInDev(): Plugin {
  return {
    name: 'sakta-relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/, ''),
  };
}

export default defineConfig({
  root,
  // Relative asset paths: the app loads from app://sakta/ in Electron and from the test bridge's origin.
  base: './',
  plugins: [react(), relaxCspInDev()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome130',
    // Nothing is fetched from elsewhere, and assets stay files (never data: URIs in scripts).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2048,
    // Three pages: the app, and the two viewers that run on origins of their own without the preload:
    // PDFs (app://pdfview) and images, audio and video (app://mediaview).
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        'pdf-frame': fileURLToPath(new URL('./renderer/pdf-frame.html', import.meta.url)),
        'media-frame': fileURLToPath(new URL('./renderer/media-frame.html', import.meta.url)),
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
