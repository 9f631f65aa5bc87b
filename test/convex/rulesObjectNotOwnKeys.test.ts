import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, text } from '../../src/index';

const accounts = convexTable('accounts', { owner: text().notNull(), email: text().notNull() });
const schema = defineSchema({ accounts });
const relations = defineRelations({ accounts });
const malOnly = { read: { owner: 'mal' }, update: { owner: 'mal' }, delete: { owner: 'mal' } };

/** What Mal's findMany returns (or the error code) under rules whose function returns `rules` (one Vic row stored). */
async function malSees(rules: unknown): Promise<unknown> {
  const orm = createOrm({ relations, rules: defineRules(relations, () => rules as never) });
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('accounts', { owner: 'vic', email: 'vic@x.dev' });
  });
  return t.withIdentity({ subject: 'mal' }).run(async (ctx) =>
    orm
      .db(ctx as never)
      .query.accounts.findMany({ columns: { owner: true } })
      .then(
        (rows) => rows,
        (error: any) => error.code,
      ),
  );
}

// The rule function's result is read with own-key checks (hasOwn) while `rules.accounts` gives the
// entry: a rules object whose tables come from a Proxy (one tenant rule for every table) or a
// prototype (shared base rules) has every entry skipped, so every row is visible, without an error.
// The key check of b8fd4da (a key nothing reads is refused) sees no keys either.
describe('a rules object whose entries are not own enumerable keys', () => {
  it('a Proxy giving each table its entry: the entry applies, or the rules are refused', async () => {
    const proxy = new Proxy({}, { get: (_target, key) => (key === 'accounts' ? malOnly : undefined) });
    const seen = await malSees(proxy);
    expect(seen === 'INVALID_QUERY' || (Array.isArray(seen) && seen.length === 0), JSON.stringify(seen)).toBe(true);
  });

  it('entries inherited from a base rules object: the entry applies, or the rules are refused', async () => {
    const seen = await malSees(Object.create({ accounts: malOnly }));
    expect(seen === 'INVALID_QUERY' || (Array.isArray(seen) && seen.length === 0), JSON.stringify(seen)).toBe(true);
  });
});
