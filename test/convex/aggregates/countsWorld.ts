// The world both count oracles run in: 3 orgs, a group, 24 items (every fifth without an org), 6 of
// them soft-deleted; an ORM without rules, one whose items' read rule is `makeRule(org ids)`, and the
// raw rows the oracle counts from.
import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import { createOrm, defineRules } from '../../../src/index';
import { backfillAll, type Db, groups, items, orgs, relations, schema } from './bruteForceFixture';

const allow = { read: {}, insert: {}, update: { using: {}, check: {} }, delete: {} };

export async function countsWorld(makeRule: (o: string[]) => unknown) {
  const plain = createOrm({ relations });
  const t = convexTest({ schema, modules });
  await backfillAll(t);
  const ids = await t.run(async (ctx) => {
    const db = plain.db(ctx as never) as unknown as Db;
    const os = await db
      .insert(orgs)
      .values([{ name: 'o0' }, { name: 'o1' }, { name: 'o2' }])
      .returning({ _id: orgs._id });
    const [g] = await db.insert(groups).values({ name: 'g' }).returning({ _id: groups._id });
    await db.insert(items).values(
      Array.from({ length: 24 }, (_, i) => ({
        code: `i${i}`,
        cat: (['a', 'b', 'c'] as const)[i % 3]!,
        orgId: i % 5 === 0 ? null : os[i % 3]!._id,
        groupId: g!._id,
        qty: i,
        score: i / 4,
      })),
    );
    await db.delete(items).where({ code: { in: ['i1', 'i2', 'i4', 'i7', 'i11', 'i13'] } });
    return { o: os.map((x) => x._id as string), g: g!._id };
  });
  const itemsRead = makeRule(ids.o);
  const ruled = createOrm({
    relations,
    rules: defineRules(relations, () => ({
      orgs: allow,
      groups: allow,
      items: { ...allow, read: itemsRead as never },
    })),
  });
  const raw = await t.run(async (ctx) => ({
    items: await ctx.db.query('items').collect(),
    orgs: await ctx.db.query('orgs').collect(),
  }));
  const run = <R>(fn: (db: Db) => Promise<R>) => t.run((ctx) => fn(ruled.db(ctx as never) as unknown as Db));
  return { t, ids, run, raw, ruled };
}
