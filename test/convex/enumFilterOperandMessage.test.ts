/**
 * A wrong filter operand on a `textEnum` column (nullable or `.notNull()`) lists the enum's values
 * (`expected one of "draft", "published"`), as a write of the same value does; it said "expected
 * one of the union members".
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, textEnum } from '../../src/index';

const posts = convexTable('posts', {
  status: textEnum(['draft', 'published']),
  kind: textEnum(['a', 'b']).notNull(),
});
const tables = { posts };
const orm = createOrm({ relations: defineRelations(tables) });

it('a wrong enum operand is refused naming the enum values', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const message = (f: () => Promise<unknown>) =>
      f().then(
        () => 'accepted',
        (e: any) => `${e.code}: ${e.message}`,
      );
    return {
      nullable: await message(() => db.query.posts.findMany({ where: { status: { gte: 'p' as never } } })),
      notNull: await message(() => db.query.posts.findMany({ where: { kind: 'c' as never } })),
    };
  });
  expect(out.nullable).toMatch(/^INVALID_FILTER: .*"draft", "published"/);
  expect(out.notNull).toMatch(/^INVALID_FILTER: .*"a", "b"/);
  for (const text of Object.values(out)) expect(text).not.toContain('union members');
});
