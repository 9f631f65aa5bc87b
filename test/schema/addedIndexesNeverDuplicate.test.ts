/**
 * The schema refuses
 * two indexes on the same fields (Convex's IndexNotUnique), counting the indexes the ORM adds itself
 * (docs/schema.md: "two indexes on the same fields (a uniqueIndex beside an index on its columns
 * included ...)"). The ORM must never refuse a schema because of an index it chose to add: a unique
 * constraint, a foreign key (in any column order) or an aggregate index's min/max index whose fields
 * a user's index already covers reuses that index instead of adding a twin (docs/schema.md: "an
 * index ... serves the constraint and none is added"), and a search index on a field beside a
 * database index on it are different kinds, which Convex accepts (Convex backend
 * common/src/schemas: IndexNotUnique compares database indexes only; SearchIndexFieldNotUnique and
 * VectorIndexFieldNotUnique compare search indexes / vector indexes (field, dimensions) among
 * themselves). The Convex table built has no two database indexes on one field list.
 */
import { describe, expect, it } from 'vitest';
import {
  aggregateIndex,
  convexTable,
  defineSchema,
  deletion,
  foreignKey,
  getTableConfig,
  id,
  index,
  integer,
  number,
  searchIndex,
  text,
  unique,
  vector,
  vectorIndex,
} from '../../src/index';

describe('indexes the ORM adds never twin a user index', () => {
  it('constraints, foreign keys and aggregate min/max reuse the user indexes; search and vector beside them pass', () => {
    const owners = convexTable('claimOwners', { code: text().notNull().unique(), region: text().notNull() }, (t) => [
      unique('owners_region_code').on(t.region, t.code),
    ]);
    const items = convexTable(
      'claimItems',
      {
        email: text().notNull().unique(),
        region: text().notNull(),
        code: text().notNull(),
        ownerCode: text().references(() => owners.code),
        score: integer(),
        body: text().notNull(),
        embedding: vector(3),
        other: vector(3),
        deletedAt: number(),
        ownerId: id('claimOwners'),
      },
      (t) => [
        index('by_email').on(t.email),
        index('by_owner_code').on(t.ownerCode),
        index('by_code_region').on(t.code, t.region),
        index('by_region_deleted_score').on(t.region, t.deletedAt, t.score),
        foreignKey({ columns: [t.region, t.code], foreignColumns: [owners.region, owners.code] }),
        unique('items_region_code').on(t.region, t.code),
        searchIndex('search_email').on(t.email),
        searchIndex('search_body').on(t.body).filter(t.email),
        vectorIndex('by_embedding').on(t.embedding).filter(t.region),
        vectorIndex('by_other').on(t.other).filter(t.region),
        aggregateIndex('items_by_region').on(t.region).count().max(t.score),
        deletion('soft', { column: t.deletedAt }),
      ],
    );
    const schema = defineSchema({ claimOwners: owners, claimItems: items });
    const config = getTableConfig(items);
    const lists = config.indexes.map((i) => i.fields.join(','));
    expect(new Set(lists).size).toBe(lists.length);
    // Every constraint, foreign key and the aggregate's max index reuse an index of the user's: none is added.
    expect(config.indexes.filter((i) => i.source !== 'index').map((i) => i.fields)).toEqual([]);
    const table = (schema.tables as unknown as Record<string, { export(): { indexes: { fields: string[] }[] } }>)
      .claimItems!;
    const deployed = table.export().indexes.map((i) => i.fields.join(','));
    expect(deployed).toHaveLength(4);
    expect(new Set(deployed).size).toBe(deployed.length);
  });
});
