import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^convex-orm\/migrations$/, replacement: src('migrations/index.ts') },
      { find: /^convex-orm\/testing$/, replacement: src('testing/index.ts') },
      { find: /^convex-orm$/, replacement: src('index.ts') },
    ],
  },
  test: {
    environment: 'edge-runtime',
    include: ['test/**/*.test.ts'],
    server: { deps: { inline: ['convex-test'] } },
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
