// The keyset page `where _id > last, orderBy _id, limit n` reads by_id from `last` on, about n
// documents however deep, through db.select too (Drizzle's own spelling: gt(t._id, last),
// asc(t._id)) and through a prepared query whose bound is a placeholder.
import { describe, expect, it } from 'vitest';
import { asc, gt, placeholder } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { items, orm } from '../unionRead/fixture';
import { seeded } from './fixture';

const outcome = (p: Promise<any[]>) =>
  p.then(
    (rows) => rows.map((r: any) => r._id ?? r.id),
    (error: any) => `${error.code}: ${error.message}`,
  );

describe('keyset page by _id through other read paths', () => {
  it('db.select().where(gt(_id, last)).orderBy(asc(_id)).limit(5) at row 180 of 200', async () => {
    const t = await seeded(200);
    const out = await t.run(async (raw: any) => {
      const ids = (await raw.db.query('items').withIndex('by_id').collect()).map((r: any) => r._id);
      const { ctx, reads } = countReads(raw);
      const got = await outcome(
        (orm.db(ctx).select({ id: items._id }).from(items) as any)
          .where(gt(items._id, ids[179]))
          .orderBy(asc(items._id))
          .limit(5),
      );
      return { got, want: ids.slice(180, 185), documents: reads.documents };
    });
    expect(out.got).toEqual(out.want);
    expect(out.documents).toBeLessThanOrEqual(10);
  });

  it('a prepared findMany with the bound as a placeholder', async () => {
    const t = await seeded(200);
    const prepared = (orm.query.items.findMany as any)({
      where: { _id: { gt: placeholder('last') } },
      orderBy: { _id: 'asc' },
      limit: 5,
    }).prepare('keyset');
    const out = await t.run(async (raw: any) => {
      const ids = (await raw.db.query('items').withIndex('by_id').collect()).map((r: any) => r._id);
      const { ctx, reads } = countReads(raw);
      const got = await outcome(prepared.execute(ctx, { last: ids[179] }));
      return { got, want: ids.slice(180, 185), documents: reads.documents };
    });
    expect(out.got).toEqual(out.want);
    expect(out.documents).toBeLessThanOrEqual(10);
  });
});
