// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const SOURCE = (code: string) => `
import { convexTable, defineSchema, text } from 'convex-orm';
export const countries = convexTable('countries', { name: text()${code} });
export default defineSchema({ countries });
`;

// A natural key added to a table that has documents: Postgres's
// ALTER TABLE countries ADD COLUMN code text PRIMARY KEY DEFAULT 'XX' fails on a second row.
// migrate generate leaves a TODO for a column a unique constraint holds instead of filling every
// document with its constant default (the default 'safe_bypass' write mode checks no constraint,
// so one constant would break countries_pkey on any table of 2+ documents).
it('migrate generate does not fill a new primary key column with one constant for every document', async () => {
  const dir = schemaProject(SOURCE(''));
  const { io, clock } = captureIo(dir, { call: async () => null });
  clock.now = Date.parse('2026-03-01T10:00:00Z');
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  writeSchema(dir, SOURCE(`, code: text().primaryKey().default('XX')`));
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  const migrations = join(dir, 'convex/migrations');
  const [file] = readdirSync(migrations).filter((name) => /^\d{8}_/.test(name));
  const body = readFileSync(join(migrations, file!), 'utf8');
  expect(body).toContain('countries.code is a new notNull column');
  // A key is per document: the generated code must leave it to the user (a TODO), not fill 'XX'.
  expect(body).not.toContain(`patch.code = 'XX'`);
  expect(body).toContain('TODO');
});
