import { createOrm, type OrmError } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schema, { posts, relations } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { guide, missingBlocks, tsBlocks } from './guideBlocks';
import {
  documents,
  migrationRules,
  orm,
  ownerOnly,
  publicOrOwner,
  teamRelations,
  teamRules,
  teamSchema,
  teams,
  titleRules,
  users,
  usersToTeams,
} from './rules';

const codeOf = async (promise: PromiseLike<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return (error as OrmError).code;
  }
  return 'resolved';
};

/** Ada and Bob, each with a draft and a published post. */
async function seeded() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const user = (name: string) =>
      ctx.db.insert('users', { name, email: `${name}@x`, role: 'member', verified: false });
    const [ada, bob] = [await user('ada'), await user('bob')];
    for (const [authorId, name] of [
      [ada, 'ada'],
      [bob, 'bob'],
    ] as const) {
      await ctx.db.insert('posts', { title: `${name} draft`, authorId });
      await ctx.db.insert('posts', { title: `${name} published`, authorId, publishedAt: 1 });
    }
    return { ada, bob };
  });
  return { t, ...ids, ada_: t.withIdentity({ email: 'ada@x' }) };
}

const titles = (rows: { title: string }[]) => rows.map((row) => row.title).sort();

describe('docs/rules.md', () => {
  it('shows the type-checked rules.ts', () => {
    expect(tsBlocks(guide('rules'))).toHaveLength(6);
    expect(missingBlocks('rules', ['rules.ts'])).toEqual([]);
  });

  it('runs the first example: published posts or the viewer’s own, every user, nothing else', async () => {
    const { t, bob, ada_ } = await seeded();
    const anonymous = await t.run(async (ctx) => titles(await orm.db(ctx).query.posts.findMany()));
    expect(anonymous).toEqual(['ada published', 'bob published']);
    const asAda = await ada_.run(async (ctx) => {
      const db = orm.db(ctx);
      return {
        posts: titles(await db.query.posts.findMany()),
        users: await db.query.users.count(),
        insertAsBob: await codeOf(db.insert(posts).values({ title: 'forged', authorId: bob })),
        updated: titles(await db.update(posts).set({ publishedAt: 2 }).all().returning()),
        comments: await codeOf(db.query.comments.findMany()),
        bypass: await orm.db(ctx, { rules: false }).query.posts.count(),
      };
    });
    expect(asAda).toEqual({
      posts: ['ada draft', 'ada published', 'bob published'],
      users: 2,
      insertAsBob: 'RULE_VIOLATION',
      updated: ['ada draft', 'ada published'], // Bob's published post is not matched
      comments: 'RULE_VIOLATION', // defaultDeny: comments have no entry
      bypass: 4,
    });
  });

  it('runs the owner-only, public-or-owner and function-rule examples', async () => {
    const { bob, ada_ } = await seeded();
    const result = await ada_.run(async (ctx) => {
      const own = createOrm({ relations, rules: ownerOnly }).db(ctx);
      const open = createOrm({ relations, rules: publicOrOwner }).db(ctx);
      const [bobs] = await open.query.posts.findMany({ where: { authorId: bob, publishedAt: { isNotNull: true } } });
      await orm
        .db(ctx, { rules: false })
        .insert(posts)
        .values({ title: 'x'.repeat(200), authorId: bob, publishedAt: 1 });
      return {
        own: titles(await own.query.posts.findMany()),
        open: titles(await open.query.posts.findMany()),
        // a published post may not be changed into someone else's: the update matches Ada's only
        handOver: titles(await open.update(posts).set({ authorId: bob }).where({ title: 'bob published' }).returning()),
        takeOver: await codeOf(open.update(posts).set({ authorId: bob }).where({ title: 'ada published' })),
        bobsTitle: bobs!.title,
        short: await createOrm({ relations, rules: titleRules(false) })
          .db(ctx)
          .query.posts.count(),
        staff: await createOrm({ relations, rules: titleRules(true) })
          .db(ctx)
          .query.posts.count(),
      };
    });
    expect(result).toEqual({
      own: ['ada draft', 'ada published'],
      open: ['ada draft', 'ada published', 'bob published', 'x'.repeat(200)],
      handOver: [],
      takeOver: 'RULE_VIOLATION',
      bobsTitle: 'bob published',
      short: 4,
      staff: 5,
    });
  });

  it('runs the team example: members read their teams’ documents, editors insert', async () => {
    const t = convexTest(teamSchema, modules);
    const ada = await t.run(async (ctx) => {
      const db = createOrm({ relations: teamRelations }).db(ctx);
      const [ada] = await db.insert(users).values({ name: 'Ada' }).returning();
      const [edited, read, other] = await db
        .insert(teams)
        .values([{ name: 'e' }, { name: 'r' }, { name: 'o' }])
        .returning();
      await db.insert(usersToTeams).values([
        { userId: ada!._id, teamId: edited!._id, role: 'editor' },
        { userId: ada!._id, teamId: read!._id, role: 'reader' },
      ]);
      await db
        .insert(documents)
        .values([edited, read, other].map((team) => ({ teamId: team!._id, title: team!.name })));
      return { id: ada!._id, teams: [edited!._id, read!._id] as const };
    });
    const result = await t.withIdentity({ subject: ada.id }).run(async (ctx) => {
      const db = createOrm({ relations: teamRelations, rules: teamRules }).db(ctx);
      return {
        read: titles(await db.query.documents.findMany()),
        insertAsEditor: await codeOf(db.insert(documents).values({ teamId: ada.teams[0], title: 'e2' })),
        insertAsReader: await codeOf(db.insert(documents).values({ teamId: ada.teams[1], title: 'r2' })),
      };
    });
    expect(result).toEqual({ read: ['e', 'r'], insertAsEditor: 'resolved', insertAsReader: 'RULE_VIOLATION' });
  });

  it('gives a migration every post', async () => {
    const { t } = await seeded();
    const migration = { id: 'm', runId: 'r', direction: 'up' as const };
    const counts = await t.run(async (ctx) => ({
      migration: await createOrm({ relations, rules: migrationRules })
        .db({ ...ctx, migration } as never)
        .query.posts.count(),
      anonymous: await createOrm({ relations, rules: migrationRules }).db(ctx).query.posts.count(),
    }));
    expect(counts).toEqual({ migration: 4, anonymous: 0 });
  });
});
