import { describe, expect, it } from 'vitest';
import {
  backend,
  backfillAll,
  type Ctx,
  compareWithBruteForce,
  type Db,
  eq,
  groups,
  items,
  orgs,
  orm,
  ruledOrm,
  snapshot,
} from './bruteForceFixture';

/** Seeds two orgs, two groups and 6 items; returns their ids. */
async function seed(db: Db) {
  const [o1, o2] = await db
    .insert(orgs)
    .values([{ name: 'o1' }, { name: 'o2' }])
    .returning({ _id: orgs._id });
  const [g1, g2] = await db
    .insert(groups)
    .values([{ name: 'g1' }, { name: 'g2' }])
    .returning({ _id: groups._id });
  await db.insert(items).values([
    { code: 'a1', cat: 'a', orgId: o1!._id, groupId: g1!._id, score: 1, qty: 1 },
    { code: 'a2', cat: 'a', orgId: o1!._id, groupId: g1!._id, score: 2, qty: 2 },
    { code: 'b1', cat: 'b', orgId: o2!._id, groupId: g1!._id, score: 3, qty: null },
    { code: 'b2', cat: 'b', orgId: null, groupId: g2!._id, score: null, qty: 4 },
    { code: 'x1', cat: 'a', orgId: o2!._id, groupId: g2!._id, score: -99, qty: 5 },
    { code: 'a3', cat: 'a', orgId: o2!._id, groupId: g1!._id, score: 0.25, qty: 6 },
  ]);
  return { o1: o1!._id, o2: o2!._id, g1: g1!._id, g2: g2!._id };
}

type Ids = Awaited<ReturnType<typeof seed>>;

const fresh = (ids: Ids, code: string, extra: Record<string, unknown> = {}) => ({
  code,
  cat: 'b' as const,
  orgId: ids.o1,
  groupId: ids.g2,
  score: 1.5,
  qty: 3,
  ...extra,
});

/** Each case runs a statement that fails midway; the caller catches its error. */
const cases: Record<string, (db: Db, ids: Ids) => Promise<unknown>> = {
  'insert of 5 rows, beforeInsert vetoes the 3rd': (db, ids) =>
    db
      .insert(items)
      .values([fresh(ids, 'n1'), fresh(ids, 'n2'), fresh(ids, 'veto3'), fresh(ids, 'n4'), fresh(ids, 'n5')]),
  'update of 5 rows, beforeUpdate vetoes the 3rd': (db) =>
    db
      .update(items)
      .set((row) => ({ score: row.code === 'b1' ? -99 : 7, cat: 'c' }))
      .where({ code: { in: ['a1', 'a2', 'b1', 'b2', 'a3'] } }),
  'insert of 5 rows, the 4th takes a stored code (unique)': (db, ids) =>
    db.insert(items).values([fresh(ids, 'n1'), fresh(ids, 'n2'), fresh(ids, 'n3'), fresh(ids, 'a1'), fresh(ids, 'n5')]),
  'update of 3 rows to one code (unique)': (db) =>
    db
      .update(items)
      .set({ code: 'same', qty: 9 })
      .where({ code: { in: ['a1', 'a2', 'b1'] } }),
  'insert of 5 rows, the 3rd breaks the check': (db, ids) =>
    db
      .insert(items)
      .values([fresh(ids, 'n1'), fresh(ids, 'n2'), fresh(ids, 'n3', { qty: -1 }), fresh(ids, 'n4'), fresh(ids, 'n5')]),
  'upsert of 4 rows, the 3rd conflicts and its beforeUpdate vetoes': (db, ids) =>
    db
      .insert(items)
      .values([fresh(ids, 'n1'), fresh(ids, 'n2'), fresh(ids, 'a1'), fresh(ids, 'n4')])
      .onConflictDoUpdate({ target: items.code, set: { score: -99, qty: 8 } }),
  'soft delete of a group: a cascaded item vetoes its soft delete': (db, ids) =>
    db.delete(groups).where(eq(groups._id, ids.g2)),
  'hard delete of an org: a set-null item vetoes': (db, ids) => db.delete(orgs).where(eq(orgs._id, ids.o2)),
  'soft delete of 5 items, the x1 one vetoes': (db) =>
    db.delete(items).where({ code: { in: ['a1', 'a2', 'x1', 'b2', 'a3'] } }),
};

