import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, text } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

const accounts = convexTable('accounts', { owner: text().notNull(), email: text().notNull() });
const schema = defineSchema({ accounts });
const relations = defineRelations({ accounts });

/** Runs `fn` on Mal's `db` of an ORM whose rule function returns `entry` for accounts (one Vic row stored). */
async function withEntry<R>(entry: unknown, fn: (db: any) => PromiseLike<R>): Promise<R> {
  const rules = defineRules(relations, () => ({ accounts: entry as never }));
  const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('accounts', { owner: 'vic', email: 'vic@x.dev' });
  });
  return await t.withIdentity({ subject: 'mal' }).run(async (ctx) => await fn(orm.db(ctx as never)));
}

describe('a malformed rules entry is a typed error, never a TypeError or every row', () => {
  it('update: null (a plain-JS "no update") rejects with an OrmError, as read: null does', async () => {
    const read = await withEntry({ read: null }, (db) => rejection(db.query.accounts.findMany()));
    expect(read.code).toBe('INVALID_FILTER');
    expect(read.message).toContain('The "read" rule of "accounts" is null');
    const update = await withEntry({ read: {}, update: null }, (db) =>
      rejection(db.update(accounts).set({ email: 'x' }).where({ owner: 'vic' })),
    );
    // Was: "Cannot use 'in' operator to search for 'using' in null" (a TypeError from ruleOf).
    expect(update.code).toBe('INVALID_FILTER');
    expect(update.message).toContain('The "update" rule of "accounts" is null');
  });

  it('a table entry given as a rule function (not { read, insert, ... }) is refused rather than allowing everything', async () => {
    // A natural slip: `accounts: (row) => row.owner === me` meant for every operation. It has no `read`
    // key, so every operation is allowed: Mal reads and rewrites Vic's row.
    const error = await withEntry(
      (row: { owner: string }) => row.owner === 'mal',
      (db) => rejection(db.query.accounts.findMany()),
    );
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain('The rules entry of "accounts" is a function');
  });

  it('a misspelt operation ({ raed }) is refused: it would leave reads without a rule, every row visible', async () => {
    const error = await withEntry({ raed: { owner: 'mal' } }, (db) => rejection(db.query.accounts.findMany()));
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain('"raed"');
    expect(error.message).toContain('read, insert, update, delete');
  });

  it('a misspelt part of update ({ using, chekc }) is refused: it would leave the new values unchecked', async () => {
    const error = await withEntry({ read: {}, update: { using: { owner: 'mal' }, chekc: { owner: 'mal' } } }, (db) =>
      rejection(db.update(accounts).set({ owner: 'vic' }).where({ owner: 'mal' })),
    );
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain('"chekc"');
  });

  it('a rules key that names no table ({ acounts }) is refused: the table it meant has no rules', async () => {
    const rules = defineRules(relations, () => ({ acounts: { read: { owner: 'mal' } } }) as never);
    const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });
    const t = convexTest({ schema, modules });
    await t.run(async (ctx) => {
      await ctx.db.insert('accounts', { owner: 'vic', email: 'vic@x.dev' });
    });
    const error = await t.run(async (ctx) => await rejection(orm.db(ctx as never).query.accounts.findMany()));
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain('"acounts"');
  });
});
