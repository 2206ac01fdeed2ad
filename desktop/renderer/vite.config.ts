import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

const root = import.meta.dirname;

/** Two pages: the app (index.html) and the staff's admin web view (admin.html). */
export default defineConfig({
  root,
  // Relative asset URLs: the host serves dist/ over http in browser mode and from disk in Electron.
  base: './',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: `${root}/dist`,
    emptyOutDir: true,
    rolldownOptions: {
      input: { index: `${root}/index.html`, admin: `${root}/admin.html` },
    },
  },
});
