// Claim check (from a review that found no bug): docs/mutations.md: `set default` is "made per row as Postgres does:
// a $defaultFn runs once for each referencing row". setDefaultPerRow.test.ts covers one plain FK.
// Not covered: a composite FK (a constant default beside a $defaultFn), `on update set default`,
// and a chain where the set-default column is itself a referenced key (grandchildren follow their
// own child's new key by `on update cascade`, as Postgres fires the child's update trigger per row).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  foreignKey,
  index,
  text,
  unique,
} from '../../src/index';

let made = 0;
const parents = convexTable('parents', { grp: text().notNull(), slug: text().notNull() }, (t) => [
  unique('parents_key').on(t.grp, t.slug),
]);
const children = convexTable(
  'children',
  {
    name: text().notNull(),
    pGrp: text().notNull().default('pool'),
    code: text()
      .notNull()
      .$defaultFn(() => `p${++made}`),
  },
  (t) => [
    unique('children_code').on(t.code),
    index('by_parent').on(t.pGrp, t.code),
    foreignKey({ columns: [t.pGrp, t.code], foreignColumns: [parents.grp, parents.slug] })
      .onDelete('set default')
      .onUpdate('set default'),
  ],
);
const grandchildren = convexTable('grandchildren', { label: text().notNull(), childCode: text().notNull() }, (t) => [
  index('by_child').on(t.childCode),
  foreignKey({ columns: [t.childCode], foreignColumns: [children.code] }).onUpdate('cascade'),
]);
const tables = { parents, children, grandchildren };
const orm = createOrm({ relations: defineRelations(tables) });

async function seed(ctx: any) {
  for (const slug of ['p1', 'p2', 'p3']) await ctx.db.insert('parents', { grp: 'pool', slug });
  await ctx.db.insert('parents', { grp: 'g', slug: 'old' });
  // `code` is unique, so each child references its own parent of group g.
  await ctx.db.insert('parents', { grp: 'g', slug: 'old2' });
  await ctx.db.insert('children', { name: 'a', pGrp: 'g', code: 'old' });
  await ctx.db.insert('children', { name: 'b', pGrp: 'g', code: 'old2' });
  await ctx.db.insert('grandchildren', { label: 'ga', childCode: 'old' });
  await ctx.db.insert('grandchildren', { label: 'gb', childCode: 'old2' });
}

async function state(ctx: any) {
  const kids = (await ctx.db.query('children').collect()).map((c: any) => [c.name, c.pGrp, c.code]).sort();
  const grand = (await ctx.db.query('grandchildren').collect()).map((g: any) => [g.label, g.childCode]).sort();
  return { kids, grand };
}

it('on delete set default over a composite key: per child, and its grandchildren follow their own child', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const out = await t.run(async (ctx) => {
    await seed(ctx);
    made = 0;
    await orm.db(ctx).delete(parents).where(eq(parents.grp, 'g'));
    return { made, ...(await state(ctx)) };
  });
  expect(out.made).toBe(2);
  const codes = Object.fromEntries(out.kids.map(([name, , code]: string[]) => [name, code]));
  expect(out.kids.map((k: string[]) => k[1])).toEqual(['pool', 'pool']);
  expect([codes.a, codes.b].sort()).toEqual(['p1', 'p2']);
  expect(out.grand).toEqual([
    ['ga', codes.a],
    ['gb', codes.b],
  ]);
});

it('on update set default: per child', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const out = await t.run(async (ctx) => {
    await seed(ctx);
    made = 0;
    await orm.db(ctx).update(parents).set({ grp: 'h' }).where(eq(parents.grp, 'g'));
    return { made, ...(await state(ctx)) };
  });
  expect(out.made).toBe(2);
  const codes = Object.fromEntries(out.kids.map(([name, , code]: string[]) => [name, code]));
  expect([codes.a, codes.b].sort()).toEqual(['p1', 'p2']);
  expect(out.grand).toEqual([
    ['ga', codes.a],
    ['gb', codes.b],
  ]);
});
