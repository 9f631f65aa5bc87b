import { getDocumentSize } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  OrmError,
  text,
} from '../../../src/index';
import { writePatch } from '../../../src/migrations/write';

// An aggregate index keyed on a text column: the bucket document holds the key value beside
// table, index, shard, count and sums, so it is larger than a row holding the same value.
const labels = convexTable('labels', { title: text().notNull() }, (t) => [
  aggregateIndex('labels_by_title').on(t.title).count(),
]);
const schema = defineSchema({ labels });
const orm = createOrm({ relations: defineRelations({ labels }) });
const MiB = 1024 * 1024;

describe('aggregate bucket documents and the 1 MiB document limit', () => {
  it('a row just under 1 MiB whose key makes a bucket over 1 MiB: VALIDATION before writing, or no document over 1 MiB', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    // Row: {_id, _creationTime, title} = title + 71 bytes; 40 bytes under Convex's limit.
    const title = 'x'.repeat(MiB - 71 - 40 - 2);
    await t.run((ctx) => backfillNext(ctx.db as never, [...orm.schema.schema.registry.tables.values()], 10));
    const out = await t.run(async (ctx) => {
      let error: unknown = null;
      try {
        await orm.db(ctx).insert(labels).values({ title });
      } catch (e) {
        error = {
          orm: e instanceof OrmError,
          code: (e as any).code,
          details: (e as any).details,
          message: (e as any).message,
        };
      }
      const rows = await ctx.db.query('labels').collect();
      const buckets = await (ctx.db as any).query('aggregate_bucket').collect();
      return {
        error,
        rowSizes: rows.map((d) => getDocumentSize(d)),
        oversized: [...rows, ...buckets].map((d) => getDocumentSize(d)).filter((size) => size > MiB),
      };
    });
    expect(out.rowSizes.every((size) => size <= MiB)).toBe(true);
    // Convex refuses a document over 1 MiB (convex-test does not check sizes): the ORM must not write one.
    expect(out.oversized, JSON.stringify(out.error)).toEqual([]);
    expect(out.rowSizes.length + (out.error ? 1 : 0)).toBe(1);
    // The bucket's exact size as written ({table, index, k0, shard, count, sums} and system fields).
    expect(out.error).toMatchObject({
      orm: true,
      code: 'VALIDATION',
      details: { index: 'labels_by_title', key: ['title'], documentBytes: 1_048_605, limit: MiB },
    });
    expect((out.error as { message: string }).message).toMatch(
      /aggregate index "labels_by_title" of "labels" \(keyed on "title"\)/,
    );
  });

  it('a safe_bypass migration patch to such a key: VALIDATION before the row is patched', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run((ctx) => backfillNext(ctx.db as never, [...orm.schema.schema.registry.tables.values()], 10));
    await t.run((ctx) => orm.db(ctx).insert(labels).values({ title: 'short' }));
    const out = await t.run(async (ctx) => {
      const [old] = await ctx.db.query('labels').collect();
      const changes = { title: 'x'.repeat(MiB - 71 - 40 - 2) };
      const write = { table: 'labels', id: old!._id, old: old!, changes, writeMode: 'safe_bypass' as const };
      const error = await writePatch({ db: ctx.db }, { schema: orm.schema, db: orm.db(ctx) }, write).then(
        () => null,
        (e) => ({ orm: e instanceof OrmError, code: (e as any).code, index: (e as any).details?.index }),
      );
      const rows = await ctx.db.query('labels').collect();
      return { error, titles: rows.map((row) => row.title.length) };
    });
    expect(out).toEqual({ error: { orm: true, code: 'VALIDATION', index: 'labels_by_title' }, titles: [5] });
  });
});
