// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

// A schema generated from a convex-orm app's data (the dashboard's "generate schema", or the app's
// own schema) has convex-orm's state tables, which pull leaves out. The summary counted them:
// "Wrote convex/ormSchema.ts: 4 tables" for a file with 2 convexTables.
it('pull counts the tables it wrote, not the state tables it left out', async () => {
  const dir = schemaProject(`
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  todos: defineTable({ title: v.string() }),
  notes: defineTable({ body: v.string() }),
  migration_state: defineTable({ migrationId: v.string() }),
  migration_run: defineTable({ runId: v.string() }),
});
`);
  const { io, output } = captureIo(dir, { call: async () => null });
  expect(await runCli(['pull'], io)).toBe(0);
  const source = readFileSync(join(dir, 'convex/ormSchema.ts'), 'utf8');
  expect(source.match(/= convexTable\(/g)).toHaveLength(2);
  expect(output.stdout).toContain('Wrote convex/ormSchema.ts: 2 tables, 0 relations guessed from v.id fields.\n');
});
