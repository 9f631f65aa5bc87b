// An embedded `db.$count(...)` given where convex-orm takes no count (asc()/desc(), a comparison's
// operand in where/having, an operator's value, a condition of and()/not(), an aggregate's
// argument) is refused naming the `$count` (a field of a select only), not as a misspelled column
// or a value of the wrong type. Drizzle on Postgres orders and filters by one;
// docs/select.md lists a `$count` as selectable only.
import { and, asc, desc, eq, gt, max, not } from 'convex-orm';
import { beforeAll, expect, it } from 'vitest';
import { bootConvex, orm, tables as t } from './fixture/convex.js';

let backend: Awaited<ReturnType<typeof bootConvex>>;
beforeAll(async () => {
  backend = await bootConvex();
}, 60_000);

it.each([
  [
    'asc($count)',
    (db: any) =>
      db
        .select({ n: t.users.name })
        .from(t.users)
        .orderBy(asc(db.$count(t.posts, eq(t.posts.authorId, t.users._id)))),
  ],
  [
    'desc($count)',
    (db: any) =>
      db
        .select({ n: t.users.name })
        .from(t.users)
        .orderBy(desc(db.$count(t.posts, eq(t.posts.authorId, t.users._id)))),
  ],
  [
    'where gt($count, 0)',
    (db: any) =>
      db
        .select({ n: t.users.name })
        .from(t.users)
        .where(gt(db.$count(t.posts, eq(t.posts.authorId, t.users._id)), 0)),
  ],
  [
    'max($count)',
    (db: any) => db.select({ m: max(db.$count(t.posts, eq(t.posts.authorId, t.users._id))) }).from(t.users),
  ],
  [
    'eq(column, $count)',
    (db: any) =>
      db
        .select({ n: t.users.name })
        .from(t.users)
        .where(eq(t.users.age, db.$count(t.posts))),
  ],
  [
    'and($count)',
    (db: any) =>
      db
        .select({ n: t.users.name })
        .from(t.users)
        .where(and(db.$count(t.posts))),
  ],
  [
    'not($count)',
    (db: any) =>
      db
        .select({ n: t.users.name })
        .from(t.users)
        .where(not(db.$count(t.posts))),
  ],
])('%s rejects naming the $count, not a misspelled column', async (_, query) => {
  const message = await backend.t.run(async (ctx) => {
    try {
      await query(orm.db(ctx));
      return 'resolved';
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(message).not.toBe('resolved');
  expect(message).not.toMatch(/Check the column's name|got object|union members/);
  expect(message).toMatch(/db\.\$count\(\.\.\.\): a count is a field of a select only/);
});
