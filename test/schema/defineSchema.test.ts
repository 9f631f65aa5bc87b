import { describe, expect, it } from 'vitest';
import {
  buildSchemaRegistry,
  convexTable,
  defineSchema,
  id,
  index,
  isOrmError,
  searchIndex,
  text,
  vector,
  vectorIndex,
} from '../../src/index';

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
        `Column "posts.authorId" references table "users", which is not in the schema; add it to the schema's tables.`,
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
