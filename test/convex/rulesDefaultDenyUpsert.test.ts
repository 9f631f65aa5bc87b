import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  integer,
  type OrmWriter,
  text,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

// defaultDeny: `secrets` has no entry (neither readable nor writable through the ORM);
// `accounts` may be read and inserted by their owner, but has no `update` rule; `drops` is a write-only drop box
// (an `insert` rule, no `read`).
const accounts = convexTable('accounts', { owner: text().notNull(), email: text().notNull().unique() });
const secrets = convexTable('secrets', { key: text().notNull().unique(), value: integer().notNull() });
const drops = convexTable('drops', { key: text().notNull().unique() });
const schema = defineSchema({ accounts, secrets, drops });
const relations = defineRelations({ accounts, secrets, drops });
const rules = defineRules(
  relations,
  async (ctx: { auth: Auth }) => {
    const me = (await ctx.auth.getUserIdentity())?.subject ?? '';
    return { accounts: { read: { owner: me }, insert: { owner: me } }, drops: { insert: {} } };
  },
  { defaultDeny: true },
);
const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });

async function backend() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('secrets', { key: 'launch', value: 42 });
    await ctx.db.insert('accounts', { owner: 'mal', email: 'mal@x.dev' });
    await ctx.db.insert('drops', { key: 'taken' });
  });
  const asMal = <R>(fn: (db: OrmWriter<typeof relations>) => PromiseLike<R>) =>
    t.withIdentity({ subject: 'mal' }).run(async (ctx) => await fn(orm.db(ctx as never)));
  return { t, asMal };
}

describe('defaultDeny fails closed for upserts too', () => {
  it('onConflictDoNothing into a table without rules is RULE_VIOLATION, also when the key is taken', async () => {
    const { asMal } = await backend();
    // A free key: RULE_VIOLATION (the table has no rules).
    const free = await asMal((db) =>
      rejection(db.insert(secrets).values({ key: 'nope', value: 0 }).onConflictDoNothing().returning()),
    );
    expect(free.code).toBe('RULE_VIOLATION');
    // A taken key must fail the same way: resolving [] tells the caller the hidden row exists.
    const taken = await asMal((db) =>
      rejection(db.insert(secrets).values({ key: 'launch', value: 0 }).onConflictDoNothing().returning()),
    );
    expect(taken.code).toBe('RULE_VIOLATION');
  });

  it('onConflictDoUpdate into a table without rules is RULE_VIOLATION whatever setWhere says (no value oracle)', async () => {
    const { asMal } = await backend();
    const probe = (threshold: number) =>
      asMal((db) =>
        rejection(
          db
            .insert(secrets)
            .values({ key: 'launch', value: 0 })
            .onConflictDoUpdate({ target: secrets.key, set: { value: 1 }, setWhere: { value: { lt: threshold } } })
            .returning(),
        ),
      );
    // The hidden value is 42: setWhere `value < 100` holds, `value < 10` does not. Both must be refused.
    expect((await probe(100)).code).toBe('RULE_VIOLATION');
    expect((await probe(10)).code).toBe('RULE_VIOLATION');
  });

  it('onConflictDoUpdate on a table without an update rule is RULE_VIOLATION, also when setWhere skips the row', async () => {
    const { asMal } = await backend();
    const error = await asMal((db) =>
      rejection(
        db
          .insert(accounts)
          .values({ owner: 'mal', email: 'mal@x.dev' })
          .onConflictDoUpdate({ target: accounts.email, set: { owner: 'mal' }, setWhere: { owner: 'nobody' } })
          .returning(),
      ),
    );
    expect(error.code).toBe('RULE_VIOLATION');
  });

  it('onConflictDoNothing with returning() on a table without a read rule is RULE_VIOLATION, also when the key is taken', async () => {
    const { asMal } = await backend();
    // returning() gives rows back, which must pass read (there is none): refused before any read, so a skipped row
    // (resolving []) does not tell which keys are taken where a free one fails.
    const taken = await asMal((db) =>
      rejection(db.insert(drops).values({ key: 'taken' }).onConflictDoNothing().returning()),
    );
    expect(taken.code).toBe('RULE_VIOLATION');
    const free = await asMal((db) =>
      rejection(db.insert(drops).values({ key: 'free' }).onConflictDoNothing().returning()),
    );
    expect(free.code).toBe('RULE_VIOLATION');
    // Without returning() the drop box takes rows.
    const written = await asMal(async (db) => {
      await db.insert(drops).values({ key: 'free' }).onConflictDoNothing();
      return 'written';
    });
    expect(written).toBe('written');
  });
});
