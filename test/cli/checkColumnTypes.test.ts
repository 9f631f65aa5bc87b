// @vitest-environment node
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import {
  arrayOf,
  convexTable,
  createOrm,
  date,
  defineRelations,
  defineSchema,
  integer,
  objectOf,
  text,
  timestamp,
  vector,
} from '../../src/index';
import { migrationBackend, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

// `migrate check` compared documents with the Convex validators only, and said "Every document
// passes the local schema." of an integer() column holding 1.5: integer(), date(), timestamp()
// and vector(n) have the validator of number() / text() / number() / vector(m), so a column
// changed to one of them deploys over values the ORM refuses on every write (VALIDATION). It now
// reports each value a column of the deployed schema refuses (`type <column>`), and says of the
// local schema only what it checked: its validators.
const things = convexTable('things', {
  name: text().notNull(),
  count: integer(),
  day: date(),
  at: timestamp(),
  embedding: vector(3),
  scores: arrayOf(integer().notNull()),
  size: objectOf({ width: integer() }),
});
const schema = defineSchema({ things });
const orm = createOrm({ relations: defineRelations({ things }) });
const SOURCE = `
import { arrayOf, convexTable, date, defineSchema, integer, objectOf, text, timestamp, vector } from 'convex-orm';
export const things = convexTable('things', {
  name: text().notNull(),
  count: integer(),
  day: date(),
  at: timestamp(),
  embedding: vector(3),
  scores: arrayOf(integer().notNull()),
  size: objectOf({ width: integer() }),
});
export default defineSchema({ things });
`;

describe('migrate check: column types Convex validators do not check', () => {
  it('reports each stored value a column of the deployed schema refuses, naming the column, and exits 1', async () => {
    const backend = migrationBackend(defineMigrationSet([]), orm as never, undefined, false, schema);
    const ids = await backend.t.run(async (ctx) => {
      const db = ctx.db as any;
      return [
        // Values as the ORM writes them: nothing to report.
        await db.insert('things', { name: 'ok', count: 2, day: '2026-03-01', at: 5, embedding: [1, 2, 3] }),
        await db.insert('things', { name: 'a', count: 1.5, day: 'next tuesday' }),
        await db.insert('things', { name: 'b', at: 1.5, embedding: [1, 2] }),
        await db.insert('things', { name: 'c', scores: [1, 2.5], size: { width: 0.5 } }),
      ];
    });
    const { io, output } = captureIo(schemaProject(SOURCE, { functionsModule: TEST_MODULE }), backend.transport);
    const code = await runCli(['migrate', 'check'], io);
    const shown = output.stdout.replaceAll(/\w+things\b/g, (id) => `<t${ids.indexOf(id)}>`);
    expect(shown).toContain('✗ things: 3 of 4 documents break constraints of the deployed schema');
    expect(shown).toContain('type count: 1 document, e.g. <t1> = 1.5');
    expect(shown).toContain('type day: 1 document, e.g. <t1> = "next tuesday"');
    expect(shown).toContain('type at: 1 document, e.g. <t2> = 1.5');
    expect(shown).toContain('type embedding: 1 document, e.g. <t2> = [1,2]');
    expect(shown).toContain('type scores: 1 document, e.g. <t3> = [1,2.5]');
    expect(shown).toContain('type size: 1 document, e.g. <t3> = {"width":0.5}');
    expect(shown).toContain("Every document passes the local schema's validators.");
    expect(shown).toContain('3 documents break column types or unique, check, NOT NULL or foreign-key constraints');
    expect(code).toBe(1);
  });

  it('says "1 document" of one document checked', async () => {
    const backend = migrationBackend(defineMigrationSet([]), orm as never, undefined, false, schema);
    await backend.t.run((ctx) => (ctx.db as any).insert('things', { name: 'ok', count: 2 }));
    const { io, output } = captureIo(schemaProject(SOURCE, { functionsModule: TEST_MODULE }), backend.transport);
    expect(await runCli(['migrate', 'check'], io)).toBe(0);
    expect(output.stdout).toMatch(/^Checked 1 document in \d+ tables of the dev deployment/);
  });
});
