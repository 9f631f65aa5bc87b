// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/**
 * The code of docs/rules.md on the example app, type-checked by `tsc`; rules.test.ts checks that
 * every ```ts block of the guide appears here verbatim (up to indentation) and runs the rules.
 */
import type { GenericId } from 'convex/values';
import { convexTable, defineRelations, defineSchema, id, text, textEnum } from 'convex-orm';
import type { MigrationRuleContext } from 'convex-orm/migrations';
import type { MutationCtx, QueryCtx } from '../../example/convex/_generated/server';
import { relations } from '../../example/convex/schema';

/** The viewer: the user whose email the caller's identity has (the guide's "your code"). */
export async function viewerOf(ctx: QueryCtx): Promise<{ _id: GenericId<'users'> } | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  return ctx.db
    .query('users')
    .filter((q) => q.eq(q.field('email'), identity.email))
    .first();
}

/** A stand-in for a function's ctx (a db that can query): `orm.db(ctx)` reads nothing until a query runs. */
const ctx = { db: { query: () => undefined } } as unknown as MutationCtx;

import { createOrm, defineRules } from 'convex-orm';

export const rules = defineRules(relations, async (ctx) => {
  const viewer = await viewerOf(ctx);                  // your code, from ctx.auth
  const mine = viewer ? { authorId: viewer._id } : { _id: { in: [] } };  // nobody's
  return {
    posts: {
      read: { OR: [{ publishedAt: { isNotNull: true } }, mine] },
      insert: mine,
      update: { using: mine, check: mine },
      delete: mine,
    },
    users: { read: {} },                               // every user is readable
  };
}, { defaultDeny: true });

export const orm = createOrm({ relations, rules, cursorSecret: process.env.CONVEX_ORM_CURSOR_SECRET });

orm.db(ctx);                    // rules on
orm.db(ctx, { rules: false });  // the named bypass, for system code

/** The owner-only example. */
export const ownerOnly = defineRules(relations, async (ctx) => {
  const viewer = await viewerOf(ctx);
  const mine = viewer ? { authorId: viewer._id } : { _id: { in: [] } };
  return { posts: { read: mine, insert: mine, update: mine, delete: mine } };
});

/** The public-or-owner example. */
export const publicOrOwner = defineRules(relations, async (ctx) => {
  const viewer = await viewerOf(ctx);
  const mine = viewer ? { authorId: viewer._id } : { _id: { in: [] } };
  return {
    posts: {
      read: { OR: [{ publishedAt: { isNotNull: true } }, mine] },
      update: { using: mine, check: mine },
    }
  };
});

/** The team example's tables: documents of teams, and the users' memberships of teams. */
export const teams = convexTable('teams', { name: text().notNull() });
export const usersToTeams = convexTable('usersToTeams', {
  userId: id('users').notNull(),
  teamId: id('teams').notNull().references(() => teams._id),
  role: textEnum(['editor', 'reader']).notNull(),
});
export const documents = convexTable('documents', {
  teamId: id('teams').notNull().references(() => teams._id),
  title: text().notNull(),
});
export const users = convexTable('users', { name: text().notNull() });
export const teamSchema = defineSchema({ users, teams, usersToTeams, documents });
export const teamRelations = defineRelations({ users, teams, usersToTeams, documents }, (r) => ({
  documents: { team: r.one.teams({ from: r.documents.teamId, to: r.teams._id }) },
  teams: { memberships: r.many.usersToTeams() },
  usersToTeams: { team: r.one.teams({ from: r.usersToTeams.teamId, to: r.teams._id }) },
}));
export const teamRules = defineRules(teamRelations, async (ctx: QueryCtx) => {
  const viewer = { _id: (await ctx.auth.getUserIdentity())?.subject as GenericId<'users'> };
  return {
    documents: {
      read: { team: { memberships: { userId: viewer._id } } },
      insert: { team: { memberships: { userId: viewer._id, role: 'editor' } } },
    }
  };
});

/** The function-rule example. */
export function titleRules(isStaff: boolean) {
  return defineRules(relations, () => ({
    posts: { read: (post) => post.title.length < 200 || isStaff }
  }));
}

/** The migrations example. */
export const migrationRules = defineRules(relations, async (ctx: QueryCtx & Partial<MigrationRuleContext>) => {
  if (ctx.migration) return { posts: {} };   // migrations may touch every post
  const viewer = await viewerOf(ctx);
  const mine = viewer ? { authorId: viewer._id } : { _id: { in: [] } };
  return { posts: { read: mine, insert: mine, update: mine, delete: mine } };
});
