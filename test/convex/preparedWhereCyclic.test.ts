/**
 * Found by review: preparing a query walked every plain object and array of its options for
 * placeholders with no depth bound (collectPlaceholders, now in src/filter/placeholder.ts): a `where`
 * comparing a `json()` column with a value that holds itself made `.prepare()` throw an untyped
 * `RangeError`, where the same query unprepared is `INVALID_FILTER` (the column cannot hold the
 * value). The walk is bounded (PLACEHOLDER_DEPTH), and the parse refuses the value typed.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, json, text } from '../../src/index';

const accounts = convexTable('accounts', { owner: text().notNull(), meta: json<unknown>() });
const schema = defineSchema({ accounts });
const relations = defineRelations({ accounts });

it('a prepared where comparing a json column to a cyclic value fails typed, as the unprepared one', async () => {
  const orm = createOrm({ relations });
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const t = convexTest({ schema, modules });
  const unprepared = await t.run(async (ctx) =>
    orm
      .db(ctx as never)
      .query.accounts.findMany({ where: { meta: { eq: cyclic } } as never })
      .then(
        () => 'rows',
        (error: any) => ({ name: error?.name, code: error?.code }),
      ),
  );
  expect(unprepared).toEqual({ name: 'OrmError', code: 'INVALID_FILTER' });
  const prepared = await t.run(async (ctx) => {
    try {
      const query = orm.query.accounts.findMany({ where: { meta: { eq: cyclic } } as never }).prepare('cyclic');
      await query.execute(ctx as never);
      return 'rows';
    } catch (error: any) {
      return { name: error?.name, code: error?.code };
    }
  });
  // Typed, whichever code (the unprepared parse says INVALID_FILTER): never a RangeError.
  expect(prepared).toMatchObject({ name: 'OrmError', code: expect.stringMatching(/^INVALID_(FILTER|QUERY)$/) });
});
