import type { GenericDatabaseReader } from 'convex/server';
import { createOrm, defineRelations } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, id, index, text } from '../../src/index';

// Relation loads by `_id` read the ids a parent row holds. From an `id(target)` column those are
// ids of the target table (Convex validated them on write): `db.get(table, id)` reads them directly.
// From any other column the id may name another table or be malformed: `normalizeId` first, so
// such a key matches nothing instead of making `db.get` throw.
const users = convexTable('users', { name: text().notNull() });
const groups = convexTable('groups', { name: text().notNull() });
const members = convexTable('members', { userId: id('users').notNull(), groupId: id('groups').notNull() }, (t) => [
  index('by_group').on(t.groupId),
]);
const notes = convexTable('notes', { body: text().notNull(), authorId: id('users'), ref: text() });
const tables = { users, groups, members, notes };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  groups: {
    users: r.many.users({ from: r.groups._id.through(r.members.groupId), to: r.users._id.through(r.members.userId) }),
  },
  notes: {
    author: r.one.users({ from: r.notes.authorId, to: r.users._id }),
    referenced: r.one.users({ from: r.notes.ref, to: r.users._id }),
  },
}));
const orm = createOrm({ relations });

async function seeded() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada' });
    const bob = await ctx.db.insert('users', { name: 'Bob' });
    const group = await ctx.db.insert('groups', { name: 'G' });
    for (const userId of [ada, bob]) await ctx.db.insert('members', { userId, groupId: group });
    await ctx.db.insert('notes', { body: 'by Ada', authorId: ada, ref: bob });
    await ctx.db.insert('notes', { body: 'foreign', authorId: bob, ref: group });
    await ctx.db.insert('notes', { body: 'malformed', authorId: null, ref: 'not an id' });
    return { ada, group };
  });
  return { t, ids };
}

/** `db` with its `normalizeId` calls counted. */
function countingNormalizeId<Db extends GenericDatabaseReader<any>>(db: Db) {
  const calls = { normalizeId: 0 };
  const counted = new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key !== 'normalizeId') return typeof value === 'function' ? value.bind(target) : value;
      return (table: string, id: string) => {
        calls.normalizeId++;
        return target.normalizeId(table, id);
      };
    },
  });
  return { db: counted, calls };
}

describe('relation loads by `_id`', () => {
  it('read ids from id(target) columns with db.get alone: no normalizeId per row, same reads', async () => {
    const { t } = await seeded();
    const { result, reads, calls } = await t.run(async (raw) => {
      const { db, calls } = countingNormalizeId(raw.db);
      const { ctx, reads } = countReads({ db });
      const ormDb = orm.db(ctx);
      const groupsWithUsers = await ormDb.query.groups.findMany({ with: { users: { columns: { name: true } } } });
      const notesWithAuthors = await ormDb.query.notes.findMany({
        columns: { body: true },
        with: { author: { columns: { name: true } } },
      });
      return { result: { groupsWithUsers, notesWithAuthors }, reads: { ...reads }, calls };
    });
    expect(result.groupsWithUsers.map((group) => group.users)).toEqual([[{ name: 'Ada' }, { name: 'Bob' }]]);
    expect(result.notesWithAuthors).toEqual([
      { body: 'by Ada', author: { name: 'Ada' } },
      { body: 'foreign', author: { name: 'Bob' } },
      { body: 'malformed', author: null },
    ]);
    // groups: 1 doc / 1 range; members: 2 / 1; users by id: 2 / 2; notes: 3 / 1; authors: Ada, Bob (cached) 2 / 2.
    expect(reads).toEqual({ documents: 10, ranges: 7 });
    expect(calls.normalizeId).toBe(0);
  });

  it('normalize ids from other columns: a foreign or malformed id matches nothing, without throwing', async () => {
    const { t } = await seeded();
    const { result, calls } = await t.run(async (raw) => {
      const { db, calls } = countingNormalizeId(raw.db);
      const result = await orm.db({ db }).query.notes.findMany({
        columns: { body: true },
        with: { referenced: { columns: { name: true } } },
      });
      return { result, calls };
    });
    expect(result).toEqual([
      { body: 'by Ada', referenced: { name: 'Bob' } },
      { body: 'foreign', referenced: null },
      { body: 'malformed', referenced: null },
    ]);
    expect(calls.normalizeId).toBe(3);
  });

  it('keep normalizeId for a user-supplied _id: an id of another table matches nothing', async () => {
    const { t, ids } = await seeded();
    const rows = await t.run((ctx) => orm.db(ctx).query.users.findMany({ where: { _id: ids.group as never } }));
    expect(rows).toEqual([]);
  });
});
