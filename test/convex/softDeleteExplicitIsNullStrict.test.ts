import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  index,
  isNull,
  text,
  timestamp,
} from '../../src/index';

// test/convex/softDeleteLiveRowsOnlyFullScan.test.ts: "the live rows with a limit and nothing
// residual are no full scan" (strict findMany({ limit: 5 }) through by_deleted reads 5 documents).
// Code ported from Drizzle filters the live rows itself (`where: { deletedAt: { isNull: true } }`,
// `.where(isNull(tasks.deletedAt))`): the same rows, the same 5 documents. The user's isNull and
// the ORM's are the same condition; the second is left residual, and since 507be6c a residual on
// the live rows' read is a full scan, so strict mode refuses the read it ran before.
const tasks = convexTable('tasks', { title: text().notNull(), deletedAt: timestamp() }, (t) => [
  index('by_deleted').on(t.deletedAt),
  deletion('soft', { column: t.deletedAt }),
]);
const tables = { tasks };
const relations = defineRelations(tables, () => ({}));
const strict = createOrm({ relations, strict: true });

async function backend() {
  const t = convexTest(defineSchema(tables), modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 30; i++) {
      const deletedAt = i % 3 === 0 ? { deletedAt: 1 } : i % 3 === 1 ? { deletedAt: null } : {};
      await ctx.db.insert('tasks', { title: `t${i}`, ...deletedAt });
    }
  });
  return t;
}

async function outcome(read: (db: ReturnType<typeof strict.db>) => PromiseLike<unknown[]>) {
  const t = await backend();
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    try {
      return { rows: (await read(strict.db(ctx))).length, documents: reads.documents };
    } catch (error) {
      return { code: (error as { code?: string }).code ?? String(error), documents: reads.documents };
    }
  });
}

describe('strict mode: an explicit deletedAt isNull beside the ORM own is no full scan', () => {
  it('findMany({ where: { deletedAt: { isNull: true } }, limit: 5 }) reads 5 rows like findMany({ limit: 5 })', async () => {
    expect(await outcome((db) => db.query.tasks.findMany({ limit: 5 }))).toEqual({ rows: 5, documents: 5 });
    expect(
      await outcome((db) => db.query.tasks.findMany({ where: { deletedAt: { isNull: true } }, limit: 5 })),
    ).toEqual({ rows: 5, documents: 5 });
  });

  it('select().from(tasks).where(isNull(tasks.deletedAt)).limit(5) reads 5 rows', async () => {
    expect(await outcome((db) => db.select().from(tasks).where(isNull(tasks.deletedAt)).limit(5))).toEqual({
      rows: 5,
      documents: 5,
    });
  });
});
