// An OR with one broad branch (pinning only a boolean or an enum) beside a narrow one is read as a
// union with a `limit` too, not an ordered walk of the whole table (src/planner/union.ts
// `readable`): for the rule shape docs/queries.md names, `{ OR: [{ owner: viewer }, { public: true
// }] }`, where few rows are the viewer's or public, `orderBy + limit 3` reads the union's 6
// documents, as without `limit`, and fits the scan budget the query without `limit` fits.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  integer,
  text,
} from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { CURSOR_SECRET } from '../cursorSecret';

const docs = convexTable(
  'docs',
  { owner: text().notNull(), public: boolean().notNull(), rank: integer().notNull() },
  (t) => [index('by_owner').on(t.owner), index('by_public').on(t.public), index('by_rank').on(t.rank)],
);
const tables = { docs };
const relations = defineRelations(tables, () => ({}));
const rules = defineRules(relations, async (ctx: any) => {
  const viewer = (await ctx.auth.getUserIdentity())?.subject ?? '';
  return { docs: { read: { OR: [{ owner: viewer }, { public: true }] } } };
});
const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });
const schema = defineSchema(tables);

async function world() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (raw: any) => {
    // 300 docs: 3 are mal's (ranks 7, 107, 207), 3 are public (50, 150, 250).
    for (let i = 0; i < 300; i++) {
      await raw.db.insert('docs', { owner: i % 100 === 7 ? 'mal' : `u${i}`, public: i % 100 === 50, rank: i });
    }
  });
  return t.withIdentity({ subject: 'mal' });
}

async function read(mal: any, config: any) {
  return mal.run(async (raw: any) => {
    const { ctx, reads } = countReads(raw);
    const outcome = await (orm.db(ctx).query.docs.findMany as any)(config).then(
      (rows: any[]) => rows.map((row: any) => row.rank),
      (error: any) => error.code,
    );
    return { outcome, documents: reads.documents };
  });
}

describe("a rule's OR of the viewer's rows and the public ones, orderBy + limit", () => {
  it('reads no more documents with a limit than without', async () => {
    const mal = await world();
    const all = await read(mal, { orderBy: { rank: 'desc' } });
    const limited = await read(mal, { orderBy: { rank: 'desc' }, limit: 3 });
    expect(all).toEqual({ outcome: [250, 207, 150, 107, 50, 7], documents: 6 });
    expect(limited.outcome).toEqual([250, 207, 150]);
    expect(limited.documents).toBeLessThanOrEqual(all.documents);
  });

  it('fits a scan budget the same query without limit fits', async () => {
    const mal = await world();
    const all = await read(mal, { orderBy: { rank: 'desc' }, scanBudget: 50 });
    const limited = await read(mal, { orderBy: { rank: 'desc' }, limit: 3, scanBudget: 50 });
    expect(all.outcome).toEqual([250, 207, 150, 107, 50, 7]);
    expect(limited.outcome).toEqual([250, 207, 150]);
  });
});
