import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenericId } from 'convex/values';
import { createOrm, defineRules } from 'convex-orm';
import { convexTest } from 'convex-test';
import schema, { relations } from '../example/convex/schema.js';
import { type Backend, moduleMap } from './backend.js';
import type { BenchConfig } from './config.js';
import type { BenchCtx } from './contender.js';
import { type BenchVariant, measureVariants, type RowChangeCell } from './rowChanges.js';

// Rules (issue 13): "my 20 latest posts" among `config.rulesPosts` posts of `config.users` users,
// `findMany({ orderBy: { publishedAt: 'desc' }, limit: 20 })` with no where of its own:
// - object rule `read: { authorId: viewer }`: joins the filter before planning, so the planner
//   reads the `by_author (authorId, publishedAt)` range backwards, as the floor does;
// - function rule `read: (row, ctx) => row.authorId === ctx.viewer`: a residual test, so the
//   query reads every post (the budget is raised to let it) and sorts them in memory.

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'example', 'convex');

type ViewerCtx = { viewer: GenericId<'users'> };
const objectRule = createOrm({
  relations,
  rules: defineRules(relations, (ctx: ViewerCtx) => ({ posts: { read: { authorId: ctx.viewer } } })),
});
const functionRule = createOrm({
  relations,
  rules: defineRules(relations, (_ctx: ViewerCtx) => ({
    posts: { read: (row, ruleCtx) => row.authorId === ruleCtx.viewer },
  })),
});

type Fixture = { viewer: GenericId<'users'> };
const viewerOf = (input: { fixture: unknown }) => (input.fixture as Fixture).viewer;
const asViewer = (ctx: BenchCtx, input: { fixture: unknown }) => ({ ...(ctx as any), viewer: viewerOf(input) });

const variants = (posts: number): BenchVariant<'floor' | 'object rule' | 'function rule'>[] => [
  {
    key: 'floor',
    fn: (ctx, input) =>
      (ctx.db as any)
        .query('posts')
        .withIndex('by_author', (q: any) => q.eq('authorId', viewerOf(input)))
        .order('desc')
        .take(20),
  },
  {
    key: 'object rule',
    fn: (ctx, input) =>
      objectRule.db(asViewer(ctx, input)).query.posts.findMany({ orderBy: { publishedAt: 'desc' }, limit: 20 }),
  },
  {
    key: 'function rule',
    fn: (ctx, input) =>
      functionRule
        .db(asViewer(ctx, input))
        .query.posts.findMany({ orderBy: { publishedAt: 'desc' }, limit: 20, scanBudget: posts + 1 }),
  },
];

/** `users` users and `posts` posts spread evenly over them, with distinct `publishedAt`; the viewer is the first user. */
async function backend(users: number, posts: number): Promise<{ t: Backend; ids: Fixture }> {
  const t = convexTest(schema, moduleMap(exampleDir));
  const viewer = await t.run(async (ctx) => {
    const ids: GenericId<'users'>[] = [];
    for (let i = 0; i < users; i++) {
      ids.push(await ctx.db.insert('users', { name: `u${i}`, email: `u${i}@x.dev`, role: 'member', verified: true }));
    }
    for (let i = 0; i < posts; i++) {
      await ctx.db.insert('posts', { title: `p${i}`, authorId: ids[i % users]!, publishedAt: i });
    }
    return ids[0]!;
  });
  return { t, ids: { viewer } };
}

export type RulesResults = { cells: Record<'floor' | 'object rule' | 'function rule', RowChangeCell>; posts: number };

/** Runs the rules workload: run 0 counted, runs 1..N timed and interleaved. */
export async function runRules(config: BenchConfig): Promise<RulesResults> {
  const cells = await measureVariants(
    variants(config.rulesPosts),
    config.runs,
    () => backend(config.users, config.rulesPosts),
    false,
  );
  return { cells, posts: config.rulesPosts };
}

const ratio = (value: number) => `${value.toFixed(2)}×`;

/** The markdown section of the results. */
export function renderRules(results: RulesResults, users: number): string[] {
  const { cells } = results;
  const row = (label: string, cell: RowChangeCell) =>
    `| ${label} | ${cell.counted.documents} | ${cell.counted.ranges} | ${cell.counted.rows} | ${cell.medianMs.toFixed(2)} ms (${ratio(cell.medianMs / cells.floor.medianMs)}) | ${cell.medianCpuMs.toFixed(2)} ms (${ratio(cell.medianCpuMs / cells.floor.medianCpuMs)}) |`;
  return [
    '## Rules: my 20 latest posts',
    '',
    `\`findMany({ orderBy: { publishedAt: 'desc' }, limit: 20 })\` among ${results.posts} posts of ${users} users, the rule saying which posts the viewer sees, against the floor reading \`by_author\` for the viewer backwards (\`take(20)\`):`,
    '',
    '| contender | documents read | ranges | rows returned | median wall (ratio) | median CPU (ratio) |',
    '|---|---:|---:|---:|---:|---:|',
    row('floor', cells.floor),
    row('rule `{ authorId: viewer }`', cells['object rule']),
    row('rule `(row, ctx) => row.authorId === ctx.viewer`', cells['function rule']),
    '',
  ];
}

/** The summary lines. */
export function rulesTargets(results: RulesResults): string[] {
  const { floor, 'object rule': object, 'function rule': fn } = results.cells;
  const wall = object.medianMs / floor.medianMs;
  const floorReads =
    object.counted.documents === floor.counted.documents && object.counted.ranges === floor.counted.ranges;
  return [
    `- rules (object rule): reads ${object.counted.documents}/${object.counted.ranges} vs the floor's ${floor.counted.documents}/${floor.counted.ranges} ${floorReads ? '✓' : '✗'}; ${ratio(wall)} the floor's wall time ${wall <= 1.2 ? '✓' : '✗ (target ≤ 1.20×)'}`,
    `- rules (function rule): reads ${fn.counted.documents}/${fn.counted.ranges}, ${ratio(fn.medianMs / floor.medianMs)} the floor's wall time`,
  ];
}
