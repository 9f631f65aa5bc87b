// @vitest-environment node
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import {
  check,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  gte,
  id,
  integer,
  text,
  unique,
} from '../../src/index';
import { checkBatch } from '../../src/migrations/check';
import { countReads } from '../../src/testing';
import { migrationBackend, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

// The deployed schema: its constraints are what `check` verifies. SOURCE is the same schema as
// the local `convex/schema.ts` (whose validators the check applies too).
const teams = convexTable('teams', { name: text().notNull() });
const members = convexTable(
  'members',
  {
    email: text().unique(),
    code: text(),
    region: text(),
    age: integer(),
    teamId: id('teams').references(() => teams._id),
  },
  (t) => [unique('code_region').on(t.code, t.region).nullsNotDistinct(), check('age_not_negative', gte(t.age, 0))],
);
const schema = defineSchema({ teams, members });
const orm = createOrm({ relations: defineRelations({ teams, members }) });
const SOURCE = `
import { check, convexTable, defineSchema, gte, id, integer, text, unique } from 'convex-orm';
export const teams = convexTable('teams', { name: text().notNull() });
export const members = convexTable(
  'members',
  { email: text().unique(), code: text(), region: text(), age: integer(), teamId: id('teams').references(() => teams._id) },
  (t) => [unique('code_region').on(t.code, t.region).nullsNotDistinct(), check('age_not_negative', gte(t.age, 0))],
);
export default defineSchema({ teams, members });
`;

type Member = {
  email?: string | null;
  code?: string | null;
  region?: string | null;
  age?: number | null;
  teamId?: string;
};

const backendWith = (transactionLimits: boolean) =>
  migrationBackend(defineMigrationSet([]), orm as never, undefined, transactionLimits, schema);

/** Raw inserts (as an older app version or `ctx.db` wrote them): no constraint is checked. */
async function seed(backend: ReturnType<typeof backendWith>, rows: (teamId: string, gone: string) => Member[]) {
  return backend.t.run(async (ctx) => {
    const db = ctx.db as any;
    const team = await db.insert('teams', { name: 'a team' });
    const gone = await db.insert('teams', { name: 'deleted' });
    await db.delete(gone);
    const ids: string[] = [];
    for (const row of rows(team, gone)) ids.push(await db.insert('members', row));
    return ids;
  });
}

describe('migrate check: constraints of the deployed schema over existing documents', () => {
  it('reports unique, check and foreign-key violations per table with sample ids, across batches, and exits 1', async () => {
    const backend = backendWith(false);
    const ids = await seed(backend, (team, gone) => [
      { email: 'a@x', code: 'c1', region: 'eu', age: 30, teamId: team },
      // Two null emails: no conflict (nulls are distinct); nor an absent one.
      { email: null, code: 'c2', region: 'eu', age: 31, teamId: team },
      // Same email as the first, in the second batch (batches of 2).
      { email: 'a@x', code: 'c3', region: 'eu', age: 32, teamId: team },
      // A violating row past the first batch: the check fails.
      { email: null, code: 'c4', region: 'eu', age: -1, teamId: team },
      // (absent, 'eu') and (null, 'eu') are one key: code_region is nulls not distinct.
      { region: 'eu', age: 5, teamId: team },
      { email: 'b@x', code: null, region: 'eu', age: null, teamId: gone },
      // A null reference matches nothing and needs nothing (MATCH SIMPLE); an unknown check passes.
      { email: 'c@x', code: 'c5', region: null },
    ]);
    const { io, output } = captureIo(schemaProject(SOURCE, { functionsModule: TEST_MODULE }), backend.transport);
    const code = await runCli(['migrate', 'check', '--batch-size', '2'], io);
    const shown = output.stdout.replaceAll(/\w+members\b/g, (id) => `<m${ids.indexOf(id)}>`);
    expect(shown).toMatchInlineSnapshot(`
      "Checked 8 documents in 6 tables of the dev deployment against convex/schema.ts:
        ✓ migration_state: 0 documents, all valid
        ✓ migration_run: 0 documents, all valid
        ✓ aggregate_bucket: 0 documents, all valid
        ✓ aggregate_state: 0 documents, all valid
        ✓ teams: 1 document, all valid
        ✗ members: 4 of 7 documents break constraints of the deployed schema
            unique members_email_unique: 1 document, e.g. <m2> = "a@x" (duplicates <m0>)
            check age_not_negative: 1 document, e.g. <m3>
            unique code_region: 1 document, e.g. <m4> = [null,"eu"] (duplicates <m5>)
            foreign key members_teamId_fk: 1 document, e.g. <m5> = "000000000000000000000010001teams" (not found)
      Every document passes the local schema's validators.
      4 documents break column types or unique, check, NOT NULL or foreign-key constraints of the deployed schema: Convex enforces none of them (of a type, only its validator), and the ORM checks only the rows it writes, so they were stored before the type or constraint existed, or by raw writes.
      Fix or remove them (a data migration: \`convex-orm migrate create\`), then check again.
      "
    `);
    expect(code).toBe(1);
  });

  it('passes, exit 0, when no existing document violates a constraint', async () => {
    const backend = backendWith(false);
    await seed(backend, (team) => [
      { email: null, code: null, region: null, teamId: team },
      { email: null, code: 'c', region: null, age: 0 },
    ]);
    const { io, output } = captureIo(schemaProject(SOURCE, { functionsModule: TEST_MODULE }), backend.transport);
    expect(await runCli(['migrate', 'check'], io)).toBe(0);
    expect(output.stdout).toContain('✓ members: 2 documents, all valid');
    expect(output.stdout).toContain(
      'No document breaks a column type or a unique, check, NOT NULL or foreign-key constraint of the deployed schema.',
    );
  });

  it('says "1 document breaks" of one violating document', async () => {
    const backend = backendWith(false);
    await seed(backend, () => [{ email: null, code: null, region: null, age: -1 }]);
    const { io, output } = captureIo(schemaProject(SOURCE, { functionsModule: TEST_MODULE }), backend.transport);
    expect(await runCli(['migrate', 'check'], io)).toBe(1);
    expect(output.stdout).toContain(
      '1 document breaks column types or unique, check, NOT NULL or foreign-key constraints of the deployed schema: Convex enforces none of them (of a type, only its validator), and the ORM checks only the rows it writes, so it was stored before the type or constraint existed, or by raw writes.',
    );
  });

  it('a batch reads its page and one range per probe, memoized per key; a page fits the index ranges of a query', async () => {
    const backend = backendWith(false);
    await seed(backend, (team) => [
      { email: 'a', code: 'c1', region: 'eu', age: 1, teamId: team },
      { email: 'b', code: 'c2', region: 'eu', age: 1, teamId: team },
      { email: null, code: null, region: 'eu', teamId: team },
    ]);
    const result = await backend.t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const batch = await checkBatch(
        ctx,
        { table: 'members', documentType: '{"type":"any"}', cursor: null, batchSize: 3 },
        orm,
      );
      return { batch, reads };
    });
    // Page: 1 range, 3 documents. Emails: 2 ranges of 1 document (a null email needs none).
    // code_region: 3 (the stored null is found under its first variant, null). The team: 1 get for all three.
    expect(result.reads).toEqual({ documents: 3 + 2 + 3 + 1, ranges: 1 + 2 + 3 + 1 });
    expect(result.batch).toMatchObject({ scanned: 3, violations: [], isDone: true });
  });

  it('stays within Convex limits (transactionLimits): a page holds as many documents as its probes leave ranges for', async () => {
    const backend = backendWith(true);
    await seed(backend, (team) =>
      Array.from({ length: 800 }, (_, i) => ({ email: `m${i}`, code: `c${i}`, region: 'eu', age: i, teamId: team })),
    );
    const batch = await backend.transport.call('check', {
      table: 'members',
      documentType: '{"type":"any"}',
      cursor: null,
      batchSize: 4096,
    });
    // Per document at most 1 (email) + 4 (code_region, nulls not distinct: null or absent per field) + 1 (teamId) ranges.
    expect(batch).toMatchObject({ scanned: Math.floor((4000 - 1) / 6), violations: [], isDone: false });
  });
});
