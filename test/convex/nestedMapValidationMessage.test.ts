import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayOf,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  objectOf,
  text,
} from '../../src/index';

// A Map or class instance given where an object literal is expected is VALIDATION naming its kind
// ("got a Map") at the top level (values(), set(), a before-hook's return) and, pinned here, inside
// an objectOf() column or an arrayOf(objectOf()) element too, where the message said "expected an
// object, got object", contradicting itself (describe() fell back to `typeof`).
const memos = convexTable('memos', {
  body: text(),
  meta: objectOf({ a: text(), n: integer() }),
  list: arrayOf(objectOf({ a: text() })),
});
const schema = defineSchema({ memos });
const relations = defineRelations({ memos });

async function message(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
}

describe('a Map given as an objectOf() value', () => {
  it('is VALIDATION naming the Map, not "expected an object, got object"', async () => {
    const orm = createOrm({ relations });
    const out = await convexTest({ schema, modules }).run(async (ctx) => {
      const db = orm.db(ctx);
      return {
        column: await message(() => db.insert(memos).values({ body: 'm', meta: new Map([['a', 'q']]) as never })),
        element: await message(() => db.insert(memos).values({ body: 'l', list: [new Map() as never] })),
        rows: (await ctx.db.query('memos').collect()).length,
      };
    });
    expect(out.rows).toBe(0);
    expect(out.column).toBe('VALIDATION: Invalid value for "memos.meta": expected an object, got a Map.');
    expect(out.element).toBe('VALIDATION: Invalid value for "memos.list": element 0: expected an object, got a Map.');
  });
});
