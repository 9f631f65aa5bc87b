// @vitest-environment node
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { SchemaSnapshot } from '../../src/cli/snapshot';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const transport = { call: async () => null };

/** `users` with the given column changes and config; `teams` beside it. */
const schema = (constraints: string, { email = 'text()', extra = '' } = {}) => `
import { check, convexTable, defineSchema, foreignKey, gte, id, integer, text, unique } from 'convex-orm';
export const teams = convexTable('teams', { name: text().notNull() });
export const users = convexTable(
  'users',
  { email: ${email}, code: text(), age: integer(), teamId: id('teams') },
  (t) => [${constraints}],
);
${extra}
export default defineSchema({ teams, users${extra === '' ? '' : ', tags'} });
`;

/** Generates from `before` (the baseline), then from `after`; `edit` rewrites the snapshot in between. */
async function generate(before: string, after: string, edit?: (snapshot: SchemaSnapshot) => void) {
  const dir = schemaProject(before);
  const { io, output, clock } = captureIo(dir, transport);
  clock.now = Date.parse('2026-03-01T10:00:00Z');
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  const snapshotPath = join(dir, 'convex/migrations/schema.snapshot.json');
  if (edit) {
    const snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8')) as SchemaSnapshot;
    edit(snapshot);
    writeFileSync(snapshotPath, JSON.stringify(snapshot));
  }
  writeSchema(dir, after);
  output.stdout = '';
  const code = await runCli(['migrate', 'generate'], io);
  const files = readdirSync(join(dir, 'convex/migrations')).filter((file) => /^\d{8}_/.test(file));
  const snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8')) as SchemaSnapshot;
  return { dir, code, stdout: output.stdout, stderr: output.stderr, files, snapshot };
}

const ALL = `unique('users_email').on(t.email), check('age_ok', gte(t.age, 0)), foreignKey({ name: 'users_team', columns: [t.teamId], foreignColumns: [teams._id] })`;

