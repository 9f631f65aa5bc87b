// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { buildCli } from './cliBundle';
import { captureIo, tempDir } from './io';
import { schemaProject } from './schemaProject';

describe('loading the app schema', () => {
  it("the bundled CLI, outside any node_modules, finds esbuild through the app's convex package (no tsx)", async () => {
    const cli = join(tempDir('convex-orm-dist-'), 'cli.mjs');
    expect(buildCli(cli).status).toBe(0);
    const dir = schemaProject(`import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({ notes: defineTable({ body: v.string(), parentId: v.optional(v.id('notes')) }) });`);
    const run = spawnSync('node', [cli, 'pull'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Wrote convex/ormSchema.ts: 1 table, 2 relations guessed from v.id fields.');
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'convex/ormSchema.ts'), 'utf8')).toContain("parentId: id('notes'),");
  }, 30_000);

  it('a schema that does not bundle is a CLI error naming the file and line', async () => {
    const dir = schemaProject("import { nothing } from './missing';\nexport default nothing;\n");
    const { io, output } = captureIo(dir, { call: async () => null });
    expect(await runCli(['pull'], io)).toBe(1);
    expect(output.stderr).toBe(
      `Cannot bundle ${join(dir, 'convex/schema.ts')}:\n  convex/schema.ts:1: Could not resolve "./missing"\n`,
    );
  });
});
