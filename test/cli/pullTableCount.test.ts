// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

// A convex-orm app's own schema exports convex-orm's state tables (migration_state, migration_run,
// aggregate_bucket, aggregate_state, as defineSchema adds them), which pull leaves out. The summary
// counted them: "Wrote convex/ormSchema.ts: 4 tables" for a file with 2 convexTables.
// (It held hand-written stand-ins for them before; pull now leaves a table out only when it is
// convex-orm's own definition, see pullReservedTableNames.test.ts.)
it('pull counts the tables it wrote, not the state tables it left out', async () => {
  const dir = schemaProject(`
import { convexTable, defineSchema, text } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull() });
export const notes = convexTable('notes', { body: text().notNull() });
export default defineSchema({ todos, notes });
`);
  const { io, output } = captureIo(dir, { call: async () => null });
  expect(await runCli(['pull'], io)).toBe(0);
  const source = readFileSync(join(dir, 'convex/ormSchema.ts'), 'utf8');
  expect(source.match(/= convexTable\(/g)).toHaveLength(2);
  expect(output.stdout).toContain('Wrote convex/ormSchema.ts: 2 tables, 0 relations guessed from v.id fields.\n');
});
