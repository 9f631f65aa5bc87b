import { describe, expect, it } from 'vitest';
import { counted } from './fixture';
import { names, orm, ruled, seeded } from './relationShapesFixture';

// A load or count taking the rows a relation order read (src/query/heldRelatedRows.ts) gives what
// its own read gives: the rows the rules and soft delete leave, in the load's order and window.
// Each query is checked against the same load without the order (which reads on its own), row by
// row, and its reads against that query's plus nothing for the shared relation.

const byName = (rows: any[]) => Object.fromEntries(rows.map((row) => [row.name, row]));

describe('a load beside a relation order under rules and soft delete', () => {
  for (const [label, db, options] of [
    ['no rules', orm, {}],
    ['rules hiding secret posts', ruled, {}],
    ['rules, withDeleted', ruled, { withDeleted: true }],
  ] as const) {
    it(`${label}: the load and count equal their own reads, and read nothing more`, async () => {
      const t = await seeded();
      const out = await t.run(async (raw: any) => {
        const load = { posts: { orderBy: { views: 'desc' }, limit: 1, columns: { title: true } } } as const;
        const query = (ctx: any, config: object) => db.db(ctx).query.users.findMany({ ...options, ...config } as any);
        const ordered = await counted(raw, (ctx) =>
          query(ctx, { orderBy: { posts: 'desc(count)' }, with: load, _count: { posts: true } }),
        );
        const orderOnly = await counted(raw, (ctx) => query(ctx, { orderBy: { posts: 'desc(count)' } }));
        const own = await query(raw, { with: load, _count: { posts: true } });
        return { ordered, orderOnly, own };
      });
      const own = byName(out.own);
      expect(out.ordered.result.map((user: any) => own[user.name])).toEqual(out.ordered.result);
      expect(names(out.ordered.result)).toEqual(names(out.own));
      expect(out.ordered.reads).toEqual(out.orderOnly.reads);
    });
  }

  it('a path through two many relations: the inner load takes the rows the order read for it', async () => {
    const t = await seeded();
    const out = await t.run(async (raw: any) => {
      const load = { reports: { with: { posts: { columns: { title: true } } } } } as const;
      const ordered = await counted(raw, (ctx) =>
        ruled.db(ctx).query.users.findMany({ orderBy: { reports: { posts: 'desc(count)' } }, with: load }),
      );
      const orderOnly = await counted(raw, (ctx) =>
        ruled.db(ctx).query.users.findMany({ orderBy: { reports: { posts: 'desc(count)' } } }),
      );
      const own = await ruled.db(raw).query.users.findMany({ with: load });
      const explained = ruled
        .db(raw)
        .query.users.findMany({ orderBy: { reports: { posts: 'desc(count)' } }, with: load })
        .explain() as any;
      return { ordered, orderOnly, own, explained };
    });
    const own = byName(out.own);
    expect(out.ordered.result.map((user: any) => own[user.name])).toEqual(out.ordered.result);
    expect(out.ordered.reads).toEqual(out.orderOnly.reads);
    expect(out.explained.with.reports.fromEarlierRead).toMatch(
      /^for each parent key the query read the relation of before/,
    );
    expect(out.explained.with.reports.with.posts.fromEarlierRead).toMatch(
      /^for each parent key the query read the relation of before/,
    );
  });
});
