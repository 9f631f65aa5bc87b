// Shared schema and data of explainUnionsSearchJunctionsMatchReads and the matching-nothing tests: users (unions over by_email / by_age, a
// search index), soft-deleted posts (an aggregate index, a search index), tags and the postTags
// junction, plain and under tenant read rules, strict or not.
import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  id,
  index,
  integer,
  searchIndex,
  text,
  textEnum,
  timestamp,
} from '../../../src/index';
import { showValue } from '../../../src/planner/describe';
import { logged as fixtureLogged, type Opened } from '../../convex/explain/fixture';
import { seededRandom } from '../../seededRandom';

export type { Opened };

/** The fixture's logger, and a search's filter expression recorded as its range: `search title "intro", status = "live"`. */
export function logged(db: any, log: Opened[]): any {
  const inner = fixtureLogged(db, log);
  return new Proxy(inner, {
    get(target, key) {
      const v = target[key];
      if (key !== 'query') return typeof v === 'function' ? v.bind(target) : v;
      return (table: string) => {
        const q = v.call(target, table);
        return new Proxy(q, {
          get(t2, k2) {
            const f = t2[k2];
            if (k2 !== 'withSearchIndex') return typeof f === 'function' ? f.bind(t2) : f;
            return (name: string, build: (b: any) => any) => {
              const r = f.call(t2, name, (b: any) => {
                const parts: string[] = [];
                const wrap = (x: any): any =>
                  new Proxy(x, {
                    get(t3, k3) {
                      const g = t3[k3];
                      if (k3 === 'search' || k3 === 'eq')
                        return (field: string, value: any) => {
                          parts.push(
                            k3 === 'search' ? `search ${field} ${showValue(value)}` : `${field} = ${showValue(value)}`,
                          );
                          return wrap(g.call(t3, field, value));
                        };
                      return typeof g === 'function' ? g.bind(t3) : g;
                    },
                  });
                const out = build(wrap(b));
                (log[log.length - 1] as { range: string }).range = parts.join(', ');
                return out;
              });
              return r;
            };
          },
        });
      };
    },
  });
}

export const users = convexTable(
  'users',
  {
    name: text().notNull(),
    email: text().notNull(),
    role: textEnum(['admin', 'member']).notNull(),
    age: integer(),
    tenant: text().notNull(),
  },
  (t) => [
    index('by_email').on(t.email),
    index('by_age').on(t.age),
    index('by_tenant_age').on(t.tenant, t.age),
    searchIndex('search_name').on(t.name).filter(t.tenant, t.role),
  ],
);
export const posts = convexTable(
  'posts',
  {
    authorId: id('users').notNull(),
    title: text().notNull(),
    score: integer().notNull(),
    status: textEnum(['draft', 'live']).notNull(),
    tenant: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_author').on(t.authorId, t.score),
    index('by_status').on(t.status, t.score),
    index('by_tenant').on(t.tenant),
    index('by_deleted').on(t.deletedAt),
    deletion('soft', { column: t.deletedAt }),
    aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.score),
    searchIndex('search_title').on(t.title).filter(t.status, t.authorId),
  ],
);
export const tags = convexTable('tags', { label: text().notNull(), tenant: text().notNull() }, (t) => [
  index('by_label').on(t.label),
]);
export const postTags = convexTable(
  'postTags',
  { postId: id('posts').notNull(), tagId: id('tags').notNull(), tenant: text().notNull() },
  (t) => [index('by_post').on(t.postId, t.tagId), index('by_tag').on(t.tagId)],
);
export const tables = { users, posts, tags, postTags };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }),
    tags: r.many.tags({ from: r.posts._id.through(r.postTags.postId), to: r.tags._id.through(r.postTags.tagId) }),
    links: r.many.postTags({ from: r.posts._id, to: r.postTags.postId }),
  },
  tags: {
    posts: r.many.posts({ from: r.tags._id.through(r.postTags.tagId), to: r.posts._id.through(r.postTags.postId) }),
  },
  postTags: {
    post: r.one.posts({ from: r.postTags.postId, to: r.posts._id, optional: false }),
    tag: r.one.tags({ from: r.postTags.tagId, to: r.tags._id, optional: false }),
  },
}));
export const plain = createOrm({ relations });
export const ruled = createOrm({
  relations,
  rules: defineRules(relations, () => ({
    users: { read: { tenant: 'acme' } },
    posts: { read: { tenant: 'acme' } },
    tags: { read: { tenant: 'acme' } },
    postTags: { read: { tenant: 'acme' } },
  })),
});
export const strictPlain = createOrm({ relations, strict: true });
export const strictRuled = createOrm({
  relations,
  strict: true,
  rules: defineRules(relations, () => ({
    users: { read: { tenant: 'acme' } },
    posts: { read: { tenant: 'acme' } },
    tags: { read: { tenant: 'acme' } },
    postTags: { read: { tenant: 'acme' } },
  })),
});
export const TENANTS = ['acme', 'beta'] as const;

export async function world(seed = 3) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const ids = await t.run(async (ctx) => {
    const userIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = random();
      userIds.push(
        await ctx.db.insert('users', {
          name: `user ${pick(['ann', 'bob', 'cy'])} ${i}`,
          email: `u${i}@x`,
          role: pick(['admin', 'member'] as const),
          tenant: pick(TENANTS),
          ...(r < 0.2 ? {} : r < 0.3 ? { age: null } : { age: 20 + Math.floor(random() * 10) }),
        }),
      );
    }
    const tagIds: string[] = [];
    for (let i = 0; i < 5; i++) tagIds.push(await ctx.db.insert('tags', { label: `t${i}`, tenant: pick(TENANTS) }));
    const postIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const d = random();
      const pid = await ctx.db.insert('posts', {
        authorId: pick(userIds) as never,
        title: `post ${pick(['intro', 'deep', 'misc'])} ${i}`,
        score: Math.floor(random() * 10),
        status: pick(['draft', 'live'] as const),
        tenant: pick(TENANTS),
        ...(d < 0.15 ? { deletedAt: 1000 + i } : {}),
      });
      postIds.push(pid);
      const n = Math.floor(random() * 3);
      for (let j = 0; j < n; j++)
        await ctx.db.insert('postTags', { postId: pid as never, tagId: pick(tagIds) as never, tenant: pick(TENANTS) });
    }
    return { userIds, tagIds, postIds };
  });
  return { t, ...ids };
}
