import { describe, expect, it } from 'vitest';
import {
  buildSchemaRegistry,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  foreignKey,
  id,
  index,
  isOrmError,
  searchIndex,
  text,
  unique,
  uniqueIndex,
  vector,
  vectorIndex,
} from '../../src/index';
import { schemaError } from './schemaError';

type ExportedTable = {
  tableName: string;
  indexes: { indexDescriptor: string; fields: string[] }[];
  searchIndexes: { indexDescriptor: string; searchField: string; filterFields: string[] }[];
  vectorIndexes: { indexDescriptor: string; vectorField: string; dimensions: number }[];
  documentType: { type: string; value: Record<string, { fieldType: { type: string }; optional: boolean }> };
};

function exported(schema: unknown): Record<string, ExportedTable> {
  const json = JSON.parse((schema as { export(): string }).export()) as { tables: ExportedTable[] };
  return Object.fromEntries(json.tables.map((table) => [table.tableName, table]));
}

const users = convexTable('users', { name: text().notNull(), bio: text(), embedding: vector(2) }, (t) => [
  searchIndex('search_bio').on(t.bio),
  vectorIndex('by_embedding').on(t.embedding),
]);
const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
  },
  (t) => [index('by_title').on(t.title)],
);

describe('defineSchema', () => {
  it('builds the Convex table definitions once, on the first read of tables', () => {
    const schema = defineSchema({ users, posts });
    const first = schema.tables;
    // One object for every reader (convex-test, `export()`), the ORM's tables and the reserved ones in it.
    expect(schema.tables).toBe(first);
    expect(Object.keys(first).sort()).toEqual(Object.keys(exported(schema)).sort());
    expect(Object.keys(schema)).toContain('tables');
  });

  it('checks foreign keys when it is called, not when tables are read', () => {
    const orphan = convexTable('orphans', { ownerId: id('owners').references(() => posts._id) });
    expect(schemaError(() => defineSchema({ orphan }))).toMatchObject({ code: 'INVALID_SCHEMA' });
  });

  it('returns a Convex schema with validators, indexes and the migration tables', () => {
    const tables = exported(defineSchema({ users, posts }));
    expect(Object.keys(tables).sort()).toEqual([
      'aggregate_bucket',
      'aggregate_state',
      'migration_run',
      'migration_state',
      'posts',
      'users',
    ]);
    expect(tables.users?.documentType.value.name).toEqual({ fieldType: { type: 'string' }, optional: false });
    expect(tables.users?.documentType.value.bio).toMatchObject({ optional: true, fieldType: { type: 'union' } });
    expect(tables.posts?.indexes.map((i) => [i.indexDescriptor, i.fields])).toEqual([
      ['by_title', ['title']],
      ['authorId_fk', ['authorId']],
    ]);
    expect(tables.users?.searchIndexes[0]).toMatchObject({ indexDescriptor: 'search_bio', searchField: 'bio' });
    expect(tables.users?.vectorIndexes[0]).toMatchObject({ indexDescriptor: 'by_embedding', dimensions: 2 });
  });

  it('passes options through to Convex', () => {
    const schema = defineSchema({ users }, { schemaValidation: false });
    expect((schema as unknown as { schemaValidation: boolean }).schemaValidation).toBe(false);
  });

  it('rejects a reference to a table that is not in the schema, naming both', () => {
    try {
      defineSchema({ posts });
      expect.unreachable();
    } catch (error) {
      expect(isOrmError(error, 'INVALID_SCHEMA')).toBe(true);
      expect((error as Error).message).toBe(
        `Column "posts.authorId" references table "users", which is not in the schema; add it.`,
      );
    }
  });

  it('rejects an id column referencing the _id of a different table', () => {
    const groups = convexTable('groups', { name: text() });
    const bad = convexTable('bad', { groupId: id('users').references(() => groups._id) });
    expect(() => defineSchema({ groups, users, bad })).toThrow(
      'Column "bad.groupId" is id("users") but references "groups._id"; use id("groups").',
    );
  });

  it('rejects two different tables with the same name', () => {
    const again = convexTable('users', { other: text() });
    expect(() => defineSchema({ users, again })).toThrow(/Two different tables are named "users"/);
  });
});

