// Under `defaultDeny`, a junction table with no rules entry (docs/rules.md: such a junction "fails
// the load, and a relation filter through it, with RULE_VIOLATION, as a direct read of it does";
// a statement under defaultDeny fails so before it reads a row, whatever its rows turn out to be).
// The junction's rule is made when the query is parsed, so `_count` through it is refused by
// explain() as by the run, and a `with` load through it rejects whatever the parents, as a load of
// a denied target table does and as explain() says.
import { expect, it } from 'vitest';
import { createOrm, defineRules } from '../../../src/index';
import { relations, world } from './worldFixture';

// users, posts and tags are readable; the postTags junction has no entry, so defaultDeny denies it.
const deny = createOrm({
  relations,
  rules: defineRules(relations, () => ({ users: { read: {} }, posts: { read: {} }, tags: { read: {} } }), {
    defaultDeny: true,
  }),
});

// The same without a junction: users and postTags readable, posts denied; a load of posts rejects
// even when no user matches (passes today, the behaviour the through load should share).
const denyPosts = createOrm({
  relations,
  rules: defineRules(relations, () => ({ users: { read: {} }, tags: { read: {} }, postTags: { read: {} } }), {
    defaultDeny: true,
  }),
});

const outcome = async (q: PromiseLike<unknown>) =>
  q.then(
    () => 'resolved',
    (e: { code?: string }) => e.code,
  );
const explained = (q: { explain(): unknown }) => {
  try {
    q.explain();
    return 'explained';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

it('_count through a denied junction: explain() refuses as the run does', async () => {
  const { t } = await world();
  const out = await t.run(async (ctx) => {
    const db = deny.db(ctx);
    const q = () => db.query.posts.findMany({ limit: 2, _count: { tags: true } } as never);
    return { run: await outcome(q()), explain: explained(q()) };
  });
  expect(out.run).toBe('RULE_VIOLATION');
  expect(out.explain).toBe(out.run);
});

it('a with load through a denied junction rejects whatever the parents, as explain() says', async () => {
  const { t } = await world();
  const out = await t.run(async (ctx) => {
    const db = deny.db(ctx);
    const none = () => db.query.posts.findMany({ where: { title: 'no such title' }, with: { tags: true } });
    const some = () => db.query.posts.findMany({ limit: 1, with: { tags: true } });
    const direct = () =>
      denyPosts.db(ctx).query.users.findMany({ where: { email: 'no such email' }, with: { posts: true } });
    return {
      directNone: await outcome(direct()),
      explainNone: explained(none()),
      runSome: await outcome(some()),
      runNone: await outcome(none()),
    };
  });
  expect(out.directNone).toBe('RULE_VIOLATION');
  expect(out.explainNone).toBe('RULE_VIOLATION');
  expect(out.runSome).toBe('RULE_VIOLATION');
  expect(out.runNone).toBe('RULE_VIOLATION');
});
