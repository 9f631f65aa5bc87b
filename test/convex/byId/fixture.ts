import { countReads } from '../../../src/testing/index';
import { backend, orm } from '../unionRead/fixture';

/** A backend holding `n` items (`a: 'x'`, `n: i % 4`), read by id in the tests of this folder. */
export async function seeded(n: number) {
  const t = backend();
  await t.run(async (ctx: any) => {
    for (let i = 0; i < n; i++) await ctx.db.insert('items', { a: 'x', n: i % 4 });
  });
  return t;
}

/**
 * The items' ids in by_id order (`direction`), the ids `findMany(config(ids))` returns (or its
 * error as `CODE: message`), the documents it read, and its `explain()`.
 */
export function runById(
  t: Awaited<ReturnType<typeof seeded>>,
  config: (ids: string[]) => any,
  direction: 'asc' | 'desc' = 'asc',
) {
  return t.run(async (raw: any) => {
    const ids = (await raw.db.query('items').withIndex('by_id').order(direction).collect()).map((r: any) => r._id);
    const { ctx, reads } = countReads(raw);
    const outcome = await (orm.db(ctx).query.items.findMany as any)(config(ids)).then(
      (rows: any[]) => rows.map((r: any) => r._id),
      (error: any) => `${error.code}: ${error.message}`,
    );
    const explain = (orm.db(raw).query.items.findMany as any)(config(ids)).explain();
    return { ids, outcome, documents: reads.documents, explain };
  });
}
