import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  check,
  convexTable,
  createMutationApi,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  gte,
  integer,
  text,
} from '../../src/index';

// A statement that throws before its first write (here a unique violation the caller catches)
// has written nothing: the transaction's write budget must not count the writes it would have made.
const users = convexTable('users', { email: text().notNull().unique() });
const events = convexTable('events', { name: text().notNull() });
const scores = convexTable('scores', { points: integer().notNull() }, (t) => [
  check('points_not_negative', gte(t.points, 0)),
]);
const tables = { users, events, scores };
const relations = defineRelations(tables, () => ({}));

/** Inserts each email, skipping the ones taken (the common "insert, catch UNIQUE_VIOLATION" loop). */
async function insertSkippingTaken(db: any, emails: string[], rethrow = false): Promise<string[]> {
  const outcomes: string[] = [];
  for (const email of emails) {
    try {
      await db.insert(users).values({ email });
      outcomes.push('ok');
    } catch (error: any) {
      outcomes.push(error.code);
      if (error.code === 'UNIQUE_VIOLATION') continue;
      if (rethrow) throw error;
      break;
    }
  }
  return outcomes;
}

describe('a statement that failed before writing does not use the write budget', () => {
  it('createMutationApi(ctx.db): two caught duplicates leave room for the third document', async () => {
    const t = convexTest(defineSchema(tables), modules);
    const orm = createOrm({ relations });
    const outcome = await t.run(async (ctx) => {
      // Given ctx.db alone, the API counts "what its own statements read and write" (docs/mutations.md).
      const db = createMutationApi(ctx.db as any, orm.schema, { transactionBudget: { documentsWritten: 3 } });
      const outcomes = await insertSkippingTaken(db, ['a', 'a', 'a', 'b', 'c']);
      return { outcomes, stored: (await ctx.db.query('users').collect()).length };
    });
    // 3 documents written: a, b, c. The two duplicates wrote nothing.
    expect(outcome).toEqual({
      outcomes: ['ok', 'UNIQUE_VIOLATION', 'UNIQUE_VIOLATION', 'ok', 'ok'],
      stored: 3,
    });
  });

  it('createMutationApi(ctx.db): a one-row insert a check constraint rejects uses none of the budget', async () => {
    const t = convexTest(defineSchema(tables), modules);
    const orm = createOrm({ relations });
    const outcomes = await t.run(async (ctx) => {
      const db = createMutationApi(ctx.db as any, orm.schema, { transactionBudget: { documentsWritten: 2 } });
      const outcomes: string[] = [];
      // A one-row statement with nothing to read is checked and written in one step.
      for (const points of [-1, -1, 1, 2]) {
        outcomes.push(
          await db
            .insert(scores)
            .values({ points })
            .then(
              () => 'ok',
              (error: any) => error.code,
            ),
        );
      }
      return outcomes;
    });
    expect(outcomes).toEqual(['CHECK_VIOLATION', 'CHECK_VIOLATION', 'ok', 'ok']);
  });

  it("orm.db(ctx): an after-hook's caught duplicates leave room for its next insert", async () => {
    const t = convexTest(defineSchema(tables), modules);
    const orm = createOrm({
      relations,
      transactionBudget: { documentsWritten: 4 },
      triggers: defineTriggers(relations, {
        events: {
          afterInsert: async (_change, ctx) => void (await insertSkippingTaken(ctx.db, ['a', 'a', 'a', 'b'], true)),
        },
      }),
    });
    const outcome = await t.run(async (ctx) => {
      const error = await orm
        .db(ctx as any)
        .insert(events)
        .values({ name: 'signup' })
        .then(
          () => null,
          (e) => e.code,
        );
      return { error, stored: (await ctx.db.query('users').collect()).length };
    });
    // 3 documents written (the event, a, b): within the budget of 4.
    expect(outcome).toEqual({ error: null, stored: 2 });
  });
});
