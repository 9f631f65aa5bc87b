// An OR of two broad branches (each pins only a boolean or an enum) stays residual even when an
// index starts with each branch's equality (src/planner/union.ts: their rows may be most of the
// table, read once per branch). The refusal and budget messages say that, not "add the missing
// index" (by_a and by_b exist here: adding indexes cannot help).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { boolean, convexTable, createOrm, defineRelations, defineSchema, index, integer } from '../../../src/index';

const flags = convexTable('flags', { a: boolean(), b: boolean(), rank: integer() }, (t) => [
  index('by_a').on(t.a),
  index('by_b').on(t.b),
]);
const tables = { flags };
const relations = defineRelations(tables, () => ({}));
const strictOrm = createOrm({ relations, strict: true });
const schema = defineSchema(tables);

async function seeded() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (raw: any) => {
    // Rare flags: one row has a, another b.
    for (let i = 0; i < 200; i++) await raw.db.insert('flags', { a: i === 3, b: i === 150, rank: i });
  });
  return t;
}

const where = { OR: [{ a: true }, { b: true }] } as const;

describe('an OR of two broad branches, each with its own index', () => {
  it("strict mode's refusal does not tell the user to add an index both branches already have", async () => {
    const t = await seeded();
    const message = await t.run(async (raw: any) =>
      (strictOrm.db(raw).query.flags.findMany as any)({ where }).then(
        () => 'ran',
        (error: any) => `${error.code}: ${error.message}`,
      ),
    );
    expect(message).toContain('pin only a boolean or an enum');
    expect(message).not.toContain('add the missing index');
  });
});
