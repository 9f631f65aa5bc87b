/**
 * Claim check (no bug expected): docs/queries.md, Prepared queries: "`values` is typed from the
 * config: one key per placeholder name, typed by its position". Existing type tests cover root
 * columns, `in`, `limit`, relation filters of one level and relation-definition wheres; this pins
 * positions they do not: `_creationTime`, a many-to-many (junction) relation filter, a `_count`
 * under a `with`, a field's `NOT` and `OR` items, `offset` on a `one` relation, and the values of a
 * prepared `count` and `paginate` (third argument), with a wrong type refused.
 */
import { sql } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { orm } from '../../example/convex/orm';

declare const ctx: Parameters<typeof orm.db>[0];
const p = sql.placeholder;

describe('prepared values typed at nested positions', () => {
  it('types each position', async () => {
    const a = orm.query.users.findMany({ where: { _creationTime: { gt: p('t') } } }).prepare();
    expectTypeOf<Parameters<typeof a.execute>[1]>().toEqualTypeOf<{ t: number }>();
    // @ts-expect-error _creationTime is a number
    await a.execute(ctx, { t: 'x' });
    const b = orm.query.users.findMany({ where: { groups: { name: p('g') } } }).prepare();
    expectTypeOf<Parameters<typeof b.execute>[1]>().toEqualTypeOf<{ g: string }>();
    const c = orm.query.users
      .findMany({ with: { posts: { _count: { comments: { where: { body: p('b') } } } } } })
      .prepare();
    expectTypeOf<Parameters<typeof c.execute>[1]>().toEqualTypeOf<{ b: string }>();
    const d = orm.query.users.findMany({ where: { age: { OR: [p('x')], NOT: p('y') } } }).prepare();
    expectTypeOf<Parameters<typeof d.execute>[1]>().toEqualTypeOf<{ x: number; y: number }>();
    // @ts-expect-error age is a number
    await d.execute(ctx, { x: 1, y: 'a' });
    const i = orm.query.users.findMany({ with: { invitee: { offset: p('o') } } }).prepare();
    expectTypeOf<Parameters<typeof i.execute>[1]>().toEqualTypeOf<{ o: number }>();
    const f = orm.query.users.count({ where: { name: p('n') } }).prepare();
    expectTypeOf<Parameters<typeof f.execute>[1]>().toEqualTypeOf<{ n: string }>();
    // @ts-expect-error a count's values are required
    f.execute(ctx);
    const g = orm.query.users.paginate({ where: { name: p('n') }, orderBy: { name: 'asc' } }).prepare();
    expectTypeOf<Parameters<typeof g.execute>[2]>().toEqualTypeOf<{ n: string }>();
    // @ts-expect-error no such placeholder
    await g.execute(ctx, { numItems: 1, cursor: null }, { n: 'a', m: 1 });
  });
});
