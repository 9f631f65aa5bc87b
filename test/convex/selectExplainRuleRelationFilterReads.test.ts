import { describe, expect, it } from 'vitest';
import { eq, gt } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { items, logged, notes, type Opened, ruled, world } from './explain/fixture';

/** Every `table` an explain tree names (the read, its joins, exists, with, ...), not the residual's text. */
function tablesNamed(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const child of node) tablesNamed(child, into);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'table' && typeof value === 'string') into.add(value);
      else tablesNamed(value, into);
    }
  }
  return into;
}

// select explain() omitted the reads of a read rule that is a relation filter. docs/select.md:
// `.explain()` shows "the base read, each join's lookup (rules included), ...". The read rule of
// notes is a relation filter ({ item: { tenant: { like: 'acme/%' } } }): each note read is tested
// by a db.get of its item. findMany's explain() describes that read (exists.item: a get, 'db.get
// per distinct id'); select's explain() named no items read at all, only the residual's text,
// though the run reads items documents. Now the base read and each join lookup show `exists`.
// (The fixture is the one of the seeded explain checks, test/convex/explain/.)
describe('select explain() under a read rule that is a relation filter', () => {
  it('names the table the rule reads, as findMany explain() does', async () => {
    const { t } = await world();
    const out = await t.run(async (raw) => {
      const log: Opened[] = [];
      const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
      const db = ruled.db(ctx);
      const select = db.select().from(notes).where(gt(notes.score, 7)).limit(3);
      const selectExplain = await select.explain();
      await select;
      const read = [...new Set(log.filter((e) => e.docs > 0).map((e) => e.table))].sort();
      const findManyExplain = db.query.notes.findMany({ where: { score: { gt: 7 } }, limit: 3 }).explain();
      return {
        read,
        selectNames: [...tablesNamed(selectExplain)].sort(),
        findManyNames: [...tablesNamed(findManyExplain)].sort(),
      };
    });
    // The run read notes and, for the rule, items.
    expect(out.read).toEqual(['items', 'notes']);
    // findMany's explain names both (exists.item).
    expect(out.findManyNames).toEqual(['items', 'notes']);
    // select's explain names both too (was: ['notes']).
    expect(out.selectNames).toEqual(['items', 'notes']);
  });

  it("shows a join lookup's rule relation filter reads", async () => {
    const { t } = await world();
    const join = await t.run(async (ctx) => {
      const select = ruled.db(ctx).select().from(items).innerJoin(notes, eq(notes.itemId, items._id)).limit(3);
      return (await select.explain()).joins[0]!;
    });
    expect(join).toMatchObject({
      table: 'notes',
      index: 'by_item',
      load: 'index range per distinct key',
      exists: { item: { table: 'items', read: 'get', load: 'db.get per distinct id' } },
    });
  });
});
