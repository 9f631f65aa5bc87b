// A rule function returning a Map or an array, or a table entry that is a Map, is INVALID_QUERY and
// nothing is read (docs/rules.md, "The model": "A rule function must return the rules object
// (anything else is INVALID_QUERY)", and an entry that is not an object "would have no rule for any
// operation"): read by its keys such a value holds no entry or no rule, so without defaultDeny every
// row of every table would be readable and writable (Mal would read Vic's note), the slip the docs
// already refuse in a where-object rule ("a Map, a class instance ...", INVALID_FILTER).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, text } from '../../src/index';

const notes = convexTable('notes', { owner: text().notNull() });
const tables = { notes };
const relations = defineRelations(tables, () => ({}));

for (const [what, value] of [
  ['a Map as the rules object', () => new Map([['notes', { read: { owner: 'mal' } }]])],
  ['an empty array as the rules object', () => []],
  ['a Map as a table entry', () => ({ notes: new Map([['read', { owner: 'mal' }]]) })],
] as const) {
  it(`a rule function returning ${what} is INVALID_QUERY, not "no rules"`, async () => {
    const rules = defineRules(relations, (() => value()) as never);
    const orm = createOrm({ relations, rules });
    const t = convexTest(defineSchema(tables), modules);
    const out = await t.run(async (ctx) => {
      await ctx.db.insert('notes', { owner: 'vic' });
      try {
        const rows = await orm.db(ctx).query.notes.findMany();
        return { rows: rows.map((row) => row.owner) };
      } catch (error) {
        return { code: (error as { code?: string }).code ?? 'NOT_AN_ORM_ERROR' };
      }
    });
    expect(out).toEqual({ code: 'INVALID_QUERY' });
  });
}
