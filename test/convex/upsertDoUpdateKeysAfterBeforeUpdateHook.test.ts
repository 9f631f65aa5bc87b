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
  defineTriggers,
  integer,
  type TriggersConfig,
  text,
} from '../../src/index';
import { outcome } from './mutationHarness';

// Postgres's ON CONFLICT DO UPDATE runs ExecUpdate on the conflicting row: its BEFORE UPDATE trigger first,
// then the UPDATE policy's WITH CHECK and the CHECK constraints on the row as the trigger left it, and only
// then the index insertion of that row's keys. So the update branch's unique keys are judged on the row its
// beforeUpdate hook returns, as a plain update's are, and the hook runs once per updated row.
const counters = convexTable('counters', {
  owner: text().notNull(),
  key: text().notNull().unique(),
  code: text().notNull().unique(),
  n: integer().notNull(),
});
const schema = defineSchema({ counters });
const relations = defineRelations({ counters });

type CounterHooks = NonNullable<TriggersConfig<typeof relations>['counters']>;
/** The rows as seeded (key, code, n): all a refused upsert leaves. */
const seeded = [
  ['a', 'A', 1],
  ['b', 'B', 1],
];

/** A world with rows a (code A) and b (code B) of mal, and an ORM whose `beforeUpdate` of counters is `hook`. */
async function world(hook: CounterHooks['beforeUpdate']) {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('counters', { owner: 'mal', key: 'a', code: 'A', n: 1 });
    await ctx.db.insert('counters', { owner: 'mal', key: 'b', code: 'B', n: 1 });
  });
  const calls: string[] = [];
  const triggers = defineTriggers(relations, {
    counters: {
      beforeUpdate: (change, ctx) => {
        calls.push(`${change.old.key}: ${change.old.code} -> ${change.new.code}`);
        return hook?.(change, ctx);
      },
    },
  });
  const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
    const mine = { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' };
    return { counters: { read: mine, insert: mine, update: { using: mine, check: mine } } };
  });
  const hooked = createOrm({ relations, triggers });
  const ruled = createOrm({ relations, triggers, rules });
  const stored = () =>
    t.run(async (ctx) => (await ctx.db.query('counters').collect()).map((row) => [row.key, row.code, row.n]));
  return { t, calls, hooked, ruled, stored };
}

describe("onConflictDoUpdate's update branch judges its unique keys on the row as beforeUpdate left it", () => {
  it('a hook that moves a taken key to a free one makes the upsert succeed, its hook run once', async () => {
    const { t, calls, hooked, stored } = await world(({ new: next }) => ({ ...next, code: 'Q' }));
    const result = await t.run((ctx) =>
      outcome(() =>
        hooked
          .db(ctx as never)
          .insert(counters)
          .values({ owner: 'mal', key: 'b', code: 'Z', n: 1 })
          .onConflictDoUpdate({ target: counters.key, set: { code: 'A', n: 2 } })
          .returning({ code: counters.code, n: counters.n }),
      ),
    );
    // set takes a's code A; the hook writes Q instead, which no row holds.
    expect(result).toEqual([{ code: 'Q', n: 2 }]);
    expect(await stored()).toEqual([
      ['a', 'A', 1],
      ['b', 'Q', 2],
    ]);
    expect(calls).toEqual(['b: B -> A']);
  });

  it('a hook that moves a free key to a taken one fails UNIQUE_VIOLATION and writes nothing', async () => {
    const { t, calls, hooked, stored } = await world(({ new: next }) => ({ ...next, code: 'A' }));
    const result = await t.run((ctx) =>
      outcome(() =>
        hooked
          .db(ctx as never)
          .insert(counters)
          .values([
            { owner: 'mal', key: 'c', code: 'C', n: 1 },
            { owner: 'mal', key: 'b', code: 'Z', n: 1 },
          ])
          .onConflictDoUpdate({ target: counters.key, set: { code: 'Q', n: 2 } }),
      ),
    );
    expect(result).toBe('UNIQUE_VIOLATION');
    expect(await stored()).toEqual(seeded);
    expect(calls).toEqual(['b: B -> Q']);
  });

  it('a hook that moves the target key frees it for a later proposed row, which is inserted', async () => {
    const { t, calls, hooked, stored } = await world(({ new: next }) => ({ ...next, key: `${next.key}2` }));
    await t.run((ctx) =>
      hooked
        .db(ctx as never)
        .insert(counters)
        .values([
          { owner: 'mal', key: 'b', code: 'Y', n: 1 },
          { owner: 'mal', key: 'b', code: 'Z', n: 1 },
        ])
        .onConflictDoUpdate({ target: counters.key, set: { n: 2 } }),
    );
    // Row 1 updates b, whose hook renames it b2: row 2's key b is free again (Postgres inserts it too).
    expect(await stored()).toEqual([
      ['a', 'A', 1],
      ['b2', 'B', 2],
      ['b', 'Z', 1],
    ]);
    expect(calls).toEqual(['b: B -> B']);
  });

  it('a hook that throws vetoes the statement: no row of it is written, no later hook runs', async () => {
    const { t, calls, hooked, stored } = await world(({ old }) => {
      if (old.key === 'a') throw new Error('a is frozen');
    });
    const result = await t.run((ctx) =>
      outcome(() =>
        hooked
          .db(ctx as never)
          .insert(counters)
          .values([
            { owner: 'mal', key: 'c', code: 'C', n: 1 },
            { owner: 'mal', key: 'a', code: 'Z', n: 1 },
            { owner: 'mal', key: 'b', code: 'Y', n: 1 },
          ])
          .onConflictDoUpdate({ target: counters.key, set: { n: 2 } }),
      ),
    );
    expect(result).toBe('Error: a is frozen');
    expect(await stored()).toEqual(seeded);
    expect(calls).toEqual(['a: A -> A']);
  });

  it('under rules, update.check judges the row as the hook left it, before its unique keys', async () => {
    // The hook hands the row to another owner and takes a's code: update.check (owner = caller) fails first.
    const { t, calls, ruled, stored } = await world(({ new: next }) => ({ ...next, owner: 'zoe', code: 'A' }));
    const result = await t.withIdentity({ subject: 'mal' }).run((ctx) =>
      outcome(() =>
        ruled
          .db(ctx as never)
          .insert(counters)
          .values({ owner: 'mal', key: 'b', code: 'Z', n: 1 })
          .onConflictDoUpdate({ target: counters.key, set: { n: 2 } }),
      ),
    );
    expect(result).toBe('RULE_VIOLATION');
    expect(await stored()).toEqual(seeded);
    expect(calls).toEqual(['b: B -> B']);
  });
});
