// A db.$count(...) given as an operator's value (eq(users.age, db.$count(...))) or as a condition of
// and()/or()/not() is refused naming the $count (a field of a select only), as asc()/desc() and the
// aggregates refuse it (selectCountMisplacedMessage.test.ts).
import { and, eq, not } from 'convex-orm';
import { beforeAll, expect, it } from 'vitest';
import { bootConvex, orm, tables as t } from './fixture/convex.js';

let backend: Awaited<ReturnType<typeof bootConvex>>;
beforeAll(async () => {
  backend = await bootConvex();
}, 60_000);

it.each([
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
])('%s is refused naming the $count', async (_, query) => {
  const message = await backend.t.run(async (ctx) => {
    try {
      await query(orm.db(ctx));
      return 'resolved';
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(message).not.toBe('resolved');
  expect(message).toMatch(/db\.\$count\(\.\.\.\): a count is a field of a select only/);
  expect(message).not.toMatch(/union members|got object/);
});
