/**
 * An inner join carries a WHERE equality on one side of its key to the other side, so that table
 * is read by index (docs/select.md), also when the equality is a same-field OR of equalities
 * (`or(eq(users._id, a), eq(users._id, b))`, or `not(and(ne(...), ne(...)))`, which NOT pushdown
 * turns into it), as the planner reads it as `in (a, b)`: the same reads as the `inArray` spelling
 * (12 documents, not the whole table's 52), and strict mode runs it as it runs that one.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  and,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  id,
  inArray,
  index,
  integer,
  ne,
  not,
  or,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { authorId: id('users').notNull(), n: integer().notNull() }, (t) => [
  index('by_author').on(t.authorId),
]);
const schema = defineSchema({ users, posts });
const relations = defineRelations({ users, posts });
const orm = createOrm({ relations });
const strict = createOrm({ relations, strict: true });

async function world() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const ids: string[] = [];
    for (let u = 0; u < 10; u++) ids.push(await ctx.db.insert('users', { name: `u${u}` }));
    for (let i = 0; i < 50; i++) await ctx.db.insert('posts', { authorId: ids[i % 10] as never, n: i });
    return ids;
  });
  return { t, a: ids[0]!, b: ids[1]! };
}

const select = (db: any, where: unknown) =>
  db.select({ n: posts.n, name: users.name }).from(posts).innerJoin(users, eq(users._id, posts.authorId)).where(where);

describe('a same-field OR of equalities on an inner join key is carried like inArray', () => {
  it('reads the two authors’ posts, not every post', async () => {
    const { t, a, b } = await world();
    const spellings = {
      inArray: inArray(users._id, [a, b] as never),
      or: or(eq(users._id, a as never), eq(users._id, b as never)),
      notAndNe: not(and(ne(users._id, a as never), ne(users._id, b as never))!),
    };
    const outcome: Record<string, unknown> = {};
    for (const [name, where] of Object.entries(spellings)) {
      outcome[name] = await t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const rows: { n: number }[] = await select(orm.db(ctx as never), where);
        return { rows: rows.map((row) => row.n).sort((x, y) => x - y), reads: { ...reads } };
      });
    }
    // inArray: 2 users by db.get, 10 posts in 2 ranges of by_author (the control).
    expect(outcome.inArray).toEqual({
      rows: [0, 1, 10, 11, 20, 21, 30, 31, 40, 41],
      reads: { documents: 12, ranges: 4 },
    });
    expect(outcome.or).toEqual(outcome.inArray);
    expect(outcome.notAndNe).toEqual(outcome.inArray);
  });

  it('strict mode runs the OR spelling as it runs the inArray one', async () => {
    const { t, a, b } = await world();
    const settle = (where: unknown) =>
      t.run(async (ctx) => {
        try {
          return (await select(strict.db(ctx as never), where)).length;
        } catch (error) {
          return (error as { code?: string }).code ?? String(error);
        }
      });
    expect(await settle(inArray(users._id, [a, b] as never))).toBe(10);
    expect(await settle(or(eq(users._id, a as never), eq(users._id, b as never)))).toBe(10);
  });
});
