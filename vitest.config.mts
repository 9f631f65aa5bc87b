import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { isolatedFiles } from './test/isolatedFiles.js';

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
    // Worker threads start a module graph faster than forked processes (the whole suite, every
    // file isolated: 419 s against 472 s on the 2-core CI machine).
    pool: 'threads',
    // Seeded and bounded, a test here takes at most a few seconds on an idle 2-core machine; on a
    // busy one (a CI run beside other work) some took twice that, past vitest's default 5 s.
    testTimeout: 20_000,
    server: { deps: { inline: ['convex-test'] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: isolatedFiles,
          // One module graph for the files of a worker: evaluating src and convex-test again for each
          // of 830 files took 161 s of a 530 s run (241-305 s in all without it, files in size order
          // or shuffled). The runtime keeps no module state but the deployed-schema record (see
          // test/isolatedFiles.ts), and tests restore the timers and spies they replace.
          isolate: false,
          typecheck: {
            enabled: true,
            include: ['test/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      { extends: true, test: { name: 'isolated', include: isolatedFiles, isolate: true } },
    ],
  },
});
