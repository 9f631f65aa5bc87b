// @vitest-environment node
/**
 * Relational queries under rules return what Postgres row-level security returns: docs/rules.md
 * says rules hide rows "everywhere", and a rule's relation filters see the rows the caller may
 * read, as Postgres policies' subqueries do under RLS. Here the same read policies run on PGlite
 * (a role without BYPASSRLS) and as convex-orm rules, over the differential fixture, and 150
 * queries of the differential's generator (scenarios/queries/generated.ts: nested `with` three
 * levels deep with per-level where / orderBy / limit / offset / columns, relation filters with
 * NOT / OR / AND, through relations), as findMany, findFirst and pages, must return the same rows
 * on both, on Convex's own limits and with the index ranges lowered so that loads and relation
 * filters read key spans.
 *
 * Policies: posts with a publishedAt; comments not 'Hmm' on a post (visible) not titled
 * 'Second post'; users verified or admin; groups not named 'Readers'; usersToGroups rows whose
 * user is visible.
 */
import { createOrm, defineRules } from 'convex-orm';
import { beforeAll, expect, it } from 'vitest';
import { bootConvex, type IdMap, relations } from './fixture/convex.js';
import { bootDrizzle, type DrizzleDb } from './fixture/drizzle.js';
import type { TableKey } from './fixture/seed.js';
import type { ConvexTest } from './harness/convexSide.js';
import { runDrizzleQuery } from './harness/drizzleSide.js';
import type { QueryScenario } from './harness/neutral.js';
import { normalizeConvex, type Outcome, outcome } from './harness/normalize.js';
import { toConvexConfig } from './harness/translate.js';
import { generator } from './scenarios/queries/generated.js';

let drizzleDb: DrizzleDb;
let convex: { t: ConvexTest; idMap: IdMap };
beforeAll(async () => {
  const booted = await bootDrizzle();
  drizzleDb = booted.db;
  await booted.client.exec(`
create role app;
grant select on all tables in schema public to app;
alter table posts enable row level security;
create policy r on posts for select using ("publishedAt" is not null);
alter table comments enable row level security;
create policy r on comments for select using (body <> 'Hmm' and exists (select 1 from posts p where p.id = "postId" and p.title <> 'Second post'));
alter table users enable row level security;
create policy r on users for select using (verified or role = 'admin');
alter table groups enable row level security;
create policy r on groups for select using (name <> 'Readers');
alter table "usersToGroups" enable row level security;
create policy r on "usersToGroups" for select using (exists (select 1 from users u where u.id = "userId"));
set role app;`);
  convex = await bootConvex();
}, 60_000);

const rules = defineRules(relations, () => ({
  posts: { read: { publishedAt: { isNotNull: true } } },
  comments: { read: { body: { ne: 'Hmm' }, post: { title: { ne: 'Second post' } } } },
  users: { read: { OR: [{ verified: true }, { role: 'admin' }] } },
  groups: { read: { name: { ne: 'Readers' } } },
  usersToGroups: { read: { user: true } },
}));
const cursorSecret = 'review-relations2-cursor-secret-0123456789';
const orms = {
  convexLimits: createOrm({ relations, rules, cursorSecret }),
  tenRanges: createOrm({ relations, rules, cursorSecret, transactionBudget: { indexRanges: 10 } }),
  sixteenRanges: createOrm({ relations, rules, cursorSecret, transactionBudget: { indexRanges: 16 } }),
};

async function runConvex(orm: (typeof orms)[keyof typeof orms], scenario: QueryScenario): Promise<Outcome> {
  const config = toConvexConfig(scenario.table, scenario.config, convex.idMap) as never;
  const call = (method: string, ...args: unknown[]) =>
    convex.t.run(async (ctx) => {
      const query = (orm.db(ctx).query as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[
        scenario.table
      ]!;
      return (await query[method]!(...args)) as never;
    });
  const result = await outcome(async () => {
    if (scenario.method !== 'paginate') return call(scenario.method, config);
    const rows: unknown[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page = (await call('paginate', { numItems: scenario.pageSize, cursor }, config)) as {
        page: unknown[];
        isDone: boolean;
        continueCursor: string;
      };
      rows.push(...page.page);
      if (page.isDone) return rows;
      cursor = page.continueCursor;
    }
    throw new Error('paginate never reported isDone');
  });
  if (result.error !== undefined) return result;
  return {
    value: normalizeConvex(result.value, convex.idMap.toLogical, { table: scenario.table, config: scenario.config }),
  };
}

it('150 generated relational queries read the same rows under rules as under Postgres RLS', async () => {
  const mismatches: string[] = [];
  let compared = 0;
  const tables: TableKey[] = ['users', 'posts', 'groups', 'comments', 'usersToGroups'];
  for (let seed = 1; seed <= 150; seed++) {
    const { level, pick } = generator(seed);
    const table = pick(tables);
    const config = level(table, 0, true);
    const method = pick(['findMany', 'findMany', 'findFirst', 'paginate'] as const);
    if (method === 'findFirst') delete config.limit;
    if (method === 'paginate') {
      // Pages need an index order: no relation order, no _id filter (read by id, in no index order).
      delete config.limit;
      delete config.offset;
      config.orderBy = { id: pick(['asc', 'desc']) };
      if (JSON.stringify(config.where ?? {}).includes('"id"')) continue;
    }
    const scenario: QueryScenario = { name: `seed ${seed}`, table, method, config, pageSize: pick([1, 2, 3]) };
    const drizzle = await runDrizzleQuery(drizzleDb, scenario);
    if (drizzle.error !== undefined) continue;
    // findFirst of no row: Drizzle gives undefined, convex-orm null (documented).
    if (method === 'findFirst' && (drizzle.value === null || drizzle.value === '<undefined>')) continue;
    for (const [name, orm] of Object.entries(orms)) {
      const result = await runConvex(orm, scenario);
      // Lowered limits may refuse a query outright; that is no wrong row.
      if (name !== 'convexLimits' && result.error !== undefined && /index ranges|scan budget/i.test(result.error))
        continue;
      compared++;
      if (JSON.stringify(result) !== JSON.stringify(drizzle)) {
        mismatches.push(`${name} ${scenario.name} ${table}.${method} ${JSON.stringify(config)}`);
      }
    }
  }
  expect(mismatches).toEqual([]);
  expect(compared).toBeGreaterThan(300);
}, 120_000);
