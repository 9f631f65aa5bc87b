// docs/rules.md, "error messages never name or echo a row the caller
// may not read: under rules every error of a statement says "a row" where it would name another
// row by id, and names columns, not values". The existing test (test/convex/rulesErrorEchoes)
// covers a soft delete's unique conflict and a restrict reached by a cascade; nothing covers the
// upsert paths, whose unique keys are judged row by row by their own code (RowsSoFar.verifyFree,
// reached by a plain insert with onConflictDoNothing on another target, and by onConflictDoUpdate's
// update branch), nor a restrict through a non-_id key held by a hidden row. Each must name
// neither the hidden row's id nor its values; through the bypass the id is named (for debugging),
// which shows the test would notice if the redaction were dropped.
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  check,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  eq,
  gte,
  index,
  integer,
  type OrmWriter,
  text,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

const accounts = convexTable(
  'accounts',
  { owner: text().notNull(), handle: text().unique(), email: text().unique(), score: integer() },
  (t) => [check('score_ok', gte(t.score, 0))],
);
const posts = convexTable(
  'posts',
  {
    owner: text().notNull(),
    authorHandle: text().references(() => accounts.handle, { onUpdate: 'cascade', onDelete: 'restrict' }),
  },
  (t) => [index('by_handle').on(t.authorHandle)],
);
const schema = defineSchema({ accounts, posts });
const relations = defineRelations({ accounts, posts });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const subject = (await ctx.auth.getUserIdentity())?.subject ?? '';
  return { accounts: { read: { owner: subject } }, posts: { read: { owner: subject } } };
});
const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });
type Db = OrmWriter<typeof relations>;

async function world() {
  const t = convexTest({ schema, modules });
  const ids = await t.run(async (ctx) => {
    const mal = await ctx.db.insert('accounts', { owner: 'mal', handle: 'mal', email: 'mal@x.dev', score: 1 });
    const vic = await ctx.db.insert('accounts', { owner: 'vic', handle: 'vic', email: 'vic@secret.dev', score: 7 });
    // Vic's hidden post references Mal's handle.
    const vicPost = await ctx.db.insert('posts', { owner: 'vic', authorHandle: 'mal' });
    return { mal, vic, vicPost };
  });
  const both = async (statement: (db: Db) => PromiseLike<unknown>) => ({
    ruled: await t.withIdentity({ subject: 'mal' }).run((ctx) => rejection(statement(orm.db(ctx as never)))),
    bypass: await t.run((ctx) => rejection(statement(orm.db(ctx as never, { rules: false })))),
  });
  return { ids, both };
}

const hidden = (ids: { vic: string; vicPost: string }) => [ids.vic, ids.vicPost, 'vic@secret.dev', '"vic"'];

describe('rules: upsert unique conflicts and key restricts name no hidden row (claim check)', () => {
  it("onConflictDoUpdate's update branch taking a hidden row's key names neither its id nor its value", async () => {
    const { ids, both } = await world();
    const { ruled, bypass } = await both((db) =>
      db
        .insert(accounts)
        .values({ owner: 'mal', handle: 'mal', score: 0 })
        .onConflictDoUpdate({ target: accounts.handle, set: { email: 'vic@secret.dev' } }),
    );
    expect(ruled).toMatchObject({ code: 'UNIQUE_VIOLATION', table: 'accounts' });
    expect(ruled.message).toContain('conflicts with a row already stored');
    for (const value of hidden(ids)) expect(ruled.message).not.toContain(value);
    expect(JSON.stringify(ruled.details)).not.toContain(ids.vic);
    expect(bypass.message).toContain(ids.vic);
  });

  it('onConflictDoNothing on one key, a hidden row holding another: neither its id nor its value', async () => {
    const { ids, both } = await world();
    const { ruled, bypass } = await both((db) =>
      db
        .insert(accounts)
        .values({ owner: 'mal', handle: 'fresh', email: 'vic@secret.dev', score: 0 })
        .onConflictDoNothing({ target: accounts.handle }),
    );
    expect(ruled).toMatchObject({ code: 'UNIQUE_VIOLATION', table: 'accounts' });
    for (const value of hidden(ids)) expect(ruled.message).not.toContain(value);
    expect(bypass.message).toContain(ids.vic);
  });

  it('a restrict through a non-_id key held by a hidden row names neither row', async () => {
    const { ids, both } = await world();
    const { ruled, bypass } = await both((db) => db.delete(accounts).where(eq(accounts._id, ids.mal)));
    expect(ruled).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', table: 'accounts' });
    expect(ruled.message).toContain('a "posts" row still references it');
    for (const value of [...hidden(ids), ids.mal]) expect(ruled.message).not.toContain(value);
    expect(bypass.message).toContain(ids.vicPost);
  });
});
