import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules, type OrmWriter } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { accounts, ownAccountRules, relations, schema } from './ownAccounts';

// Accounts are created by system code only (the insert rule lets nobody insert); owners read and update theirs.
const rules = ownAccountRules('nobody');
const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });
type Db = OrmWriter<typeof relations>;

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('accounts', { owner: 'vic', email: 'vic@x.dev', salary: 150_000 });
    await ctx.db.insert('accounts', { owner: 'mal', email: 'mal@x.dev', salary: 10 });
  });
  const outcome = (statement: (db: Db) => PromiseLike<unknown[]>) =>
    t.withIdentity({ subject: 'mal' }).run(async (ctx) => {
      try {
        return `resolved ${(await statement(orm.db(ctx as never))).length} rows`;
      } catch (error) {
        return (error as { code?: string }).code ?? 'not an OrmError';
      }
    });
  return { t, outcome };
}

describe("an upsert's proposed rows must pass the insert rule, conflicting or not (Postgres's INSERT WITH CHECK)", () => {
  it('onConflictDoNothing does not tell a caller who may not insert which hidden keys are taken', async () => {
    const { outcome } = await world();
    const propose = (email: string) => (db: Db) =>
      db.insert(accounts).values({ owner: 'mal', email }).onConflictDoNothing().returning();
    // Mal may insert nothing. Postgres checks the INSERT policy's WITH CHECK on every proposed row before it
    // looks for a conflict, so both fail alike; here a key held by Vic's hidden row resolves (skipped) and a
    // free key is RULE_VIOLATION: Mal learns that vic@x.dev has an account.
    const taken = await outcome(propose('vic@x.dev'));
    const free = await outcome(propose('nobody@x.dev'));
    expect(free).toBe('RULE_VIOLATION');
    expect(taken).toBe(free);
  });

  it("onConflictDoUpdate's error does not tell a caller who may not insert which hidden keys are taken", async () => {
    const { t } = await world();
    const error = (email: string) =>
      t.withIdentity({ subject: 'mal' }).run(async (ctx) => {
        try {
          await orm
            .db(ctx as never)
            .insert(accounts)
            .values({ owner: 'mal', email })
            .onConflictDoUpdate({ target: accounts.email, set: { salary: 0 } });
          return 'resolved';
        } catch (e) {
          const { code, message, details } = e as { code?: string; message: string; details?: unknown };
          return { code: code ?? 'not an OrmError', message, details: details ?? null };
        }
      });
    // Both are RULE_VIOLATION, but a taken key names the conflicting row and `update.using`, a free one the
    // new row and `insert`: the message tells Mal that vic@x.dev has an account. Postgres fails both on the
    // INSERT policy's WITH CHECK, before it looks for a conflict.
    const taken = await error('vic@x.dev');
    const free = await error('nobody@x.dev');
    expect(free).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: 'insert' } });
    expect(taken).toEqual(free);
  });

  it('onConflictDoUpdate refuses a proposed row the insert rule rejects, even when it conflicts with an updatable row', async () => {
    const { t, outcome } = await world();
    // Mal's own row conflicts: the update branch is allowed, but the proposed row fails `insert`. Postgres
    // rejects the statement (new row violates row-level security policy) before the conflict is judged.
    const result = await outcome((db) =>
      db
        .insert(accounts)
        .values({ owner: 'mal', email: 'mal@x.dev' })
        .onConflictDoUpdate({ target: accounts.email, set: { salary: 20 } })
        .returning(),
    );
    expect(result).toBe('RULE_VIOLATION');
    const salary = await t.run(
      async (ctx) => (await ctx.db.query('accounts').collect()).find((a) => a.owner === 'mal')?.salary,
    );
    expect(salary).toBe(10);
  });
});

describe("an upsert's inserted rows are judged by insert once, as proposed", () => {
  it('a function insert rule runs once per proposed row, inserted or conflicting', async () => {
    let calls = 0;
    const counting = defineRules(relations, () => ({
      accounts: {
        insert: (row: { owner: string }) => {
          calls++;
          return row.owner === 'mal';
        },
      },
    }));
    const counted = createOrm({ relations, rules: counting, cursorSecret: CURSOR_SECRET });
    const { t } = await world();
    const inserted = await t.run((ctx) =>
      counted
        .db(ctx as never)
        .insert(accounts)
        .values([
          { owner: 'mal', email: 'new@x.dev' },
          { owner: 'mal', email: 'mal@x.dev' },
        ])
        .onConflictDoNothing()
        .returning({ email: accounts.email }),
    );
    expect(inserted).toEqual([{ email: 'new@x.dev' }]);
    expect(calls).toBe(2);
  });
});
