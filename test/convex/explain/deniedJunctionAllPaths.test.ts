// docs/rules.md: "under `defaultDeny` a junction without a `read` rule
// fails the load, a `_count`, a relation filter or a relation `orderBy` through it with
// `RULE_VIOLATION`, as a direct read of it does: whatever the parent rows (none included), and
// `explain()` too". deniedJunction.test.ts pins a `with` load and a root
// `_count` with rows; this checks every path named, with no parent rows and with some, at the root
// and nested, and explain() of each.
import { expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { relations, world } from './worldFixture';

const deny = createOrm({
  relations,
  rules: defineRules(relations, () => ({ users: { read: {} }, posts: { read: {} }, tags: { read: {} } }), {
    defaultDeny: true,
  }),
});

const outcome = async (q: PromiseLike<unknown>) =>
  q.then(
    () => 'resolved',
    (e: { code?: string }) => e.code ?? String(e),
  );
const explained = async (q: { explain(): unknown }) => {
  try {
    await q.explain();
    return 'explained';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

it('every path through a denied junction rejects, rows or none, and explain() says so', async () => {
  const { t } = await world();
  const out = await t.run(async (ctx) => {
    const db = deny.db(ctx) as any;
    const res: Record<string, unknown> = {};
    for (const [rows, where] of [
      ['none', { title: 'no such title' }],
      ['some', {}],
    ] as const) {
      const configs: Record<string, () => any> = {
        count: () => db.query.posts.findMany({ where, limit: 3, _count: { tags: true } }),
        filter: () => db.query.posts.findMany({ where: { ...where, tags: true }, limit: 3 }),
        filterNot: () => db.query.posts.findMany({ where: { ...where, NOT: { tags: { label: 't1' } } }, limit: 3 }),
        order: () => db.query.posts.findMany({ where, orderBy: { tags: 'desc(count)' }, limit: 3 }),
        first: () => db.query.posts.findFirst({ where, with: { tags: true } }),
      };
      for (const [name, q] of Object.entries(configs)) {
        res[`${name}/${rows}/run`] = await outcome(q());
        res[`${name}/${rows}/explain`] = await explained(q());
      }
    }
    // Nested: users -> posts -> tags, with no user and with some.
    for (const [rows, where] of [
      ['none', { email: 'no such email' }],
      ['some', {}],
    ] as const) {
      const nested: Record<string, () => any> = {
        nestedWith: () => db.query.users.findMany({ where, limit: 2, with: { posts: { with: { tags: true } } } }),
        nestedCount: () => db.query.users.findMany({ where, limit: 2, with: { posts: { _count: { tags: true } } } }),
        nestedFilter: () => db.query.users.findMany({ where, limit: 2, with: { posts: { where: { tags: true } } } }),
        filterDeep: () => db.query.users.findMany({ where: { ...where, posts: { tags: true } }, limit: 2 }),
      };
      for (const [name, q] of Object.entries(nested)) {
        res[`${name}/${rows}/run`] = await outcome(q());
        res[`${name}/${rows}/explain`] = await explained(q());
      }
    }
    return res;
  });
  expect(Object.keys(out).length).toBe(36);
  const expected = Object.fromEntries(Object.keys(out).map((k) => [k, 'RULE_VIOLATION']));
  expect(out).toEqual(expected);
});
