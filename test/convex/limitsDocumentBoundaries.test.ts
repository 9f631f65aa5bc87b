// Every row a statement writes is checked against Convex's value limits before its first write
// (docs/mutations.md#limits), at the exact boundaries, through the ORM with transactionLimits: a
// document of exactly 1 MiB (system fields included) and 16 levels of nesting are written, one byte
// or one level more is VALIDATION; so is the growth a statement adds itself to rows under the limit
// (a soft delete's timestamp, an $onUpdateFn value, a before-hook's values, an onUpdate cascade's
// new key), and a multi-row statement with a row over the limit writes nothing.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  index,
  integer,
  json,
  text,
  timestamp,
} from '../../src/index';

const MiB = 1 << 20;
const notes = convexTable('notes', { body: json<unknown>() });
const soft = convexTable('soft', { body: text().notNull(), deletedAt: timestamp() }, (t) => [
  index('by_deleted').on(t.deletedAt),
  deletion('soft', { column: t.deletedAt }),
]);
const stamped = convexTable('stamped', {
  body: text().notNull(),
  n: integer(),
  stamp: text().$onUpdateFn(() => 'y'.repeat(200)),
});
const hooked = convexTable('hooked', { body: text().notNull(), n: integer() });
const parents = convexTable('parents', { name: text().notNull().unique() });
const kids = convexTable('kids', {
  body: text().notNull(),
  parentName: text().references(() => parents.name, { onUpdate: 'cascade' }),
});
const tables = { notes, soft, stamped, hooked, parents, kids };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));
const triggers = defineTriggers(relations, {
  hooked: { beforeUpdate: ({ new: row }: any) => ({ body: `${row.body}${'w'.repeat(500)}` }) },
} as any);
const orm = createOrm({ relations, triggers } as any);

const backend = () => convexTest({ schema, modules, transactionLimits: true });
const outcome = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'ok',
    (e: any) => e.code,
  );
/** A `body` string making a document of `size` bytes holding `body` and `other` bytes of other fields. */
const bodyFor = (size: number, other = 0) => 'x'.repeat(size - 2 - 38 - 23 - ('body'.length + 1 + 2) - other);

describe('document limits at their boundary, through the ORM', () => {
  it('a 1 MiB document is written; one byte more is VALIDATION', async () => {
    const t = backend();
    const at = await t.run((ctx) =>
      outcome(
        orm
          .db(ctx)
          .insert(notes)
          .values({ body: bodyFor(MiB) }),
      ),
    );
    const over = await t.run((ctx) =>
      outcome(
        orm
          .db(ctx)
          .insert(notes)
          .values({ body: bodyFor(MiB + 1) }),
      ),
    );
    expect([at, over]).toEqual(['ok', 'VALIDATION']);
    expect(await t.run(async (ctx) => (await ctx.db.query('notes').collect()).length)).toBe(1);
  });

  it('16 levels are written; 17 are VALIDATION', async () => {
    const nest = (levels: number) => {
      let v: unknown = 1;
      for (let i = 1; i < levels; i++) v = { a: v }; // the document is level 1
      return v;
    };
    const t = backend();
    const at = await t.run((ctx) =>
      outcome(
        orm
          .db(ctx)
          .insert(notes)
          .values({ body: nest(16) }),
      ),
    );
    const over = await t.run((ctx) =>
      outcome(
        orm
          .db(ctx)
          .insert(notes)
          .values({ body: nest(17) }),
      ),
    );
    expect([at, over]).toEqual(['ok', 'VALIDATION']);
  });

  it('what a statement adds itself is measured before its first write (soft delete, $onUpdateFn, hook, cascade)', async () => {
    const t = backend();
    const parentId = await t.run(async (ctx) => {
      for (let i = 0; i < 3; i++) {
        const size = MiB - (i === 2 ? 5 : 105);
        await ctx.db.insert('soft', { body: bodyFor(size) });
        await ctx.db.insert('stamped', { body: bodyFor(size - 45) });
        await ctx.db.insert('hooked', { body: bodyFor(size - 295) });
        await ctx.db.insert('kids', { parentName: 'p', body: bodyFor(size - 95, 'parentName'.length + 1 + 3) });
      }
      return ctx.db.insert('parents', { name: 'p' });
    });
    const outcomes = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      return [
        await outcome(db.delete(soft).all()),
        await outcome(db.update(stamped).set({ n: 1 }).all()),
        await outcome(db.update(hooked).set({ n: 1 }).all()),
        await outcome(
          db
            .update(parents)
            .set({ name: 'q'.repeat(200) })
            .where(eq(parents._id, parentId)),
        ),
      ];
    });
    expect(outcomes).toEqual(['VALIDATION', 'VALIDATION', 'VALIDATION', 'VALIDATION']);
    const written = await t.run(async (ctx) => ({
      soft: (await ctx.db.query('soft').collect()).filter((d) => d.deletedAt != null).length,
      stamped: (await ctx.db.query('stamped').collect()).filter((d) => d.n != null).length,
      hooked: (await ctx.db.query('hooked').collect()).filter((d) => d.n != null).length,
      kids: (await ctx.db.query('kids').collect()).filter((d) => d.parentName !== 'p').length,
      parents: (await ctx.db.query('parents').collect()).map((d) => d.name),
    }));
    expect(written).toEqual({ soft: 0, stamped: 0, hooked: 0, kids: 0, parents: ['p'] });
  });
});
