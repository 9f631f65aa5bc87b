/**
 * docs/mutations.md "Read costs", lines ~281-285:
 * - "10 members of one team referenced by its `slug` cost one range for the team"
 * - "A null in a `nulls not distinct` constraint costs two ranges (stored `null` and absent field):
 *    a row with k null fields in it costs 2^k."
 * A failure here means the sentence is wrong.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text, unique } from '../../src/index';
import { countReads } from '../../src/testing/index';

const teams = convexTable('teams', { slug: text().notNull().unique() });
const members = convexTable(
  'members',
  {
    name: text().notNull(),
    team: text()
      .notNull()
      .references(() => teams.slug),
  },
  (t) => [index('by_team').on(t.team)],
);
const pairs = convexTable('pairs', { a: integer(), b: integer(), c: integer() }, (t) => [
  unique('abc').on(t.a, t.b, t.c).nullsNotDistinct(),
]);
const tables = { teams, members, pairs };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

it('10 members of one team referenced by its slug cost one range for the team', async () => {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('teams', { slug: 'core' });
  });
  const reads = await t.run(async (ctx) => {
    const counted = countReads(ctx as never);
    await orm
      .db(counted.ctx as never)
      .insert(members)
      .values(Array.from({ length: 10 }, (_, i) => ({ name: `m${i}`, team: 'core' })));
    return { ...counted.reads };
  });
  expect(reads.ranges).toBe(1);
});

it('a row with k null fields of a nulls-not-distinct constraint costs 2^k ranges', async () => {
  const t = convexTest({ schema, modules });
  const cost = async (row: { a: number | null; b: number | null; c: number | null }) =>
    t.run(async (ctx) => {
      const counted = countReads(ctx as never);
      await orm
        .db(counted.ctx as never)
        .insert(pairs)
        .values(row);
      return counted.reads.ranges;
    });
  expect(await cost({ a: 1, b: 2, c: 3 })).toBe(1);
  expect(await cost({ a: 1, b: 2, c: null })).toBe(2);
  expect(await cost({ a: 1, b: null, c: null })).toBe(4);
  expect(await cost({ a: null, b: null, c: null })).toBe(8);
});
