// A like / ilike / notLike / startsWith / endsWith pattern holding an unpaired UTF-16 surrogate (what
// a search box truncated mid-emoji sends) is INVALID_FILTER naming the column, before any read, as
// every other operand is (docs/schema.md, Filters: "no operand may be what Convex cannot store"):
// its literal part becomes an index range (a wildcard-free like an equality, `prefix%` a range),
// which Convex could not hold; prepared placeholders and counts included.
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  endsWith,
  ilike,
  index,
  like,
  notLike,
  sql,
  startsWith,
  text,
} from '../../src/index';

const items = convexTable('items', { name: text().notNull() }, (t) => [index('by_name').on(t.name)]);
const orm = createOrm({ relations: defineRelations({ items }) });
const prepared = orm.query.items.findMany({ where: { name: { like: sql.placeholder('p') } } }).prepare();

const HALF = 'a\ud83d'; // 'a😀' cut after the first UTF-16 unit

async function code(run: () => Promise<unknown>) {
  try {
    await run();
    return 'resolved';
  } catch (error) {
    return (error as { code?: string }).code ?? `not an OrmError: ${String(error)}`;
  }
}

it('a pattern with an unpaired surrogate is INVALID_FILTER before any read, as an eq operand is', async () => {
  const t = convexTest({ schema: defineSchema({ items }), modules });
  await t.run(async (ctx) => {
    await orm
      .db(ctx)
      .insert(items)
      .values([{ name: 'a\ud83d\ude00' }, { name: 'b' }]);
  });
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const db = orm.db(ctx);
    const select = (where: ReturnType<typeof ilike<typeof items.name>>) =>
      code(() => db.select().from(items).where(where));
    return {
      eq: await code(() => db.query.items.findMany({ where: { name: HALF } })),
      like: await code(() => db.query.items.findMany({ where: { name: { like: HALF } } })),
      likePrefix: await code(() => db.query.items.findMany({ where: { name: { like: `${HALF}%` } } })),
      selectLike: await select(like(items.name, `${HALF}%`)),
      ilike: await select(ilike(items.name, HALF)),
      notLike: await select(notLike(items.name, HALF)),
      startsWith: await select(startsWith(items.name, HALF)),
      endsWith: await select(endsWith(items.name, HALF)),
      countLike: await code(() => db.query.items.count({ where: { name: { like: HALF } } })),
      preparedLike: await code(() => prepared.execute(ctx, { p: HALF })),
      reads: { ...reads },
    };
  });
  expect(out).toEqual({
    eq: 'INVALID_FILTER',
    like: 'INVALID_FILTER',
    likePrefix: 'INVALID_FILTER',
    selectLike: 'INVALID_FILTER',
    ilike: 'INVALID_FILTER',
    notLike: 'INVALID_FILTER',
    startsWith: 'INVALID_FILTER',
    endsWith: 'INVALID_FILTER',
    countLike: 'INVALID_FILTER',
    preparedLike: 'INVALID_FILTER',
    reads: { documents: 0, ranges: 0 },
  });
});

it('names the column and the operator, and says what to pass', async () => {
  const t = convexTest({ schema: defineSchema({ items }), modules });
  await expect(
    t.run((ctx) => orm.db(ctx).query.items.findMany({ where: { name: { ilike: `${HALF}%` } } })),
  ).rejects.toThrow(
    /"ilike" on "items.name" got .*which no column can hold \(a string with an unpaired UTF-16 surrogate is not valid Unicode\); pass whole characters/,
  );
});
