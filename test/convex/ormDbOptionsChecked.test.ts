import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers } from '../../src/index';
import { syncOutcome as outcome } from '../syncOutcome';

// createOrm refuses a misspelt or mistyped option with INVALID_OPTION naming it ("so a misspelt
// option is not silently ignored", src/options.ts). orm.db(ctx, options) should do the same: its
// options are bypasses of triggers and rules, and a silently ignored one runs with them on.

describe('orm.db(ctx, options) checks its options as createOrm does', () => {
  it('a misspelt option is INVALID_OPTION naming it, not ignored (here: the triggers fired anyway)', async () => {
    const fired: string[] = [];
    const triggers = defineTriggers(relations, {
      users: { afterInsert: async ({ new: row }) => void fired.push(row.name) },
    });
    const orm = createOrm({ relations, triggers });
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const misspelt = outcome(() => orm.db(ctx as MutationCtx, { trigger: false } as never));
      const rowcap = outcome(() => orm.db(ctx as MutationCtx, { rowcap: 5 } as never));
      // What the caller meant: a bulk fix with triggers off. An ignored misspelt option leaves them on.
      await Promise.resolve()
        .then(() =>
          orm
            .db(ctx as MutationCtx, { trigger: false } as never)
            .insert(users)
            .values({ name: 'Bulk', email: 'bulk@x' }),
        )
        .catch(() => undefined);
      return { misspelt, rowcap };
    });
    expect(out).toEqual({
      misspelt: { name: 'OrmError', code: 'INVALID_OPTION', details: { option: 'trigger' } },
      rowcap: { name: 'OrmError', code: 'INVALID_OPTION', details: { option: 'rowcap' } },
    });
    expect(fired).toEqual([]);
  });

  it('triggers / rules must be true or false: INVALID_OPTION naming the option', async () => {
    const orm = createOrm({ relations });
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => ({
      triggers: outcome(() => orm.db(ctx as MutationCtx, { triggers: 'false' } as never)),
      rules: outcome(() => orm.db(ctx as MutationCtx, { rules: 0 } as never)),
    }));
    expect(out).toEqual({
      triggers: { name: 'OrmError', code: 'INVALID_OPTION', details: { option: 'triggers' } },
      rules: { name: 'OrmError', code: 'INVALID_OPTION', details: { option: 'rules' } },
    });
  });

  it('options that are not an object (null) are INVALID_OPTION, not a TypeError reading rowCap', async () => {
    const orm = createOrm({ relations });
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => outcome(() => orm.db(ctx as MutationCtx, null as never)));
    expect(out).toMatchObject({ name: 'OrmError', code: 'INVALID_OPTION' });
  });
});
