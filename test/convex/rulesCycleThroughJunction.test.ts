import { convexTest, type TestConvex } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { groups, posts, relations, users, usersToGroups } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules, eq, type OrmWriter, type RulesOf } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';

// Rules that refer to each other are refused (`RELATION_CONFIG`, "The rules recurse") when the cycle
// runs through relation filters: users.read -> memberships -> usersToGroups.read -> user -> users.read.
// The same cycle through a many-to-many relation's junction (users.read filters on `groups`, through
// usersToGroups, whose read rule filters on `user`) is refused too, though the junction's read rule is
// applied when the links are read, not in the relation filter's node: evaluated, it would judge one
// user's links by the user's rule without end, until the relation filter reads the keys with matching
// rows at once (relationExists) and that read, judging its own links, waits on itself, a query that
// never settles. Every read path reaching the cycle (queries, loads, _count, pages, joins, explain())
// rejects typed; a hang fails here within a bounded wait.

type Db = OrmWriter<typeof relations>;
type Rules = RulesOf<typeof relations, unknown>;
type Orm = ReturnType<typeof createOrm<typeof relations>>;

/**
 * What `run` comes to in a transaction: `CODE: message`, 'resolved', or 'still pending'
 * when it has not settled after two seconds (a hang fails the test rather than timing out the
 * suite). The timer runs outside the transaction, where Convex allows none.
 */
async function outcome(t: TestConvex<typeof schema>, orm: Orm, run: (db: Db) => unknown): Promise<string> {
  const settled = t.run(async (ctx) => {
    try {
      await run(orm.db(ctx as MutationCtx));
      return 'resolved';
    } catch (error) {
      return `${(error as { code?: string }).code}: ${(error as Error).message}`;
    }
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('still pending'), 2_000);
  });
  try {
    return await Promise.race([settled, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Ann, in the staff group, with a post: every read path below has rows to judge. */
async function world() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    const db = createOrm({ relations }).db(ctx as MutationCtx);
    const [ann] = await db
      .insert(users)
      .values([{ name: 'ann', email: 'ann@x' }])
      .returning({ _id: users._id });
    const [staff] = await db
      .insert(groups)
      .values([{ name: 'staff' }])
      .returning({ _id: groups._id });
    await db.insert(usersToGroups).values([{ userId: ann!._id, groupId: staff!._id }]);
    await db.insert(posts).values([{ title: 'hello', authorId: ann!._id }]);
  });
  return t;
}

const reads: [string, (db: Db) => unknown][] = [
  ['users findMany', (db) => db.query.users.findMany({ columns: { name: true } })],
  ['users with groups', (db) => db.query.users.findMany({ with: { groups: true } })],
  ['users _count groups', (db) => db.query.users.findMany({ _count: { groups: true } })],
  ['users paginate', (db) => db.query.users.paginate({ numItems: 10, cursor: null })],
  ['users where groups', (db) => db.query.users.findMany({ where: { groups: { name: 'staff' } } })],
  ['posts with author.groups', (db) => db.query.posts.findMany({ with: { author: { with: { groups: true } } } })],
  ['posts where author.groups', (db) => db.query.posts.findMany({ where: { author: { groups: { name: 'staff' } } } })],
  ['junction findMany', (db) => db.query.usersToGroups.findMany()],
  ['groups with memberships', (db) => db.query.groups.findMany({ with: { memberships: true } })],
  ['groups where memberships', (db) => db.query.groups.findMany({ where: { memberships: true } })],
  [
    'select junction join users',
    (db) =>
      db
        .select({ user: users.name, group: usersToGroups.groupId })
        .from(usersToGroups)
        .innerJoin(users, eq(users._id, usersToGroups.userId)),
  ],
  [
    'select groups join junction',
    (db) =>
      db
        .select({ group: groups.name, user: usersToGroups.userId })
        .from(groups)
        .leftJoin(usersToGroups, eq(usersToGroups.groupId, groups._id)),
  ],
  ['users explain', (db) => db.query.users.findMany({ with: { groups: true } }).explain()],
  ['junction explain', (db) => db.query.usersToGroups.findMany().explain()],
  ['groups with memberships explain', (db) => db.query.groups.findMany({ with: { memberships: true } }).explain()],
  [
    'select explain',
    (db) =>
      db
        .select({ user: users.name })
        .from(usersToGroups)
        .innerJoin(users, eq(users._id, usersToGroups.userId))
        .explain(),
  ],
];

/** Rules with a cycle through the junction's read rule, and the reads that never reach it (they pass). */
const cycles: [string, Rules, string[]][] = [
  [
    'users.read on groups, junction.read on user',
    { users: { read: { groups: { name: 'staff' } } }, usersToGroups: { read: { user: true } } },
    [],
  ],
  [
    'the same, the grant under NOT',
    { users: { read: { NOT: { groups: { name: 'banned' } } } }, usersToGroups: { read: { user: true } } },
    [],
  ],
  // The junction's own rule reaches itself through its user's groups; users has no rule.
  [
    'junction.read on user.groups',
    { usersToGroups: { read: { user: { groups: { name: 'staff' } } } } },
    ['users findMany', 'users paginate'],
  ],
];

describe('a rules cycle through a junction read rule', () => {
  for (const [name, rules, unreached] of cycles) {
    it(`${name}: every read path reaching it rejects with RELATION_CONFIG (the rules recurse), none hangs`, async () => {
      const orm = createOrm({ relations, rules: defineRules(relations, () => rules), cursorSecret: CURSOR_SECRET });
      const results: Record<string, string> = {};
      // Each read in a world of its own: convex-test runs one transaction at a time, so a hang would hold up the rest.
      for (const [read, run] of reads) results[read] = (await outcome(await world(), orm, run)).replace(/:.*/s, '');
      const expected = (read: string) => (unreached.includes(read) ? 'resolved' : 'RELATION_CONFIG');
      expect(results).toEqual(Object.fromEntries(reads.map(([read]) => [read, expected(read)])));
    }, 60_000);
  }

  it('the message names the cycle through the junction', async () => {
    const t = await world();
    const orm = createOrm({ relations, rules: defineRules(relations, () => cycles[0]![1]) });
    const message = await outcome(t, orm, (db) => db.query.users.findMany({ columns: { name: true } }));
    expect(message).toMatch(/^RELATION_CONFIG: The rules recurse: the "read" rule of "users" is reached again/);
    expect(message).toContain('users.read -> usersToGroups.read');
  });

  it('the same cycle through the junction relation itself is refused (for comparison)', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const orm = createOrm({
      relations,
      rules: defineRules(relations, () => ({
        users: { read: { memberships: { group: { name: 'staff' } } } },
        usersToGroups: { read: { user: true } },
      })),
    });
    const code = await t.run((ctx) =>
      orm
        .db(ctx as MutationCtx)
        .query.users.findMany()
        .then(
          () => 'resolved',
          (error: { code?: string }) => error.code ?? 'no code',
        ),
    );
    expect(code).toBe('RELATION_CONFIG');
  });
});
