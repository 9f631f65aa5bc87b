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
  eq,
  index,
  integer,
  type OrmWriter,
  text,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';

// Anyone may bill anyone (the insert rule allows every row); each user reads the invoices billed to them.
// A beforeInsert (and beforeUpdate) hook numbers a customer's invoices (system code, reading through `raw`): `seq` is the
// customer's invoice count plus one, data the caller did not supply, about rows the caller cannot read. `ref` is an
// optional unique reference, for upserts.
const invoices = convexTable(
  'invoices',
  {
    customer: text().notNull(),
    amount: integer().notNull(),
    seq: integer().notNull().default(0),
    ref: text().unique(),
  },
  (t) => [index('by_customer').on(t.customer)],
);
const schema = defineSchema({ invoices });
const relations = defineRelations({ invoices });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const mine = { customer: (await ctx.auth.getUserIdentity())?.subject ?? '' };
  return { invoices: { read: mine, insert: {}, update: { using: mine, check: {} } } };
});
const triggers = defineTriggers(relations, {
  invoices: {
    beforeInsert: async (row, ctx) => {
      const billed = await ctx.raw
        .query('invoices')
        .withIndex('by_customer', (q) => q.eq('customer', row.customer))
        .collect();
      return { ...row, seq: billed.length + 1 };
    },
    // An invoice moved to another customer is renumbered after that customer's.
    beforeUpdate: async ({ old, new: next }, ctx) => {
      if (next.customer === old.customer) return next;
      const billed = await ctx.raw
        .query('invoices')
        .withIndex('by_customer', (q) => q.eq('customer', next.customer))
        .collect();
      return { ...next, seq: billed.length + 1 };
    },
  },
});
const orm = createOrm({ relations, rules, triggers, cursorSecret: CURSOR_SECRET });

/** Vic has 7 invoices Mal cannot see; Mal has one (ref `m1`). */
async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (let i = 1; i <= 7; i++) await ctx.db.insert('invoices', { customer: 'vic', amount: 100 * i, seq: i });
    await ctx.db.insert('invoices', { customer: 'mal', amount: 5, seq: 1, ref: 'm1' });
  });
  return t.withIdentity({ subject: 'mal' });
}

type Db = OrmWriter<typeof relations>;

/**
 * What Mal's statement gives: its rows, or its error's code, rule and message; and the invoices stored after it,
 * by customer and amount (nothing written when it fails).
 */
async function outcome(statement: (db: Db) => PromiseLike<unknown>) {
  const mal = await world();
  return mal.run(async (ctx) => {
    let result: unknown;
    try {
      result = await statement(orm.db(ctx as never));
    } catch (error) {
      const { code, message, details } = error as { code?: string; message: string; details?: { rule?: string } };
      result = { code: code ?? 'not an OrmError', rule: details?.rule, message };
    }
    const stored = (await ctx.db.query('invoices').collect()).map((row) => `${row.customer} ${row.amount}`);
    return { result, stored };
  });
}

const STORED = [...Array.from({ length: 7 }, (_, i) => `vic ${100 * (i + 1)}`), 'mal 5'];
const UNREADABLE = {
  code: 'RULE_VIOLATION',
  rule: 'read',
  message:
    'A row returning() would give back violates the "read" rule of "invoices": the caller could not read it; nothing was written. Drop returning() or change the rule.',
};

describe('returning() of a row the caller may write but not read (Postgres: RETURNING needs the SELECT policy)', () => {
  it("an insert's returning() does not hand back a new row that fails read (a hook filled it from hidden rows)", async () => {
    const mal = await world();
    const outcome = await mal.run(async (ctx) => {
      try {
        return await orm
          .db(ctx as never)
          .insert(invoices)
          .values({ customer: 'vic', amount: 1 })
          .returning();
      } catch (error) {
        return (error as { code?: string }).code ?? 'not an OrmError';
      }
    });
    // docs/rules.md promises Postgres RLS semantics for writes; in Postgres, INSERT ... RETURNING checks the new
    // row against the SELECT policy and fails ("new row violates row-level security policy") when it does not
    // pass. Today Mal gets the row back whole, `seq: 8`: Vic has 7 invoices Mal cannot read.
    expect(outcome).toBe('RULE_VIOLATION');
  });

  it("an update's returning() does not hand back a row the update moved out of the caller's read rule", async () => {
    const mal = await world();
    const outcome = await mal.run(async (ctx) => {
      try {
        return await orm
          .db(ctx as never)
          .update(invoices)
          .set({ customer: 'vic' })
          .where(eq(invoices.customer, 'mal'))
          .returning();
      } catch (error) {
        return (error as { code?: string }).code ?? 'not an OrmError';
      }
    });
    // Postgres checks an UPDATE ... RETURNING's new rows against the SELECT policy too. Today the row now
    // billed to Vic (which Mal can no longer read) comes back, renumbered by the hook: `seq: 8`.
    expect(outcome).toBe('RULE_VIOLATION');
  });

  it('the error names the table and the rule, not the row, and nothing is written', async () => {
    const { result, stored } = await outcome((db) =>
      db
        .insert(invoices)
        .values([
          { customer: 'mal', amount: 2 },
          { customer: 'vic', amount: 1 },
        ])
        .returning(),
    );
    expect(result).toEqual(UNREADABLE);
    expect(stored).toEqual(STORED);
  });

  it('rows the caller can read come back, numbered by the hook; without returning() the unreadable row is written', async () => {
    expect(
      (await outcome((db) => db.insert(invoices).values({ customer: 'mal', amount: 2 }).returning())).result,
    ).toEqual([expect.objectContaining({ customer: 'mal', amount: 2, seq: 2 })]);
    const { result, stored } = await outcome((db) => db.insert(invoices).values({ customer: 'vic', amount: 1 }));
    expect(result).toBeUndefined();
    expect(stored).toEqual([...STORED, 'vic 1']);
  });

  it("an upsert's inserted row is judged by read when returned; a skipped row returns nothing", async () => {
    const insert = await outcome((db) =>
      db.insert(invoices).values({ customer: 'vic', amount: 1, ref: 'v9' }).onConflictDoNothing().returning(),
    );
    expect(insert).toEqual({ result: UNREADABLE, stored: STORED });
    // Its key is Mal's invoice's: skipped, so nothing is returned and nothing is judged by read.
    const skipped = await outcome((db) =>
      db.insert(invoices).values({ customer: 'vic', amount: 1, ref: 'm1' }).onConflictDoNothing().returning(),
    );
    expect(skipped).toEqual({ result: [], stored: STORED });
  });

  it("an upsert's update branch is judged by read on the row as the hook left it when returned", async () => {
    const moved = await outcome((db) =>
      db
        .insert(invoices)
        .values({ customer: 'mal', amount: 1, ref: 'm1' })
        .onConflictDoUpdate({ target: invoices.ref, set: { customer: 'vic' } })
        .returning(),
    );
    expect(moved).toEqual({ result: UNREADABLE, stored: STORED });
    const kept = await outcome((db) =>
      db
        .insert(invoices)
        .values({ customer: 'vic', amount: 1, ref: 'm1' })
        .onConflictDoUpdate({ target: invoices.ref, set: { amount: 6 } })
        .returning({ customer: invoices.customer, amount: invoices.amount }),
    );
    // The proposed row (Vic's) is not returned: the row it updated, Mal's, is.
    expect(kept).toEqual({ result: [{ customer: 'mal', amount: 6 }], stored: [...STORED.slice(0, 7), 'mal 6'] });
  });
});
