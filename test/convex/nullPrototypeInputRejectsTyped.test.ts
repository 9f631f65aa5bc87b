// A value that is an object without a prototype (`Object.create(null)`: what some query-string and
// JSON-merge helpers produce) in a few config positions made a query reject (found by review) with
// "TypeError: Cannot convert object to primitive value" instead of a typed OrmError: the error
// message is built with `String(value)` / a template literal of the raw value (src/query/orderBy.ts
// `direction()`, src/query/aggregate.ts groupBy "by", the search config's index, vectorSearch's
// table), which throws for such an object. Every other position, and the same positions given a
// plain object, an array, a Symbol or a function, reject with an OrmError (the values are shown with
// describe()/kindOf()).
// Expected (docs/queries.md:119-122 "every error (a bad config included) rejects it";
// review brief: "Bad input gets a typed OrmError with a clear message naming the table, column or
// index"): each rejects with an OrmError (INVALID_QUERY / UNKNOWN_COLUMN / ...), naming the table.
import { isOrmError } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { seeded } from './seed';

type Db = any;
const bare = () => Object.create(null) as unknown;

/** How the query settles: 'ORM <code>' for an OrmError, else the error's class name and message. */
async function settle(body: (db: Db, ctx: any) => PromiseLike<unknown>): Promise<string> {
  const { t } = await seeded();
  return t.run(async (ctx) => {
    try {
      await body(orm.db(ctx), ctx);
      return 'resolved';
    } catch (error) {
      return isOrmError(error)
        ? `ORM ${error.code}`
        : `${(error as Error).constructor.name}: ${(error as Error).message}`;
    }
  });
}

describe('a null-prototype object in a config rejects with an OrmError', () => {
  it('control: a plain object as an orderBy direction is an OrmError', async () => {
    expect(await settle((db) => db.query.users.findMany({ orderBy: { name: {} } }))).toMatch(/^ORM /);
  });

  it.each([
    ['findMany orderBy direction', (db: Db) => db.query.users.findMany({ orderBy: { name: bare() } })],
    [
      'with.posts.orderBy direction',
      (db: Db) => db.query.users.findMany({ with: { posts: { orderBy: { title: bare() } } } }),
    ],
    ['orderBy through a many relation', (db: Db) => db.query.users.findMany({ orderBy: { posts: { title: bare() } } })],
    ['groupBy by item', (db: Db) => db.query.users.groupBy({ by: [bare()], _count: true })],
    ['search index', (db: Db) => db.query.posts.findMany({ search: { index: bare(), query: 'intro' } })],
    ['orm.vectorSearch table', (_db: Db, ctx: any) => orm.vectorSearch(ctx, bare() as never, {} as never)],
  ])('%s', async (_name, body) => {
    expect(await settle(body as never)).toMatch(/^ORM /);
  });
});
