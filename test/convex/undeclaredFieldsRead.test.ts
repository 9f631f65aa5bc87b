// Reads return the declared columns and the system fields only (src/query/readRow.ts), as Drizzle
// selects a table's declared columns: under `defineSchema(tables, { schemaValidation: false })`
// Convex stores documents with fields the schema does not declare (a column dropped from the schema
// whose data was not migrated yet, raw `ctx.db` writes, imports). Such a field must not come back
// through a plain `findMany()`, a shaped one (`_count`, `with`), `db.select()` or `returning()`:
// the row would be wider than its type and than `selectValidator` (a function with `returns`
// would throw), and a dropped secret would leak through every read.
import { mutationGeneric, queryGeneric } from 'convex/server';
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  id,
  resultValidator,
  selectValidator,
  text,
} from '../../src/index';
import { backend, m, q } from './convexUser/harness';

const users = convexTable('users', { name: text().notNull(), invitedBy: id('users') });
const tables = { users };
const schema = defineSchema(tables, { schemaValidation: false });
const relations = defineRelations(tables, (r) => ({
  users: {
    inviter: r.one.users({ from: r.users.invitedBy, to: r.users._id, alias: 'invite' }),
    invitees: r.many.users({ alias: 'invite' }),
  },
}));
const orm = createOrm({ relations });

const fns = {
  list: queryGeneric({
    args: {},
    returns: v.array(selectValidator(users)),
    handler: (ctx) => orm.db(ctx).query.users.findMany(),
  }),
  raw: queryGeneric({ args: {}, handler: (ctx) => orm.db(ctx).query.users.findMany() }),
  selected: queryGeneric({ args: {}, handler: (ctx) => orm.db(ctx).select().from(users) }),
  updated: mutationGeneric({
    args: {},
    handler: (ctx) => orm.db(ctx).update(users).set({ name: 'Ada L.' }).where(eq(users.name, 'Ada')).returning(),
  }),
  shaped: queryGeneric({
    args: {},
    returns: v.array(resultValidator(relations, 'users', { _count: { invitees: true } })),
    handler: (ctx) => orm.db(ctx).query.users.findMany({ _count: { invitees: true } }),
  }),
};

describe('findMany() without columns under schemaValidation: false', () => {
  it('returns the declared columns only, as its type and selectValidator say', async () => {
    const t = backend(schema, fns);
    await t.run((ctx) => ctx.db.insert('users', { name: 'Ada', passwordHash: 'secret' } as never));
    const rows = (await t.query(q('raw'), {})) as Record<string, unknown>[];
    expect(Object.keys(rows[0]!).sort()).toEqual(['_creationTime', '_id', 'invitedBy', 'name']);
    await expect(t.query(q('list'), {})).resolves.toHaveLength(1);
    await expect(t.query(q('shaped'), {})).resolves.toHaveLength(1);
    const selected = (await t.query(q('selected'), {})) as Record<string, unknown>[];
    expect(Object.keys(selected[0]!).sort()).toEqual(['_creationTime', '_id', 'invitedBy', 'name']);
    const updated = (await t.mutation(m('updated'), {})) as Record<string, unknown>[];
    expect(updated.map((row) => Object.keys(row).sort())).toEqual([['_creationTime', '_id', 'invitedBy', 'name']]);
    // The stored document keeps the field: reads leave it out, writes do not drop it.
    const stored = await t.run((ctx) => ctx.db.query('users').first());
    expect(stored).toMatchObject({ name: 'Ada L.', passwordHash: 'secret' });
  });
});
