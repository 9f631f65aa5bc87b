/**
 * docs/triggers.md ("The pipeline"): after-triggers run "with `old`/`new` from the plan (no extra
 * reads)", and "A stage with nothing to do is skipped outright ... pays for its read, its write and
 * the stages its table needs, nothing more". DESIGN.md section 11 says the same of the row-change
 * pipeline. So hooks that read and write nothing (before-hooks returning nothing or the planned
 * row unchanged, after-hooks, afterChange) must not change what a statement reads: the read counts
 * (`countReads`) of every statement kind below, cascades (set null, soft and hard) and upserts
 * included, equal the counts of the same statement on an ORM without triggers.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { createOrm, defineTriggers, eq, inArray } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { backfillAll, type Db, groups, items, orgs, relations, schema } from '../aggregates/bruteForceFixture';

type Ids = { o: string; g: string };

/** The reads of `statement` on a fresh backend (4 items of one org and group), the ORM firing `hooks`. */
async function readsOf(hooks: object | null, statement: (db: Db, ids: Ids) => PromiseLike<unknown>) {
  const orm = createOrm({ relations, ...(hooks ? { triggers: defineTriggers(relations, hooks as never) } : {}) });
  const t = convexTest({ schema, modules });
  await backfillAll(t);
  const ids = await t.run(async (ctx) => {
    const db = orm.db(ctx as never) as unknown as Db;
    const [o] = await db.insert(orgs).values({ name: 'o' }).returning({ _id: orgs._id });
    const [g] = await db.insert(groups).values({ name: 'g' }).returning({ _id: groups._id });
    await db.insert(items).values(
      [1, 2, 3, 4].map((i) => ({
        code: `c${i}`,
        cat: 'a' as const,
        orgId: o!._id,
        groupId: g!._id,
        qty: i,
        score: 1,
      })),
    );
    return { o: o!._id as string, g: g!._id as string };
  });
  return t.run(async (ctx) => {
    const counted = countReads(ctx as never);
    await statement(orm.db(counted.ctx as never) as unknown as Db, ids);
    return { ...counted.reads };
  });
}

const row = (ids: Ids, code: string) => ({
  code,
  cat: 'b' as const,
  orgId: ids.o as never,
  groupId: ids.g as never,
  qty: 1,
  score: 1,
});

const statements: Record<string, (db: Db, ids: Ids) => PromiseLike<unknown>> = {
  'insert of 3 rows': (db, ids) => db.insert(items).values(['n1', 'n2', 'n3'].map((code) => row(ids, code))),
  'update of 3 rows': (db) =>
    db
      .update(items)
      .set({ qty: 9 })
      .where(inArray(items.code, ['c1', 'c2', 'c3'])),
  'update returning()': (db) =>
    db
      .update(items)
      .set({ qty: 9 })
      .where(inArray(items.code, ['c1', 'c2']))
      .returning(),
  'soft delete of 2 rows': (db) => db.delete(items).where(inArray(items.code, ['c1', 'c2'])),
  'delete cascading set null': (db, ids) => db.delete(orgs).where(eq(orgs._id, ids.o as never)),
  'soft delete cascading softly': (db, ids) => db.delete(groups).where(eq(groups._id, ids.g as never)),
  'hard delete cascading': (db, ids) =>
    db
      .delete(groups)
      .hard()
      .where(eq(groups._id, ids.g as never)),
  'upsert, both branches': (db, ids) =>
    db
      .insert(items)
      .values(['c1', 'c2', 'n5'].map((code) => row(ids, code)))
      .onConflictDoUpdate({ target: items.code, set: { qty: 7 } }),
};

const noop = () => undefined;
const hookSets: Record<string, object> = {
  'after-hooks': { items: { afterInsert: noop, afterUpdate: noop, afterDelete: noop } },
  afterChange: { items: { afterChange: noop } },
  'before-hooks returning nothing': { items: { beforeInsert: noop, beforeUpdate: noop, beforeDelete: noop } },
  'before-hooks returning the planned row': {
    items: { beforeInsert: (r: object) => ({ ...r }), beforeUpdate: ({ new: next }: { new: object }) => ({ ...next }) },
  },
};

describe('hooks that read and write nothing add no reads to a statement', () => {
  for (const [name, statement] of Object.entries(statements)) {
    it(name, async () => {
      const floor = await readsOf(null, statement);
      for (const [hooks, config] of Object.entries(hookSets)) {
        expect(await readsOf(config, statement), `${name} with ${hooks}`).toEqual(floor);
      }
    });
  }
});