describe('foreign keys reference _id or a unique constraint', () => {
  // Postgres refuses these at CREATE TABLE (42830: no unique constraint matching given keys):
  // deleting one of two groups sharing a code would cascade to seats whose group still exists.
  const groups = convexTable('groups', { code: text().notNull(), zone: text().notNull() }, (t) => [
    index('groups_code').on(t.code, t.zone),
  ]);
  const seats = convexTable('seats', { group: text().notNull(), zone: text().notNull() }, (t) => [
    foreignKey({ columns: [t.group], foreignColumns: [groups.code] }).onDelete('cascade'),
  ]);
  const desks = convexTable('desks', { group: text().notNull(), zone: text().notNull() }, (t) => [
    foreignKey({ name: 'desk_group', columns: [t.group, t.zone], foreignColumns: [groups.code, groups.zone] }),
  ]);

  it('rejects a single column without .unique(), naming the foreign key, both tables and the fix', () => {
    for (const define of [
      () => defineSchema({ groups, seats }),
      () => createOrm({ relations: defineRelations({ groups, seats }) }),
    ]) {
      expect(schemaError(define)).toEqual({
        code: 'INVALID_SCHEMA',
        table: 'seats',
        message:
          'Foreign key "seats_group_fk" of "seats" references "groups"(code), which is neither its _id nor a unique constraint of it; add .unique() to column "groups.code", or reference "groups._id".',
      });
    }
  });

  it('rejects columns that are only part of, or more than, a unique constraint', () => {
    const partly = convexTable('groups', { code: text().notNull(), zone: text().notNull() }, (t) => [
      unique('groups_code_zone').on(t.code, t.zone),
    ]);
    expect(schemaError(() => buildSchemaRegistry({ groups: partly, seats })).message).toMatch(
      /"seats_group_fk" of "seats" references "groups"\(code\)/,
    );
    const single = convexTable('groups', { code: text().notNull().unique(), zone: text().notNull() });
    expect(schemaError(() => buildSchemaRegistry({ groups: single, desks })).message).toContain(
      'Foreign key "desk_group" of "desks" references "groups"(code, zone), which is neither its _id nor a unique constraint of it; add unique().on(...) or uniqueIndex(...).on(...) over exactly (code, zone) to "groups", or reference "groups._id".',
    );
  });

  it('accepts _id, a .unique() column, and a unique constraint or unique index on exactly the columns, in any order', () => {
    const byColumn = convexTable('groups', { code: text().notNull().unique(), zone: text().notNull() });
    const byConstraint = convexTable('groups', { code: text().notNull(), zone: text().notNull() }, (t) => [
      unique('groups_zone_code').on(t.zone, t.code),
    ]);
    const byIndex = convexTable('groups', { code: text().notNull(), zone: text().notNull() }, (t) => [
      uniqueIndex('groups_code_zone').on(t.code, t.zone),
    ]);
    const byId = convexTable('seats', { group: id('groups').notNull() }, (t) => [
      foreignKey({ columns: [t.group], foreignColumns: [groups._id] }),
    ]);
    expect(buildSchemaRegistry({ groups: byColumn, seats }).foreignKeys('seats')).toHaveLength(1);
    expect(buildSchemaRegistry({ groups: byConstraint, desks }).foreignKeys('desks')).toHaveLength(1);
    expect(buildSchemaRegistry({ groups: byIndex, desks }).foreignKeys('desks')).toHaveLength(1);
    expect(buildSchemaRegistry({ groups, seats: byId }).referencesTo('groups')).toHaveLength(1);
  });

  it('resolves a foreign key declared on the column and on the table (one name and definition) as one', () => {
    const twice = convexTable('seats', { group: id('groups').references(() => groups._id) }, (t) => [
      foreignKey({ name: 'seats_group_fk', columns: [t.group], foreignColumns: [groups._id] }),
    ]);
    const registry = buildSchemaRegistry({ groups, seats: twice });
    expect(registry.foreignKeys('seats').map((fk) => fk.name)).toEqual(['seats_group_fk']);
    expect(registry.referencesTo('groups')).toHaveLength(1);
  });
});

describe('buildSchemaRegistry', () => {
  it('resolves foreign keys in both directions', () => {
    const registry = buildSchemaRegistry({ users, posts });
    expect(registry.foreignKeys('posts')).toEqual([
      {
        name: 'posts_authorId_fk',
        table: 'posts',
        fields: ['authorId'],
        foreignTable: 'users',
        foreignFields: ['_id'],
        onDelete: 'cascade',
        onUpdate: 'no action',
      },
    ]);
    expect(registry.referencesTo('users').map((fk) => fk.table)).toEqual(['posts']);
    expect(registry.referencesTo('posts')).toEqual([]);
    expect(registry.table('users').name).toBe('users');
    expect(() => registry.table('nope')).toThrow(/Table "nope" is not part of this schema/);
  });
});
