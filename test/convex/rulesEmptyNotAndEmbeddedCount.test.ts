// docs/rules.md: an empty filter says nothing wherever it stands, as in Drizzle's findMany, so a read
// rule `{ NOT: {} }` allows every row (it does not deny); and a `$count` embedded in a select counts
// under the rules of the db that runs the select, whichever db made it (Postgres's row-level
// security follows the session running the outer query).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, eq, integer, text } from '../../src/index';

const owners = convexTable('owners', { name: text().notNull() });
const notes = convexTable('notes', { owner: text().notNull(), n: integer().notNull() });
const tables = { owners, notes };
const relations = defineRelations(tables, () => ({}));
const rules = defineRules(relations, (ctx: { viewer?: string }) => ({
  owners: { read: { NOT: {} } },
  notes: { read: { owner: ctx.viewer ?? '' } },
}));
const orm = createOrm({ relations, rules });

it('a { NOT: {} } rule allows every row; an embedded $count follows the rules of the db running the select', async () => {
  const t = convexTest(defineSchema(tables), modules);
  await t.run(async (ctx) => {
    for (const name of ['vic', 'mal']) await ctx.db.insert('owners', { name });
    for (const [owner, n] of [
      ['vic', 1],
      ['mal', 2],
      ['mal', 3],
    ] as const)
      await ctx.db.insert('notes', { owner, n });
  });
  const out = await t.run(async (raw) => {
    const vic = orm.db({ ...raw, viewer: 'vic' } as never);
    const bypass = orm.db(raw, { rules: false });
    const counts = (db: typeof vic, made: typeof vic) =>
      db
        .select({ name: owners.name, notes: made.$count(notes, eq(notes.owner, owners.name)) })
        .from(owners)
        .orderBy(owners.name);
    return {
      owners: (await vic.query.owners.findMany({ orderBy: { name: 'asc' } })).map((row) => row.name),
      underVic: await counts(vic, vic),
      madeByVicRunByBypass: await counts(bypass, vic),
      madeByBypassRunByVic: await counts(vic, bypass),
    };
  });
  expect(out).toEqual({
    owners: ['mal', 'vic'],
    underVic: [
      { name: 'mal', notes: 0 },
      { name: 'vic', notes: 1 },
    ],
    madeByVicRunByBypass: [
      { name: 'mal', notes: 2 },
      { name: 'vic', notes: 1 },
    ],
    madeByBypassRunByVic: [
      { name: 'mal', notes: 0 },
      { name: 'vic', notes: 1 },
    ],
  });
});
