/**
 * Found by review: a where-object rule holding a sql.placeholder (at a column, under an operator, in
 * a relation filter) was refused safely (a rule is never bound from a call's placeholder values),
 * but with the message for a placeholder outside prepare(), which sends the user to do what they
 * did (a module-scope prepared query executed with { owner }) and names no rule. As every other
 * malformed rule (docs/rules.md), it is INVALID_FILTER naming the rule now.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  id,
  placeholder,
  text,
} from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const accounts = convexTable('accounts', { owner: text().notNull(), userId: id('users') });
const tables = { users, accounts };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  accounts: { user: r.one.users({ from: r.accounts.userId, to: r.users._id }) },
}));

const shapes = {
  'a column': { owner: placeholder('owner') },
  'an operator': { owner: { ne: placeholder('owner') } },
  'a relation filter': { user: { name: placeholder('owner') } },
};

for (const [where, rule] of Object.entries(shapes)) {
  it(`a read rule holding a placeholder in ${where} is refused naming the rule, in a prepared query too`, async () => {
    const orm = createOrm({
      relations,
      rules: defineRules(relations, () => ({ accounts: { read: rule }, users: { read: {} } }) as never),
    });
    const accountsOf = orm.query.accounts.findMany({ where: { owner: placeholder('owner') } }).prepare('accountsOf');
    const t = convexTest({ schema, modules });
    const error = await t.run(async (ctx) => {
      const user = await ctx.db.insert('users', { name: 'vic' });
      await ctx.db.insert('accounts', { owner: 'vic', userId: user });
      return accountsOf.execute(ctx as never, { owner: 'vic' }).then(
        (rows) => ({ rows: rows.length }),
        (e: any) => ({ code: e?.code, message: String(e?.message) }),
      );
    });
    // Never rows (that part holds today); the message must point at the rule, not at prepare().
    expect(error).toMatchObject({ code: 'INVALID_FILTER' });
    expect((error as { message: string }).message).toContain('"read" rule of "accounts"');
  });
}
