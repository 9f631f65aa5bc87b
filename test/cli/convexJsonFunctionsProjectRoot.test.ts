// @vitest-environment node
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo, tempDir } from './io';

// 9955364 made convex.json's `functions: ""` a usage error because it names the project itself
// (docs/migrations.md; src/cli/config.ts functionsDirectory). The same directory spelt "." (or
// "./", or "convex/..") passed: `relative(cwd, resolve(cwd, "."))` is "", which the check did not
// refuse. So `migrate create` run in a directory whose convex.json says "." passed the
// outside-an-app check too (join(cwd, ".") always exists) and wrote migrations/ into the
// project root, next to package.json, where Convex (which would bundle every file of the project,
// node_modules included, as functions) has no functions directory. "/" is the project too: Convex
// joins `functions` onto the project directory (path.join).
describe("convex.json's functions naming the project itself, however spelt", () => {
  it.each(['.', './', 'convex/..', '/'])(
    'functions: %j is the usage error "" is; nothing is written',
    async (functions) => {
      const dir = tempDir('convex-orm-root-');
      writeFileSync(join(dir, 'convex.json'), JSON.stringify({ functions }));
      const { io, output } = captureIo(dir, { call: async () => null });
      const code = await runCli(['migrate', 'create', 'backfill'], io);
      expect({ code, files: readdirSync(dir) }).toEqual({ code: 2, files: ['convex.json'] });
      expect(output.stderr).toBe(
        `convex.json: functions must be a directory inside the project, not the project itself, got ${JSON.stringify(functions)}.\n`,
      );
    },
  );
});
