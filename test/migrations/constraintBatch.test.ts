import { describe, expect, it } from 'vitest';
import { check, convexTable, createOrm, defineRelations, gte, id, integer, text, unique } from '../../src/index';
import { constraintBatchSize, rangesPerDocument, tableConstraints } from '../../src/migrations/constraints';

const teams = convexTable('teams', { name: text().notNull().unique() });
const members = convexTable(
  'members',
  {
    email: text().unique(),
    code: text(),
    region: text(),
    age: integer(),
    teamId: id('teams').references(() => teams._id),
  },
  (t) => [unique('code_region').on(t.code, t.region).nullsNotDistinct(), check('age_ok', gte(t.age, 0))],
);
const notes = convexTable('notes', { body: text() }, (t) => [check('body_set', gte(t.body, ''))]);
const { registry } = createOrm({ relations: defineRelations({ teams, members, notes }) }).schema.schema;

describe('the index ranges a constraint check of one document may read', () => {
  it('one per unique constraint (each null-or-absent combination when nulls are not distinct) and per foreign key; none per check', () => {
    expect(rangesPerDocument(tableConstraints(registry, 'members')!)).toBe(1 + 4 + 1);
    expect(rangesPerDocument(tableConstraints(registry, 'teams')!)).toBe(1);
    expect(rangesPerDocument(tableConstraints(registry, 'notes')!)).toBe(0);
    expect(tableConstraints(registry, 'migration_state')).toBeUndefined();
  });

  it('a batch holds the documents whose probes fit the ranges left after its page, at least one', () => {
    expect(constraintBatchSize(4096, 6, 4000)).toBe(666);
    expect(constraintBatchSize(100, 6, 4000)).toBe(100);
    expect(constraintBatchSize(4096, 0, 4000)).toBe(4096);
    expect(constraintBatchSize(4096, 1, 4000)).toBe(3999);
    expect(constraintBatchSize(4096, 8000, 4000)).toBe(1);
  });
});
