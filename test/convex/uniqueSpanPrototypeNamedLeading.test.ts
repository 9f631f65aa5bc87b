import { convexToJson } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, text, unique } from '../../src/index';

// The unique check's span read (taken when its lookups are more than half the index ranges left)
// read the constraint's leading field as `row[leading]`: a row without a `valueOf`/`toString`/
// `constructor` value had Object.prototype's function there, so the span was taken and that
// function sent as the index range's bound, which Convex refuses with its raw error (it serializes
// a range's values). convex-test compares the function as it is, so the wrapper below serializes
// the values as Convex does. Both reads now take the document's own field.
function serializingDb(db: any, sent: unknown[]) {
  const check = (value: unknown) => {
    sent.push(typeof value);
    if (value !== undefined) convexToJson(value as never);
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'query') return typeof target[prop] === 'function' ? target[prop].bind(target) : target[prop];
      return (table: string) => {
        const query = target.query(table);
        return new Proxy(query, {
          get(q, p) {
            if (p !== 'withIndex') return typeof q[p] === 'function' ? q[p].bind(q) : q[p];
            return (name: string, range?: (r: any) => any) =>
              q.withIndex(name, range && ((r: any) => range(wrapRange(r, check))));
          },
        });
      };
    },
  });
}
function wrapRange(r: any, check: (v: unknown) => void): any {
  return new Proxy(r, {
    get(target, p) {
      const fn = target[p];
      if (typeof fn !== 'function') return fn;
      return (field: string, value: unknown) => {
        check(value);
        return wrapRange(fn.call(target, field, value), check);
      };
    },
  });
}

describe.each(['valueOf', 'toString', 'constructor'])('a nullsNotDistinct unique led by a column named %s', (name) => {
  const notes = convexTable('notes', { b: text().notNull(), c: text().notNull(), [name]: text() }, (t: any) => [
    unique('lead_b_c').on(t[name]!, t.b, t.c).nullsNotDistinct(),
  ]);
  const tables = { notes };
  // Few index ranges left (createOrm's budget): the 12 updated rows' lookups are checked by one span read.
  const orm = createOrm({ relations: defineRelations(tables, () => ({})), transactionBudget: { indexRanges: 14 } });

  it('updating 12 stored rows without the column sends no function as an index bound (one span range)', async () => {
    const t = convexTest(defineSchema(tables, { schemaValidation: false }), modules);
    // Stored before the column existed (or raw): the documents lack it.
    await t.run(async (ctx) => {
      for (let i = 0; i < 12; i++) await ctx.db.insert('notes' as never, { b: 'old', c: `c${i}` } as never);
    });
    const sent: unknown[] = [];
    const result = await t.run(async (ctx) => {
      const db = orm.db({ ...ctx, db: serializingDb(ctx.db, sent) } as any) as any;
      return db
        .update(notes)
        .set({ b: 'new' })
        .where(eq(notes.b!, 'old'))
        .then(
          () => 'resolved',
          (e: { data?: { code?: string }; message?: string }) =>
            e?.data?.code ? `${e.data.code}: ${e.message}` : `untyped: ${String(e)}`,
        );
    });
    // The span of rows without the leading value starts at the index's start (absent sorts first):
    // it fits the small range budget, and sends null, not Object.prototype's function, as its bound.
    expect({ result: result.split(':')[0], functionsSent: sent.filter((kind) => kind === 'function').length }).toEqual({
      result: 'resolved',
      functionsSent: 0,
    });
  });
});
