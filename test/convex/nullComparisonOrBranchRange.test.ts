import type { PaginationResult } from 'convex/server';
import { createOrm, defineRules, isOrmError } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schema, { relations } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// docs/queries.md ("How a query reads"): a condition no row passes (a comparison with null, its
// NOT, `notIn` a list holding null) "as a branch of an `OR` adds nothing", as `in: []` adds
// nothing (`OR: [{ age: { in: [] } }, { email }]` reads the email index). The fix (6231314) drops
// such a branch only where the OR is a same-field equality (equalityOf in
// src/planner/conditions.ts); beside a range condition (`ne`, `gt`, `like 'x%'`, `notIn`) the OR
// stays whole, is no range, and becomes the residual of a full scan: every row read, and under
// `strict` FULL_SCAN_FORBIDDEN, where the same OR with `in: []` reads the index range.

const reason = (error: unknown) => (isOrmError(error) ? error.code : String(error));

describe('an OR branch no row passes adds nothing beside a range condition either', () => {
  it('OR: [{ priority: { eq: null } }, { done: { ne: true } }] reads as { done: { ne: true } } does', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 6; i++) {
        await ctx.db.insert('todos', { title: `t${i}`, done: i < 4, ...(i % 2 ? { priority: 'high' as const } : {}) });
      }
    });
    const orm = createOrm({ relations });
    const strict = createOrm({ relations, strict: true });
    const wheres = {
      inEmpty: { OR: [{ priority: { in: [] } }, { done: { ne: true } }] },
      eqNull: { OR: [{ priority: { eq: null as never } }, { done: { ne: true } }] },
      notInNull: { OR: [{ priority: { notIn: ['low', null as never] } }, { done: { ne: true } }] },
    };
    const out = await t.run(async (raw) => {
      const result: Record<string, unknown> = {};
      for (const [name, where] of Object.entries(wheres)) {
        const { ctx, reads } = countReads(raw);
        const rows = await orm.db(ctx).query.todos.findMany({ where: where as never, columns: { title: true } });
        const underStrict = await strict
          .db(raw)
          .query.todos.findMany({ where: where as never, columns: { title: true } })
          .then((found) => found.length, reason);
        result[name] = { rows: rows.length, reads: { ...reads }, strict: underStrict };
      }
      return result;
    });
    // by_done: the ranges done < true and done > true, 2 rows.
    const asRange = { rows: 2, reads: { documents: 2, ranges: 2 }, strict: 2 };
    // Observed for eqNull and notInNull: { rows: 2, reads: { documents: 6, ranges: 1 }, strict: 'FULL_SCAN_FORBIDDEN' }.
    expect(out).toEqual({ inEmpty: asRange, eqNull: asRange, notInNull: asRange });
  });

  it('explain(), count, a page walk and a rule read the range too; under NOT the OR stays whole', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 6; i++) {
        await ctx.db.insert('todos', { title: `t${i}`, done: i < 4, ...(i % 2 ? { priority: 'high' as const } : {}) });
      }
    });
    const where = { OR: [{ priority: { eq: null as never } }, { done: { ne: true } }] };
    const orm = createOrm({ relations });
    // A rule's OR with a viewer's value that is null (an anonymous caller) is such an OR too.
    const ruled = createOrm({
      relations,
      strict: true,
      rules: defineRules(relations, () => ({ todos: { read: where } })),
    });
    const out = await t.run(async (raw) => {
      const db = orm.db(raw);
      const { read, index, ranges, residual, fullScan } = db.query.todos.findMany({ where }).explain();
      const titles: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 4; page++) {
        const result: PaginationResult<{ title: string }> = await db.query.todos.paginate(
          { numItems: 1, cursor },
          { where, columns: { title: true } },
        );
        titles.push(...result.page.map((row) => row.title));
        if (result.isDone) break;
        cursor = result.continueCursor;
      }
      const { ctx, reads } = countReads(raw);
      const underRule = await ruled.db(ctx).query.todos.findMany({ columns: { title: true } });
      return {
        explain: { read, index, ranges, residual, fullScan },
        count: await db.query.todos.count({ where }),
        titles,
        rule: { rows: underRule.length, reads: { ...reads } },
        // NOT (priority = NULL OR done <> true) is UNKNOWN or FALSE for every row: `NOT (done <> true)`
        // would pass the four done ones.
        not: (await db.query.todos.findMany({ where: { NOT: where } })).length,
      };
    });
    expect(out).toEqual({
      explain: {
        read: 'index',
        index: 'by_done',
        ranges: ['done > null, done < true', 'done > true'],
        residual: null,
        fullScan: false,
      },
      count: 2,
      titles: ['t4', 't5'],
      rule: { rows: 2, reads: { documents: 2, ranges: 2 } },
      not: 0,
    });
  });
});
