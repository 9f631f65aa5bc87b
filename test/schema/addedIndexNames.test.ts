import { describe, expect, it } from 'vitest';
import {
  type AnyColumn,
  aggregateIndex,
  convexTable,
  foreignKey,
  getTableConfig,
  id,
  index,
  integer,
  text,
  unique,
} from '../../src/index';

// docs/schema.md "Indexes the ORM adds": when no index starts with a unique constraint's or a foreign
// key's columns, the ORM adds `<columns>_unique` / `<columns>_fk`. The user names neither: a table
// whose own names are all valid (columns and indexes of at most 64 characters, no duplicates) must
// not be refused because of a name the ORM made up. Postgres shortens the constraint and index names
// it generates (NAMEDATALEN) and picks a free one (`..._key1`) instead of refusing the CREATE TABLE.

const MAX = 64;

function added(table: Parameters<typeof getTableConfig>[0], source: 'unique' | 'foreignKey') {
  return getTableConfig(table).indexes.filter((i) => i.source === source);
}

describe('indexes the ORM adds get names Convex takes', () => {
  it('a composite unique constraint over four ordinary column names (65-character added name)', () => {
    const make = () =>
      convexTable(
        'imports',
        {
          tenantId: text().notNull(),
          externalSystemName: text().notNull(),
          externalRecordId: text().notNull(),
          recordVersion: integer().notNull(),
        },
        (t) => [unique().on(t.tenantId, t.externalSystemName, t.externalRecordId, t.recordVersion)],
      );
    // Today: INVALID_SCHEMA 'Invalid index name "tenantId_externalSystemName_externalRecordId_recordVersion_unique": ... at most 64 characters.'
    expect(make).not.toThrow();
    const [index] = added(make(), 'unique');
    expect(index!.fields).toEqual(['tenantId', 'externalSystemName', 'externalRecordId', 'recordVersion']);
    expect(index!.name.length).toBeLessThanOrEqual(MAX);
    // Cut, and ending in a hash of the whole name: pinned, as a deployed index must keep its name.
    expect(index!.name).toBe('tenantId_externalSystemName_externalRecordId_recordVersi_153k5r0');
  });

  it('.unique() on a column whose name is valid (60 characters)', () => {
    const column = `c${'x'.repeat(59)}`;
    const make = () => convexTable('longnames', { [column]: text().unique() });
    expect(make).not.toThrow();
    expect(added(make(), 'unique')[0]!.name.length).toBeLessThanOrEqual(MAX);
  });

  it('a composite foreign key whose added <columns>_fk index name would pass 64 characters', () => {
    const parents = convexTable(
      'parents',
      { organizationId: text().notNull(), departmentCode: text().notNull(), costCenterNumber: text().notNull() },
      (t) => [unique().on(t.organizationId, t.departmentCode, t.costCenterNumber)],
    );
    const make = () =>
      convexTable(
        'children',
        {
          parentOrganizationId: text(),
          parentDepartmentCode: text(),
          parentCostCenterNumber: text(),
        },
        (t) => [
          foreignKey({
            columns: [t.parentOrganizationId, t.parentDepartmentCode, t.parentCostCenterNumber],
            foreignColumns: [parents.organizationId, parents.departmentCode, parents.costCenterNumber],
          }),
        ],
      );
    expect(make).not.toThrow();
    expect(added(make(), 'foreignKey')[0]!.name.length).toBeLessThanOrEqual(MAX);
  });

  it('a declared index that happens to be named like the one the ORM would add', () => {
    // The user declares `email_unique` (on another column) once; the ORM's own index for
    // `email: text().unique()` must not take the same name and make the table "define it twice".
    const make = () =>
      convexTable('accounts', { email: text().unique(), name: text(), ownerId: id('accounts') }, (t) => [
        index('email_unique').on(t.name),
      ]);
    expect(make).not.toThrow();
    const names = getTableConfig(make()).indexes.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    expect(getTableConfig(make()).indexes.find((i) => i.name === 'email_unique')!.fields).toEqual(['name']);
    expect(added(make(), 'unique')[0]).toMatchObject({ name: 'email_unique_1', fields: ['email'] });
  });

  it("an aggregate's added <name>_<column> index next to a declared index of that name", () => {
    const make = () =>
      convexTable('scores', { player: text(), points: integer() }, (t) => [
        index('stats_points').on(t.player),
        aggregateIndex('stats').all().min(t.points),
      ]);
    expect(make).not.toThrow();
    expect(getTableConfig(make()).aggregateIndexes[0]!.extremaIndexes).toEqual({ points: 'stats_points_1' });
  });

  it('names Convex takes as they are do not change', () => {
    const table = convexTable('plain', {
      email: text().unique(),
      ownerId: id('plain').references((): AnyColumn => table._id),
    });
    expect(getTableConfig(table).indexes.map((i) => i.name)).toEqual(['email_unique', 'ownerId_fk']);
  });
});
