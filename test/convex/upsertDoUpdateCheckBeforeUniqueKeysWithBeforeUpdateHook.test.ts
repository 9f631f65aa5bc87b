import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  check,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  eq,
  integer,
  lte,
  text,
} from '../../src/index';

// cdc0110 leaves the update branch's check constraints in the statement's stages when the table has a
// beforeUpdate hook, while its unique keys are still judged row by row in resolveConflicts, before the
// stages (and before the hook). Postgres's ON CONFLICT DO UPDATE runs ExecUpdate per row: BEFORE UPDATE
// trigger, then the CHECK constraints, then the index insertion. A hook that leaves the row as planned
// (an audit hook, returning nothing) changes nothing, yet a plain update fails CHECK_VIOLATION and the
// same change as onConflictDoUpdate fails UNIQUE_VIOLATION.
const counters = convexTable(
  'counters',
  { key: text().notNull().unique(), code: text().notNull().unique(), n: integer().notNull() },
  (t) => [check('n_at_most_10', lte(t.n, 10))],
);
const schema = defineSchema({ counters });
const relations = defineRelations({ counters });
const triggers = defineTriggers(relations, { counters: { beforeUpdate: () => undefined } });
const hooked = createOrm({ relations, triggers });

async function world() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('counters', { key: 'a', code: 'A', n: 1 });
    await ctx.db.insert('counters', { key: 'b', code: 'B', n: 1 });
  });
  return t;
}

const outcome = async (run: () => Promise<unknown>) => {
  try {
    return await run();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

describe("onConflictDoUpdate's update branch breaking a check constraint, with a beforeUpdate hook that keeps the row", () => {
  it('fails CHECK_VIOLATION before a unique key its set values take (as a plain update does)', async () => {
    const t = await world();
    const result = await t.run(async (ctx) => {
      const db = hooked.db(ctx as never);
      const plain = await outcome(() => db.update(counters).set({ code: 'A', n: 50 }).where(eq(counters.key, 'b')));
      const upsert = await outcome(() =>
        db
          .insert(counters)
          .values({ key: 'b', code: 'Z', n: 1 })
          .onConflictDoUpdate({ target: counters.key, set: { code: 'A', n: 50 } }),
      );
      return { plain, upsert };
    });
    expect(result.plain).toBe('CHECK_VIOLATION');
    expect(result.upsert).toBe('CHECK_VIOLATION');
  });
});
