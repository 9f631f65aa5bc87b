import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { accounts, ownAccountRules, relations, schema } from './ownAccounts';

// Accounts are created by system code only (the insert rule lets nobody insert); owners read theirs.
const rules = ownAccountRules('nobody');
// The server's budgets (not the client's): few index ranges, so an 8-row upsert reads its keys' holders as
// one span ahead (RowsSoFar.readAhead), and 20 documents read.
const orm = createOrm({
  relations,
  rules,
  cursorSecret: CURSOR_SECRET,
  transactionBudget: { indexRanges: 10, documentsRead: 20 },
});

/** Vic's 25 hidden accounts (vic00@x.dev … vic24@x.dev) and Mal's own. */
async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (let i = 0; i < 25; i++) {
      await ctx.db.insert('accounts', { owner: 'vic', email: `vic${String(i).padStart(2, '0')}@x.dev`, salary: 1 });
    }
    await ctx.db.insert('accounts', { owner: 'mal', email: 'mal@x.dev', salary: 1 });
  });
  return t.withIdentity({ subject: 'mal' });
}

/** Eight proposed emails from `${prefix}/` to `${prefix}~7`: their span holds every `${prefix}NN@x.dev`. */
const proposed = (prefix: string) =>
  Array.from({ length: 8 }, (_, i) => ({ owner: 'mal', email: i === 0 ? `${prefix}/` : `${prefix}~${i}` }));

describe('an upsert by a caller who may not insert fails alike whatever hidden rows lie between its keys', () => {
  for (const conflict of ['onConflictDoNothing', 'onConflictDoUpdate'] as const) {
    it(`${conflict}: RULE_VIOLATION on the first proposed row, before the holders of the keys are read`, async () => {
      const mal = await world();
      const outcome = (prefix: string) =>
        mal.run(async (ctx) => {
          const insert = orm
            .db(ctx as never)
            .insert(accounts)
            .values(proposed(prefix));
          try {
            await (conflict === 'onConflictDoNothing'
              ? insert.onConflictDoNothing()
              : insert.onConflictDoUpdate({ target: accounts.email, set: { salary: 0 } }));
            return 'resolved';
          } catch (error) {
            const { code, details } = error as { code?: string; details?: { budget?: string } };
            return `${code ?? 'not an OrmError'}${details?.budget ? ` (${details.budget})` : ''}`;
          }
        });
      // docs/rules.md: "a row the caller may not insert is the same RULE_VIOLATION whether its key is free or held
      // by a row the caller cannot see". Today resolveConflicts reads the span of the 8 keys (readAhead) before the
      // insert rule judges row 1: between "vic/" and "vic~7" lie Vic's 25 hidden accounts, past the 20 documents,
      // so Mal gets SCAN_BUDGET_EXCEEDED (documentsRead) where the same statement over "zed…" keys is
      // RULE_VIOLATION: Mal learns that at least 20 hidden accounts have emails in a range Mal picks.
      const free = await outcome('zed');
      const hidden = await outcome('vic');
      expect(free).toBe('RULE_VIOLATION');
      expect(hidden).toBe(free);
    });
  }
});