describe('review: a statement that fails midway leaves rows and aggregates as they were', () => {
  for (const [name, statement] of Object.entries(cases)) {
    it(name, async () => {
      const { t, run } = backend();
      await backfillAll(t);
      const ids = await run((db) => seed(db));
      const result = await t.run(async (ctx) => {
        const db = orm.db(ctx as never) as unknown as Db;
        const before = await snapshot(ctx as never);
        const error = await statement(db, ids).then(
          () => null,
          (e: unknown) => e,
        );
        const after = await snapshot(ctx as never);
        await compareWithBruteForce(db, ctx as never, name);
        return { error: error === null ? null : String((error as any).data?.code ?? error), before, after };
      });
      expect(result.error).not.toBeNull();
      expect(result.after).toEqual(result.before);
    });
  }

  it('a rule violation on the 3rd of 5 rows (under rules) writes nothing', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const ids = await run((db) => seed(db));
    const result = await t.run(async (ctx) => {
      const db = ruledOrm.db(ctx as never) as unknown as Db;
      const before = await snapshot(ctx as never);
      const error = await db
        .insert(items)
        .values([
          fresh(ids, 'n1'),
          fresh(ids, 'n2'),
          fresh(ids, 'n3', { cat: 'c' }),
          fresh(ids, 'n4'),
          fresh(ids, 'n5'),
        ])
        .then(
          () => null,
          (e: any) => e.data?.code ?? String(e),
        );
      return { error, before, after: await snapshot(ctx as never) };
    });
    expect(result.error).toBe('RULE_VIOLATION');
    expect(result.after).toEqual(result.before);
  });

  it('inside transaction: a before-hook error the caller catches leaves only the other statements', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const ids = await run((db) => seed(db));
    const result = await run(async (db, ctx: Ctx) => {
      let caught: unknown = null;
      await db.transaction(async (tx) => {
        await tx.insert(items).values(fresh(ids, 'kept'));
        const before = await snapshot(ctx);
        try {
          await tx.insert(items).values([fresh(ids, 'n1'), fresh(ids, 'n2'), fresh(ids, 'veto3')]);
        } catch (e) {
          caught = e;
        }
        try {
          await tx
            .update(items)
            .set((row) => ({ score: row.code === 'a2' ? -99 : 1, orgId: ids.o2 }))
            .where({ code: { in: ['a1', 'a2', 'a3'] } });
        } catch {}
        expect(await snapshot(ctx)).toEqual(before);
      });
      await compareWithBruteForce(db, ctx, 'after the transaction');
      return { caught: String(caught), kept: (await db.query.items.findFirst({ where: { code: 'kept' } }))?.code };
    });
    expect(result.caught).toMatch(/veto/);
    expect(result.kept).toBe('kept');
  });

  it('an after-hook error the caller catches leaves the statement written, and the aggregates agree with it', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const ids = await run((db) => seed(db));
    await run(async (db, ctx) => {
      // The twin insert of a "c" item takes code "z-twin", which a stored row holds: the after-hook fails.
      await db.insert(items).values(fresh(ids, 'z-twin'));
      const error = await db
        .insert(items)
        .values([fresh(ids, 'y', { cat: 'c' }), fresh(ids, 'z', { cat: 'c' })])
        .then(
          () => null,
          (e: any) => e.data?.code ?? String(e),
        );
      expect(error).toBe('UNIQUE_VIOLATION');
      await compareWithBruteForce(db, ctx, 'after the caught after-hook error');
    });
  });
});
