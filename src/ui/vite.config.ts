// Builds the playground (/), the explorer (/explore) and the landscape (/landscape) into dist/ui, which the server serves.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/ui/',
  logLevel: 'warn',
  build: {
    outDir: here('../../dist/ui'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { playground: here('playground/index.html'), explorer: here('explorer/index.html'), landscape: here('landscape/index.html') },
      // GraphiQL's dependencies mark modules "use client" for React Server Components; irrelevant in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
