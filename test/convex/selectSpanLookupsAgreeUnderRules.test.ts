import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  and,
  asc,
  convexTable,
  count,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  eq,
  gt,
  id,
  index,
  integer,
  max,
  text,
  timestamp,
} from '../../src/index';
import { countReads } from '../../src/testing/index';

// A select that reads every match looks a join's distinct keys up as one range over their span once
// the per-key lookups would take more than half the index ranges left (src/select/keyLookups.ts).
// Under every kind of read rule on the joined table (a relation filter, a function, a range, an
// equality on another indexed field), with soft delete and withDeleted(), the span gives the rows the
// per-key lookups give. Existing span tests (selectJoinKeySpan, selectJoinSpanReads) use no rule or
// one equality rule.
const users = convexTable('users', { name: text().notNull(), team: text().notNull() });
const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('users')
      .notNull()
      .references(() => users._id),
    team: text().notNull(),
    views: integer(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_author').on(t.authorId, t.views),
    index('by_team').on(t.team),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const schema = defineSchema({ users, posts });
const relations = defineRelations({ users, posts }, (r) => ({
  users: { posts: r.many.posts() },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));

const ruleSets = {
  none: undefined,
  relation: defineRules(relations, () => ({ posts: { read: { author: { name: { in: ['u0', 'u2', 'u5'] } } } } })),
  function: defineRules(relations, () => ({
    posts: { read: (row: { title: string }) => row.title.endsWith('1') || row.title.endsWith('2') },
  })),
  range: defineRules(relations, () => ({ posts: { read: { views: { gte: 3 } } } })),
  otherIndex: defineRules(relations, () => ({ posts: { read: { team: 'x' } } })),
};

type Db = ReturnType<ReturnType<typeof createOrm<typeof relations>>['db']>;
const queries: [string, (db: Db) => PromiseLike<unknown>][] = [
  [
    'leftJoin',
    (db) =>
      db
        .select({ n: users.name, t: posts.title })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .orderBy(asc(users.name), asc(posts.title)),
  ],
  [
    'innerJoin with a WHERE on the joined table',
    (db) =>
      db
        .select({ n: users.name, t: posts.title })
        .from(users)
        .innerJoin(posts, eq(posts.authorId, users._id))
        .where(gt(posts.views, 1))
        .orderBy(asc(users.name), asc(posts.title)),
  ],
  [
    'grouped, ON with a condition on the joined table',
    (db) =>
      db
        .select({ n: users.name, c: count(posts._id), most: max(posts.views) })
        .from(users)
        .leftJoin(posts, and(eq(posts.authorId, users._id), eq(posts.team, 'x')))
        .groupBy(users._id)
        .orderBy(asc(users.name)),
  ],
  [
    'grouped, withDeleted()',
    (db) =>
      db
        .select({ n: users.name, c: count(posts._id) })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .groupBy(users._id)
        .orderBy(asc(users.name))
        .withDeleted(),
  ],
];

describe('a join read over its keys span gives the rows per-key lookups give, under read rules', () => {
  for (const [ruleName, rules] of Object.entries(ruleSets)) {
    for (const [queryName, query] of queries) {
      it(`${ruleName} rule: ${queryName}`, async () => {
        const t = convexTest(schema, modules);
        await t.run(async (ctx) => {
          const db = createOrm({ relations }).db(ctx);
          const authors = await db
            .insert(users)
            .values(Array.from({ length: 8 }, (_, i) => ({ name: `u${i}`, team: i % 2 ? 'x' : 'y' })))
            .returning();
          await db.insert(posts).values(
            Array.from({ length: 40 }, (_, i) => ({
              title: `p${i}`,
              authorId: authors[i % 8]!._id,
              team: i % 3 ? 'x' : 'y',
              views: i % 5 === 0 ? null : i % 6,
              deletedAt: i % 9 === 0 ? 1 : null,
            })),
          );
        });
        const options = rules ? { relations, rules } : { relations };
        const perKey = createOrm(options);
        // 8 distinct keys are more than half of the 13 ranges left after the users read: one span.
        const span = createOrm({ ...options, transactionBudget: { indexRanges: 14 } });
        const run = (orm: typeof perKey) =>
          t.run(async (raw) => {
            const { ctx, reads } = countReads(raw);
            const rows = await query(orm.db(ctx));
            return { rows, ranges: reads.ranges };
          });
        const looked = await run(perKey);
        const spanned = await run(span);
        expect(spanned.rows).toEqual(looked.rows);
        expect(spanned.ranges).toBeLessThan(looked.ranges);
      });
    }
  }
});
