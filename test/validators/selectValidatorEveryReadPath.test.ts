// docs/tooling.md says selectValidator has every nullable column "as T | null
// (always present, as queries return rows)", and docs/queries.md that absent nullable columns read as
// null. A document written by raw `ctx.db` (or before a column was added) lacks those fields; every
// read path must still return rows that pass selectValidator / resultValidator as a function's
// `returns`: findMany/findFirst, columns, with (one and many), search, `_id in`, db.select() (with a
// where, a left join, a column selection) and returning() of update, delete (soft) and insert.
// Existing tests checked findMany-style reads only.
import { type GenericMutationCtx, mutationGeneric, queryGeneric } from 'convex/server';
import { type GenericValidator, v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  integer,
  objectOf,
  resultValidator,
  searchIndex,
  selectValidator,
  text,
  timestamp,
} from '../../src/index';
import { backend, m, q } from '../convex/convexUser/harness';

const things = convexTable(
  'things',
  {
    name: text().notNull(),
    score: integer(),
    atStr: timestamp({ mode: 'string' }),
    list: arrayOf(text()),
    obj: objectOf({ a: text().notNull(), b: integer() }),
    deletedAt: timestamp({ mode: 'string' }),
  },
  (t) => [
    deletion('soft', { column: t.deletedAt }),
    searchIndex('search_name').on(t.name),
    index('by_name').on(t.name),
  ],
);
const notes = convexTable('notes', { thingId: id('things').notNull(), body: text() }, (t) => [
  index('by_thing').on(t.thingId),
]);
const tables = { things, notes };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  things: { notes: r.many.notes() },
  notes: { thing: r.one.things({ from: r.notes.thingId, to: r.things._id, optional: false }) },
}));
const orm = createOrm({ relations });
const S = selectValidator(things);
const N = selectValidator(notes);

type Db = ReturnType<typeof orm.db>;
type Path = [GenericValidator, (db: Db, id: never) => unknown];

const reads: Record<string, Path> = {
  findMany: [v.array(S), (db) => db.query.things.findMany()],
  findFirst: [v.union(v.null(), S), (db) => db.query.things.findFirst()],
  columns: [
    v.array(resultValidator(relations, 'things', { columns: { score: true, obj: true } })),
    (db) => db.query.things.findMany({ columns: { score: true, obj: true } }),
  ],
  withOne: [
    v.array(resultValidator(relations, 'notes', { with: { thing: true } })),
    (db) => db.query.notes.findMany({ with: { thing: true } }),
  ],
  withMany: [
    v.array(resultValidator(relations, 'things', { with: { notes: true } })),
    (db) => db.query.things.findMany({ with: { notes: true } }),
  ],
  search: [v.array(S), (db) => db.query.things.findMany({ search: { index: 'search_name', query: 'x' } })],
  idIn: [v.array(S), (db, id) => db.query.things.findMany({ where: { _id: { in: [id] } } })],
  select: [v.array(S), (db) => db.select().from(things)],
  selectWhere: [v.array(S), (db) => db.select().from(things).where(eq(things.name, 'x'))],
  leftJoin: [
    v.array(v.object({ notes: N, things: v.union(v.null(), S) })),
    (db) => db.select().from(notes).leftJoin(things, eq(things._id, notes.thingId)),
  ],
  selection: [
    v.array(v.object({ s: v.union(v.null(), v.float64()), at: v.union(v.null(), v.string()) })),
    (db) => db.select({ s: things.score, at: things.atStr }).from(things),
  ],
};
const writes: Record<string, Path> = {
  updateReturning: [
    v.array(S),
    (db, id) => (db as never as WriteDb).update(things).set({ name: 'y' }).where(eq(things._id, id)).returning(),
  ],
  deleteReturning: [
    v.array(S),
    (db, id) => (db as never as WriteDb).delete(things).where(eq(things._id, id)).returning(),
  ],
  insertReturning: [v.array(S), (db) => (db as never as WriteDb).insert(things).values({ name: 'z' }).returning()],
};
const writerOf = (ctx: GenericMutationCtx<any>) => orm.db(ctx);
type WriteDb = ReturnType<typeof writerOf>;

async function seeded(fns: Record<string, unknown>) {
  const t = backend(schema, fns);
  const thingId = await t.run(async (ctx) => {
    // Raw writes: no nullable field present.
    const thing = await ctx.db.insert('things', { name: 'x' });
    await ctx.db.insert('notes', { thingId: thing });
    return thing;
  });
  return { t, thingId };
}

describe('rows of a document without its nullable fields pass selectValidator on every path', () => {
  for (const [name, [returns, run]] of Object.entries(reads)) {
    it(name, async () => {
      const fns = {
        f: queryGeneric({
          args: { id: v.id('things') },
          returns,
          handler: (ctx, { id }) => run(orm.db(ctx), id as never),
        }),
      };
      const { t, thingId } = await seeded(fns);
      await expect(t.query(q('f'), { id: thingId })).resolves.toBeDefined();
    });
  }
  for (const [name, [returns, run]] of Object.entries(writes)) {
    it(name, async () => {
      const fns = {
        f: mutationGeneric({
          args: { id: v.id('things') },
          returns,
          handler: (ctx, { id }) => run(orm.db(ctx), id as never),
        }),
      };
      const { t, thingId } = await seeded(fns);
      const rows = (await t.mutation(m('f'), { id: thingId })) as Record<string, unknown>[];
      expect(rows[0]!.score).toBeNull();
    });
  }
});
