import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { createOrm, defineRules } from '../../../src/index';
import { backfillAll, type Db, groups, items, orgs, relations, schema } from './bruteForceFixture';

// Aggregates under read rules (rules now come first in the filter) on a soft-delete table, with and
// without withDeleted: every served or fallen-back aggregate equals a findMany scan of the same query.

const all = { read: {}, insert: {}, update: { using: {}, check: {} }, delete: {} };
function rulesWith(itemsRead: unknown) {
  return defineRules(relations, () => ({
    orgs: all,
    groups: all,
    items: { ...all, read: itemsRead as never },
  }));
}

async function world(itemsRead: unknown) {
  const plain = createOrm({ relations });
  const ruled = createOrm({ relations, rules: rulesWith(itemsRead) });
  const t = convexTest({ schema, modules });
  await backfillAll(t);
  const ids = await t.run(async (ctx) => {
    const db = plain.db(ctx as never) as unknown as Db;
    const [o, o2] = await db
      .insert(orgs)
      .values([{ name: 'o' }, { name: 'o2' }])
      .returning({ _id: orgs._id });
    const [g] = await db.insert(groups).values({ name: 'g' }).returning({ _id: groups._id });
    await db.insert(items).values(
      Array.from({ length: 24 }, (_, i) => ({
        code: `i${i}`,
        cat: (['a', 'b', 'c'] as const)[i % 3]!,
        orgId: i % 4 === 0 ? null : i % 2 ? o!._id : o2!._id,
        groupId: g!._id,
        qty: i,
        score: i / 4,
      })),
    );
    await db.delete(items).where({ code: { in: ['i0', 'i3', 'i4', 'i7', 'i11'] } });
    return { o: o!._id, o2: o2!._id, g: g!._id };
  });
  const run = <R>(fn: (db: Db) => Promise<R>) => t.run((ctx) => fn(ruled.db(ctx as never) as unknown as Db));
  return { t, ids, run };
}

const figures = (rows: { qty: number | null }[]) => ({
  _count: rows.length,
  _sum: { qty: rows.length ? rows.reduce((s, r) => s + (r.qty ?? 0), 0) : null },
});

async function agree(
  run: <R>(fn: (db: Db) => Promise<R>) => Promise<R>,
  where: any,
  withDeleted: boolean,
  label: string,
) {
  const w = where === undefined ? {} : { where };
  await run(async (db) => {
    const rows = await db.query.items.findMany({ ...w, withDeleted } as never);
    const q = db.query.items.aggregate({ ...w, withDeleted, _count: true, _sum: { qty: true } } as never);
    expect(await q, `${label}: aggregate ${JSON.stringify(where)} withDeleted=${withDeleted}`).toEqual(
      figures(rows as never),
    );
    expect(await db.query.items.count({ ...w, withDeleted } as never), `${label}: count`).toBe(rows.length);
    const byCat = await db.query.items.groupBy({
      by: ['cat'],
      ...w,
      withDeleted,
      _count: true,
      _sum: { qty: true },
    } as never);
    const expected = ['a', 'b', 'c']
      .map((cat) => ({ cat, ...figures((rows as any[]).filter((r) => r.cat === cat)) }))
      .filter((g) => g._count > 0);
    expect(
      [...(byCat as any[])].sort((x, y) => (x.cat < y.cat ? -1 : 1)),
      `${label}: groupBy cat`,
    ).toEqual(expected);
  });
}

describe('aggregates under rules on a soft-delete table', () => {
  const rules: [string, unknown][] = [
    ['key equality', { cat: 'a' }],
    ['key range', { cat: { gte: 'b' } }],
    ['live only', { deletedAt: { isNull: true } }],
    ['deleted only', { deletedAt: { isNotNull: true } }],
    ['key and live', { cat: 'b', deletedAt: { isNull: true } }],
    ['NOT key', { NOT: { cat: 'c' } }],
  ];
  for (const [name, rule] of rules) {
    it(`rule ${name}: served or scanned aggregates equal findMany, with and without withDeleted`, async () => {
      const { ids, run } = await world(rule);
      const wheres: unknown[] = [
        undefined,
        { cat: 'a' },
        { cat: 'b' },
        { cat: { in: ['a', 'c'] } },
        { orgId: ids.o },
        { cat: 'a', orgId: ids.o2 },
        { deletedAt: { isNull: true } },
        { deletedAt: { isNotNull: true } },
      ];
      for (const where of wheres) {
        for (const withDeleted of [false, true]) await agree(run, where, withDeleted, name);
      }
    });
  }
});

describe('an upsert under rules whose conflicting row is soft-deleted', () => {
  it('updates it (the rules judge it as a live row); aggregates stay exact', async () => {
    const { run, ids } = await world({ cat: { ne: 'c' } });
    await run(
      (db) =>
        db
          .insert(items)
          .values({ code: 'i3', cat: 'a', groupId: ids.g })
          .onConflictDoUpdate({ target: items.code, set: { qty: 100, deletedAt: null } }) as never,
    );
    for (const where of [undefined, { cat: 'a' }]) {
      for (const withDeleted of [false, true]) await agree(run, where, withDeleted, 'after upsert');
    }
    expect(await run((db) => db.query.items.findFirst({ where: { code: 'i3' } }))).toMatchObject({ qty: 100 });
  });
});

describe('a read-only transaction', () => {
  it('a nested transaction inside it still refuses statements; aggregates read fine', async () => {
    const { run, ids } = await world({});
    const outcome = await run((db) =>
      db
        .transaction(
          async (tx) => {
            await tx.query.items.count();
            return tx.transaction(async (inner) => {
              await inner.insert(items).values({ code: 'ro', cat: 'a', groupId: ids.g });
            });
          },
          { accessMode: 'read only' },
        )
        .then(
          () => 'resolved',
          (error: { data?: { code?: string; message?: string } }) =>
            `${error?.data?.code}: ${error?.data?.message ?? String(error)}`,
        ),
    );
    expect(outcome).toMatch(/^INVALID_QUERY: Cannot write to "items" in a read-only transaction/);
    for (const withDeleted of [false, true]) await agree(run, undefined, withDeleted, 'after read-only');
  });
});
