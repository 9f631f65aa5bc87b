import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// An extra under the name of a selected column replaces the column's value (shapeRow writes the
// columns, then the extras): on convex-test, users.findFirst({ columns: { name: true }, extras:
// { name: (u) => u.name.length } }) returned { name: 3 } for Ada. BuildQueryResult intersects the
// columns with the extras (SelectedColumns & ExtrasResult), so `name` is string & number = never:
// `row.name.toFixed()` and `row.name.toUpperCase()` both compile, and a function returning
// `row.name` as a string type-checks. (Drizzle v1's BuildQueryResult intersects the same way; there
// an SQL extra and a column of one name are one SELECT alias.) When the extra returns a literal
// union (a boolean) the intersection makes the whole row `never` (rows[0].title: "Property 'title'
// does not exist on type 'never'"), though the rows are the posts with title true/false. The key's
// type should be the extra's.
describe("an extra named as a column types the key as the extra's value", () => {
  it('findFirst', async () => {
    const row = await db.query.users.findFirstOrThrow({
      columns: { name: true },
      extras: { name: (u) => u.name.length },
    });
    expectTypeOf(row.name).toEqualTypeOf<number>();
  });

  it('without columns (every column, one of them replaced)', async () => {
    const rows = await db.query.posts.findMany({ extras: { title: (p) => p.title.length > 3 } });
    expectTypeOf(rows[0]!.title).toEqualTypeOf<boolean>();
  });
});
