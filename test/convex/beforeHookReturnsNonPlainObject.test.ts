import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, eq, text } from '../../src/index';

// A before-hook's return value is "values to set" / "the row to insert", and values()/set() take
// an object of values. Non-objects and arrays were refused with VALIDATION, but a Map, a Date or a
// class instance passed `typeof === 'object'` and was read as an object without keys: beforeUpdate's
// values were dropped (the planned update written), beforeInsert wrote a row of defaults, values()
// too, and set() failed as if given no values. Now each is VALIDATION naming the table and the kind
// received (and the hook), and writes nothing.
const memos = convexTable('memos', { body: text(), tag: text() });
const schema = defineSchema({ memos });
const relations = defineRelations({ memos });

function backend(triggers: Parameters<typeof defineTriggers<typeof relations>>[1] = {}) {
  const orm = createOrm({ relations, triggers: defineTriggers(relations, triggers) });
  return { t: convexTest({ schema, modules }), orm };
}

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
}

class Memo {
  constructor(
    readonly body: string,
    readonly tag: string,
  ) {}
}

describe('a before-hook returning a Map', () => {
  it('beforeUpdate: VALIDATION, not the planned update written as if the hook returned nothing', async () => {
    const { t, orm } = backend({
      memos: { beforeUpdate: ({ new: next }) => new Map(Object.entries({ ...next, tag: 'checked' })) as never },
    });
    const out = await t.run(async (ctx) => {
      const id = await ctx.db.insert('memos', { body: 'a', tag: null });
      const result = await outcome(() => orm.db(ctx).update(memos).set({ body: 'b' }).where(eq(memos._id, id)));
      return { result, row: await ctx.db.get(id) };
    });
    expect(out.result).toBe(
      'VALIDATION: The beforeUpdate hook of "memos" returned a Map; return an object literal of values, or nothing to keep the planned row.',
    );
    expect(out.row).toMatchObject({ body: 'a', tag: null });
  });

  it('beforeInsert: VALIDATION, not a row of defaults with the given values dropped', async () => {
    const { t, orm } = backend({
      memos: { beforeInsert: (row) => new Map(Object.entries({ ...row, tag: 'checked' })) as never },
    });
    const out = await t.run(async (ctx) => {
      const result = await outcome(() => orm.db(ctx).insert(memos).values({ body: 'hello' }));
      return { result, rows: await ctx.db.query('memos').collect() };
    });
    expect(out.result).toBe(
      'VALIDATION: The beforeInsert hook of "memos" returned a Map; return an object literal of values, or nothing to keep the planned row.',
    );
    expect(out.rows).toEqual([]);
  });
});

describe('a before-hook returning a Date or a class instance', () => {
  it.each([
    ['a Date', () => new Date(0)],
    ['a Memo', () => new Memo('b', 'checked')],
  ])('beforeUpdate and beforeInsert returning %s: VALIDATION naming it, nothing written', async (kind, make) => {
    const { t, orm } = backend({ memos: { beforeUpdate: () => make() as never, beforeInsert: () => make() as never } });
    const out = await t.run(async (ctx) => {
      const id = await ctx.db.insert('memos', { body: 'a', tag: null });
      const update = await outcome(() => orm.db(ctx).update(memos).set({ body: 'b' }).where(eq(memos._id, id)));
      const insert = await outcome(() => orm.db(ctx).insert(memos).values({ body: 'hello' }));
      return { update, insert, rows: await ctx.db.query('memos').collect() };
    });
    expect(out.update).toBe(
      `VALIDATION: The beforeUpdate hook of "memos" returned ${kind}; return an object literal of values, or nothing to keep the planned row.`,
    );
    expect(out.insert).toContain(`VALIDATION: The beforeInsert hook of "memos" returned ${kind};`);
    expect(out.rows).toMatchObject([{ body: 'a', tag: null }]);
  });
});

describe('values() and set() given a Map', () => {
  it('values(): VALIDATION, not a row of defaults', async () => {
    const { t, orm } = backend();
    const out = await t.run(async (ctx) => {
      const given = new Map([['body', 'hello']]) as never;
      const one = await outcome(() => orm.db(ctx).insert(memos).values(given));
      const many = await outcome(() =>
        orm
          .db(ctx)
          .insert(memos)
          .values([{ body: 'first' }, given]),
      );
      return { one, many, rows: await ctx.db.query('memos').collect() };
    });
    expect(out.one).toBe('VALIDATION: A row of "memos" must be an object literal; got a Map.');
    expect(out.many).toBe(out.one);
    expect(out.rows).toEqual([]);
  });

  it('set(): VALIDATION, not INVALID_QUERY "no values to set"', async () => {
    const { t, orm } = backend();
    const out = await t.run(async (ctx) => {
      const id = await ctx.db.insert('memos', { body: 'a', tag: null });
      const given = new Map([['body', 'b']]) as never;
      const result = await outcome(() => orm.db(ctx).update(memos).set(given).where(eq(memos._id, id)));
      return { result, row: await ctx.db.get(id) };
    });
    expect(out.result).toBe('VALIDATION: A row of "memos" must be an object literal; got a Map.');
    expect(out.row).toMatchObject({ body: 'a', tag: null });
  });
});
