import type { Auth } from 'convex/server';
import { convexTable, defineRelations, defineRules, defineSchema, integer, text } from '../../src/index';

/** Accounts, each of an owner and under a unique email, for the tests of upserts under owner rules. */
export const accounts = convexTable('accounts', {
  owner: text().notNull(),
  email: text().notNull().unique(),
  salary: integer().notNull().default(0),
});
export const schema = defineSchema({ accounts });
export const relations = defineRelations({ accounts });

/**
 * Owners read, update and delete their own accounts; `insert` says who may insert one: its owner, or nobody
 * (accounts created by system code only).
 */
export const ownAccountRules = (insert: 'owner' | 'nobody') =>
  defineRules(relations, async (ctx: { auth: Auth }) => {
    const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
    return {
      accounts: { read: mine, insert: insert === 'owner' ? mine : { _id: { in: [] } }, update: mine, delete: mine },
    };
  });