describe('migrate generate: constraints over existing documents', () => {
  it('added unique, check and foreign key: no migration, but it names them and the command that verifies them', async () => {
    const tags = `export const tags = convexTable('tags', { name: text().unique() });`;
    const result = await generate(schema(''), schema(ALL, { extra: tags }));
    expect(result.code).toBe(0);
    expect(result.files).toEqual([]);
    expect(result.stdout).toMatchInlineSnapshot(`
      "No migration needed: every stored document still passes the schema's validators.
        tags: new table; it starts empty.
        users: new index email_unique; Convex builds it on deploy.
        users: new index teamId_fk; Convex builds it on deploy.
      Constraints that stored documents may break (Convex verifies none of them on existing documents; the ORM checks only the rows it writes):
        users: unique users_email (email), new
        users: foreign key users_team (teamId) references teams (_id), new
        users: check age_ok, new
      Deploy this schema, then run \`convex-orm migrate check\`: it reports the documents that break them.
      "
    `);
    expect(result.snapshot.tables.users!.constraints).toEqual([
      { kind: 'unique', name: 'users_email', fields: ['email'], nullsNotDistinct: false },
      { kind: 'foreignKey', name: 'users_team', fields: ['teamId'], foreignTable: 'teams', foreignFields: ['_id'] },
      { kind: 'check', name: 'age_ok', filter: 'gte("age",n-0)' },
    ]);
  });

  it('a column made unique, a check made stricter, nulls made not distinct: tightened, named', async () => {
    const before = schema(`unique('by_code').on(t.code), check('age_ok', gte(t.age, 0))`);
    const after = schema(`unique('by_code').on(t.code).nullsNotDistinct(), check('age_ok', gte(t.age, 18))`, {
      email: 'text().unique()',
    });
    const result = await generate(before, after);
    expect(result.stdout).toMatchInlineSnapshot(`
      "No migration needed: every stored document still passes the schema's validators.
        users: new index email_unique; Convex builds it on deploy.
      Constraints that stored documents may break (Convex verifies none of them on existing documents; the ORM checks only the rows it writes):
        users: unique users_email_unique (email), new
        users: unique by_code (code) nulls not distinct, changed
        users: check age_ok, changed
      Deploy this schema, then run \`convex-orm migrate check\`: it reports the documents that break them.
      "
    `);
  });

  it('removed or loosened constraints need no verification; an unchanged schema says so', async () => {
    const before = schema(`unique('by_code').on(t.code).nullsNotDistinct(), check('age_ok', gte(t.age, 0))`);
    const loosened = await generate(before, schema(`unique('by_code').on(t.code)`));
    expect(loosened.stdout).toMatchInlineSnapshot(`
      "No migration needed: every stored document still passes the schema.
        users: unique by_code (code) is looser; stored documents still meet it.
        users: check age_ok removed.
      "
    `);
    const unchanged = await generate(schema(ALL), schema(ALL));
    expect(unchanged.stdout).toBe('No schema changes since convex/migrations/schema.snapshot.json.\n');
  });

  it('beside a generated migration, the added constraints are named too', async () => {
    const result = await generate(schema(''), schema(ALL, { email: 'text().notNull()' }));
    expect(result.files).toHaveLength(1);
    expect(result.stdout).toMatchInlineSnapshot(`
      "Created convex/migrations/20260301_100000_update_users.ts for users: email became notNull.
      Regenerated manifest.ts and convex/migrations/schema.snapshot.json.
      Compatible changes (no migration needed):
        users: new index email_unique; Convex builds it on deploy.
        users: new index teamId_fk; Convex builds it on deploy.
      Complete each TODO in the generated code (it fails the batch until then), deploy, and run \`convex-orm migrate up\`.
      Constraints that stored documents may break (Convex verifies none of them on existing documents; the ORM checks only the rows it writes):
        users: unique users_email (email), new
        users: foreign key users_team (teamId) references teams (_id), new
        users: check age_ok, new
      Deploy this schema, then run \`convex-orm migrate check\`: it reports the documents that break them.
      "
    `);
  });

  it('a snapshot from before constraints were recorded: every constraint of its tables is named once', async () => {
    const result = await generate(schema(ALL), schema(ALL), (snapshot) => {
      for (const table of Object.values(snapshot.tables)) delete (table as { constraints?: unknown }).constraints;
    });
    expect(result.stdout).toMatchInlineSnapshot(`
      "No migration needed: every stored document still passes the schema's validators.
      Constraints that stored documents may break (Convex verifies none of them on existing documents; the ORM checks only the rows it writes):
        users: unique users_email (email), not in the snapshot, which predates constraints
        users: foreign key users_team (teamId) references teams (_id), not in the snapshot, which predates constraints
        users: check age_ok, not in the snapshot, which predates constraints
      Deploy this schema, then run \`convex-orm migrate check\`: it reports the documents that break them.
      "
    `);
    const again = await generate(schema(ALL), schema(ALL));
    expect(again.stdout).toBe('No schema changes since convex/migrations/schema.snapshot.json.\n');
  });

  it('a snapshot edited by hand into another shape is an error naming the file and what is wrong, not a TypeError', async () => {
    const edits: [(table: Record<string, unknown>) => void, string][] = [
      [(table) => (table.constraints = { kind: 'check' }), 'has constraints that are not a list of objects'],
      [(table) => (table.constraints = [null]), 'has constraints that are not a list of objects'],
      [(table) => delete table.indexes, 'has indexes that are not a list of objects'],
      [(table) => (table.columns = []), 'has columns that are not an object'],
    ];
    for (const [edit, problem] of edits) {
      const result = await generate(schema(ALL), schema(ALL), (snapshot) => edit(snapshot.tables.users as never));
      expect({ code: result.code, stderr: result.stderr }).toEqual({
        code: 1,
        stderr: `${result.dir}/convex/migrations/schema.snapshot.json: table "users" ${problem}; delete the file to start over.\n`,
      });
    }
  });
});
