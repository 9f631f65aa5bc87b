import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, type OrmWriter } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { accounts, ownAccountRules, relations, schema } from './ownAccounts';

// Owners read and update their own account only.
const rules = ownAccountRules('owner');
const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });

describe('onConflictDoUpdate setWhere on a row the caller cannot read', () => {
  it('answers the same whatever setWhere says of the hidden row: no oracle on its values', async () => {
    const t = convexTest({ schema, modules });
    await t.run(async (ctx) => {
      await ctx.db.insert('accounts', { owner: 'vic', email: 'vic@x.dev', salary: 150_000 });
    });
    // What Mal's upsert does when it conflicts with Vic's hidden row: an error code, or the rows returned.
    const outcome = (threshold: number) =>
      t.withIdentity({ subject: 'mal' }).run(async (ctx) => {
        const db: OrmWriter<typeof relations> = orm.db(ctx as never);
        try {
          const rows = await db
            .insert(accounts)
            .values({ owner: 'mal', email: 'vic@x.dev' })
            .onConflictDoUpdate({ target: accounts.email, set: { salary: 0 }, setWhere: { salary: { gt: threshold } } })
            .returning();
          return `resolved ${rows.length} rows`;
        } catch (error) {
          return (error as { code?: string }).code ?? 'not an OrmError';
        }
      });
    // Vic's salary is 150,000: `> 100,000` holds, `> 200,000` does not. A row that fails `read` does not exist
    // for Mal, so both upserts must end alike (RULE_VIOLATION, judged before setWhere), or Mal learns the salary
    // by bisection.
    const holds = await outcome(100_000);
    const fails = await outcome(200_000);
    expect(holds).toBe('RULE_VIOLATION');
    expect(fails).toBe(holds);
  });
});
