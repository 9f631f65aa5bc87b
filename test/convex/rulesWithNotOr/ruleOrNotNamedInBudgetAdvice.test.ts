/**
 * The scan budget's and strict mode's advice for "an OR across different fields" is for the
 * query's own OR only, never a rule's (docs/queries.md): the caller cannot split a rule, and the
 * advice would tell them which fields the rule reads. The planner drops OR branches no row passes
 * (`withoutNeverTrueBranches`, src/planner/conditions.ts) and so may rebuild a rule's OR: the
 * rebuilt node must stay marked as a rule's (`isRuleNode`). A rule `{ OR: [{ name }, { team }] }`
 * under a query with no OR gets the generic advice.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, text } from '../../../src/index';

const users = convexTable('users', { name: text().notNull(), team: text() });
const schema = defineSchema({ users });
const relations = defineRelations({ users });
const rule = { OR: [{ name: 'u0' }, { team: 'red' }] };

async function message(options: object): Promise<string> {
  const orm = createOrm({ relations, rules: defineRules(relations, () => ({ users: { read: rule } })), ...options });
  const t = convexTest(schema, modules);
  return t.run(async (ctx) => {
    for (let i = 0; i < 5; i++) await ctx.db.insert('users', { name: `u${i}`, team: 'blue' });
    try {
      await orm.db(ctx as never).query.users.findMany({});
      return 'no error';
    } catch (error) {
      return String(error);
    }
  });
}

describe("a read rule's OR across fields", () => {
  it('is not named in SCAN_BUDGET_EXCEEDED advice (the query has no OR)', async () => {
    const text = await message({ scanBudget: 2 });
    expect(text).toContain('(the scan budget)');
    expect(text).not.toContain('an OR across different fields');
    expect(text).not.toContain('run one query per branch');
  });

  it("is not named in strict mode's FULL_SCAN_FORBIDDEN advice", async () => {
    const text = await message({ strict: true });
    expect(text).toContain('would scan the whole table');
    expect(text).not.toContain('an OR across different fields');
  });
});
