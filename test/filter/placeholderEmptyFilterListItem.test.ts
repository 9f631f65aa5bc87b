// A placeholder's value that is `EmptyFilter`, as an `in` / `notIn` / array operator's list or an
// item of one (found by review): it was read as filter syntax and the item skipped, so
// `notIn: placeholder` executed with `[EmptyFilter]` became `notIn: []` and matched every row, the
// null one included. docs/queries.md ("Prepared queries"): a value is always an operand, never
// filter syntax, checked as a literal value is; the same symbol given to `eq` or to the operator
// form (`notInArray`) is INVALID_FILTER, and so is it in a list now. A literal `EmptyFilter` item
// is still skipped (Drizzle rc.5).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup.js';
import {
  arrayOf,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  EmptyFilter,
  index,
  integer,
  notInArray,
  sql,
  text,
} from '../../src/index';

const ix = convexTable('ix', { pos: integer().notNull(), s: text(), tags: arrayOf(text()) }, (t) => [
  index('by_s').on(t.s),
]);
const schema = defineSchema({ ix });
const relations = defineRelations({ ix });
const orm = createOrm({ relations });
const p = sql.placeholder;

async function outcome(run: () => Promise<{ pos: number }[]>): Promise<string> {
  try {
    const rows = await run();
    return `rows ${rows.map((row) => row.pos).join(',')}`;
  } catch (error) {
    return `rejects ${(error as { code?: string }).code}`;
  }
}

it('a placeholder value of EmptyFilter in a list is an operand, refused as in eq and notInArray', async () => {
  const t = convexTest(schema, modules);
  const out = await t.run(async (raw) => {
    const db = orm.db(raw);
    await db.insert(ix).values([
      { pos: 1, s: 'a', tags: ['x'] },
      { pos: 2, s: null, tags: ['y'] },
      { pos: 3, s: 'b', tags: null },
    ]);
    const execute = (config: object, values: object) => () =>
      (orm.query.ix.findMany(config as any).prepare('q') as any).execute(raw, values);
    return {
      // The references: the same symbol as a comparison operand, and as the operator form's list.
      eq: await outcome(execute({ where: { s: { eq: p('a') } } }, { a: EmptyFilter })),
      selectNotInArray: await outcome(() =>
        db
          .select()
          .from(ix)
          .where(notInArray(ix.s, p('a')))
          .prepare('s')
          .execute(raw, { a: [EmptyFilter] } as any),
      ),
      // The where-object lists.
      notInList: await outcome(execute({ where: { s: { notIn: p('a') } } }, { a: [EmptyFilter] })),
      notInItem: await outcome(execute({ where: { s: { notIn: [p('a')] } } }, { a: EmptyFilter })),
      inList: await outcome(execute({ where: { s: { in: p('a') } } }, { a: [EmptyFilter, 'a'] })),
      containsList: await outcome(execute({ where: { tags: { arrayContains: p('a') } } }, { a: [EmptyFilter, 'x'] })),
    };
  });
  expect(out).toEqual({
    eq: 'rejects INVALID_FILTER',
    selectNotInArray: 'rejects INVALID_FILTER',
    notInList: 'rejects INVALID_FILTER', // today: rows 1,2,3 (notIn [] matches every row, null included)
    notInItem: 'rejects INVALID_FILTER', // today: rows 1,2,3
    inList: 'rejects INVALID_FILTER', // today: rows 1
    containsList: 'rejects INVALID_FILTER', // today: rows 1
  });
});
