import { describe, expect, it } from 'vitest';
import { convexTable, defineSchema, foreignKey, getTableConfig, id, text, unique } from '../../src/index';
import { schemaError } from './schemaError';

// Constraint names are unique per table (18952a2, as Postgres refuses a second constraint of one
// name: 42710). The check tells "the same constraint declared twice" from "two constraints" by
// a description that, for a foreign key, holds only its columns: two different foreign keys on
// one column (other tables, other actions) under one name still pass, and errors naming that
// foreign key stay ambiguous.
describe('two different constraints of one table under one name', () => {
  const owners = convexTable('owners', { slug: text().notNull().unique() });
  const teams = convexTable('teams', { slug: text().notNull().unique() });

  // A foreign key's target is known with the schema only (a column's `.references()` target is a
  // function, as it may name a table defined later), so the schema refuses this one.
  it('refuses two foreign keys named alike that reference different tables', () => {
    const files = convexTable('files', { holder: text() }, (t) => [
      foreignKey({ name: 'holder_fk', columns: [t.holder], foreignColumns: [owners.slug] }),
      foreignKey({ name: 'holder_fk', columns: [t.holder], foreignColumns: [teams.slug] }),
    ]);
    const error = schemaError(() => defineSchema({ owners, teams, files }));
    expect(error).toMatchObject({ code: 'INVALID_SCHEMA', table: 'files' });
    expect(error.message).toBe(
      'Table "files" names two constraints "holder_fk" (foreign key (holder) references owners (slug) on delete no action on update no action and foreign key (holder) references teams (slug) on delete no action on update no action); rename one.',
    );
  });

  it('refuses a column reference and a table foreign key sharing the default name with other targets', () => {
    const files = convexTable('files', { holder: text().references(() => owners.slug) }, (t) => [
      foreignKey({ columns: [t.holder], foreignColumns: [teams.slug] }),
    ]);
    const error = schemaError(() => defineSchema({ owners, teams, files }));
    expect(error).toMatchObject({ code: 'INVALID_SCHEMA', table: 'files' });
    expect(error.message).toContain('"files_holder_fk"');
  });

  it('refuses a column reference and a table foreign key sharing the default name with other actions', () => {
    const error = schemaError(() =>
      getTableConfig(
        convexTable('docs', { owner: id('owners').references(() => owners._id, { onDelete: 'cascade' }) }, (t) => [
          foreignKey({ columns: [t.owner], foreignColumns: [owners._id] }).onDelete('restrict'),
        ]),
      ),
    );
    expect(error).toMatchObject({ code: 'INVALID_SCHEMA', table: 'docs' });
    expect(error.message).toContain('"docs_owner_fk"');
  });

  it('refuses two unique constraints of one name on one column, one of them nullsNotDistinct', () => {
    const error = schemaError(() =>
      convexTable('tags', { label: text() }, (t) => [
        unique('label_key').on(t.label),
        unique('label_key').on(t.label).nullsNotDistinct(),
      ]),
    );
    expect(error).toMatchObject({ code: 'INVALID_SCHEMA', table: 'tags' });
    expect(error.message).toContain('(unique (label) and unique nulls not distinct (label))');
  });

  it('accepts one foreign key declared on the column and on the table, and one unique constraint declared twice', () => {
    const docs = convexTable(
      'docs',
      {
        owner: id('owners').references(() => owners._id, { onDelete: 'cascade' }),
        label: text().unique('label_key', { nulls: 'not distinct' }),
      },
      (t) => [
        foreignKey({ columns: [t.owner], foreignColumns: [owners._id] }).onDelete('cascade'),
        unique('label_key').on(t.label).nullsNotDistinct(),
      ],
    );
    expect(() => defineSchema({ owners, docs })).not.toThrow();
  });
});
