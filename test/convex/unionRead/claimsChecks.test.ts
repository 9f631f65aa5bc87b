// docs/queries.md (the union read of an OR across fields): checks of its numbers.
import { describe, expect, it } from 'vitest';
import { createOrm, eq, or } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { counted, orm, posts, relations, seeded } from '../readCosts/fixture';

describe('a branch only a range narrows keeps the OR residual', () => {
  it('OR: [{ score >= 10 }, { age >= 30 }] over 300 users: one read of 300 documents; the branches alone 539', async () => {
    const t = await seeded(300, 0);
    const out = await t.run(async (raw: any) => {
      const where = { OR: [{ score: { gte: 10 } }, { age: { gte: 30 } }] } as const;
      const whole = await counted(raw, (ctx) => orm.db(ctx).query.users.findMany({ where }));
      const a = await counted(raw, (ctx) => orm.db(ctx).query.users.findMany({ where: where.OR[0] }));
      const b = await counted(raw, (ctx) => orm.db(ctx).query.users.findMany({ where: where.OR[1] }));
      const explain = orm.db(raw).query.users.findMany({ where }).explain();
      return {
        n: whole.result.length,
        whole: whole.reads.documents,
        branches: a.reads.documents + b.reads.documents,
        explain,
      };
    });
    expect(out.explain.read).not.toBe('union');
    expect(out.whole).toBe(300);
    expect(out.branches).toBe(539);
  });

  it('OR: [{ score >= 290 }, { age: 25 }] stays residual', async () => {
    const t = await seeded(40, 0);
    const explain = await t.run(async (raw: any) =>
      orm
        .db(raw)
        .query.users.findMany({ where: { OR: [{ score: { gte: 290 } }, { age: 25 }] } })
        .explain(),
    );
    expect(explain.read).not.toBe('union');
  });
});

describe('a single read walking a range in its order to a limit is kept', () => {
  it('score >= 0 and OR [admin, age 25], orderBy score desc, limit 2: by_score walked, a few documents', async () => {
    const t = await seeded(300, 0);
    const out = await t.run(async (raw: any) => {
      const config = {
        where: { score: { gte: 0 }, OR: [{ role: 'admin' }, { age: 25 }] },
        orderBy: { score: 'desc' },
        limit: 2,
      } as const;
      const run = await counted(raw, (ctx) => orm.db(ctx).query.users.findMany(config));
      return {
        names: run.result.map((u: any) => u.name),
        reads: run.reads,
        explain: orm.db(raw).query.users.findMany(config).explain(),
      };
    });
    expect(out.explain).toMatchObject({ read: 'index', index: 'by_score' });
    expect(out.names).toEqual(['u296', 'u292']);
    expect(out.reads.documents).toBeLessThanOrEqual(8);
  });
});

describe("an update's where: the union even where the branches cannot merge, up to the row cap + 1", () => {
  async function scene(rowCap: number) {
    const t = await seeded(40, 5);
    return t.run(async (raw: any) => {
      const author = (await raw.db.query('users').collect()).find((u: any) => u.name === 'u7')._id;
      const filter = or(eq(posts.authorId, author), eq(posts.status, 'draft'));
      const { ctx, reads } = countReads(raw);
      const outcome = await createOrm({ relations })
        .db(ctx, { rowCap })
        .update(posts)
        .set({ views: -1 })
        .where(filter)
        .then(
          () => 'ok',
          (error: any) => error.code,
        );
      const written = (await raw.db.query('posts').collect()).filter((p: any) => p.views === -1).length;
      return { outcome, documents: reads.documents, written };
    });
  }

  it("the author's posts and the drafts (5 + 40 read, 44 matches), not every post (200)", async () => {
    const out = await scene(1000);
    expect(out).toEqual({ outcome: 'ok', documents: 45, written: 44 });
  });

  it('a row cap of exactly the matches (44, one reached by both branches) passes', async () => {
    const out = await scene(44);
    expect(out.outcome).toBe('ok');
    expect(out.written).toBe(44);
  });

  it('a row cap of 43: ROW_CAP_EXCEEDED, nothing written', async () => {
    const out = await scene(43);
    expect(out).toMatchObject({ outcome: 'ROW_CAP_EXCEEDED', written: 0 });
  });

  it('a row cap of 3 stops the read at 4 matches', async () => {
    const out = await scene(3);
    expect(out).toMatchObject({ outcome: 'ROW_CAP_EXCEEDED', written: 0 });
    expect(out.documents).toBeLessThanOrEqual(5);
  });
});
