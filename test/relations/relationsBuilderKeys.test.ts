import { describe, expect, it } from 'vitest';
import { convexTable, defineRelations, defineRelationsPart, id, OrmError, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const items = (name: string) => convexTable(name, { ownerId: id('users') });

// `r` keeps each table's columns under the table's key beside `r.one` and `r.many`: a table under
// the key `one` replaced the helpers, and the relations threw "r.one.users is not a function".
describe('defineRelations with a table under the key one or many', () => {
  it.each(['one', 'many'])('%s: RELATION_CONFIG naming the key, for defineRelations and defineRelationsPart', (key) => {
    const tables = { users, [key]: items(key) };
    const message = `Table "${key}" is under the key "${key}", which defineRelations keeps for r.${key}.<table>(); export it under another key ({ ${key}Table: convexTable("${key}", ...) } keeps its Convex table name).`;
    const define = [
      () => defineRelations(tables, (r: any) => ({ users: { items: r.many[key]() } })),
      () => defineRelationsPart(tables, (r: any) => ({ users: { items: r.many[key]() } })),
    ];
    for (const build of define) {
      expect(build).toThrow(message);
      expect(build).toThrow(OrmError);
      expect(() => build()).toThrow(expect.objectContaining({ code: 'RELATION_CONFIG', table: key }));
    }
  });

  it('the Convex table name can stay one under another key', () => {
    const relations = defineRelations({ users, oneTable: items('one') }, (r) => ({
      oneTable: { owner: r.one.users({ from: r.oneTable.ownerId, to: r.users._id }) },
      users: { items: r.many.oneTable() },
    }));
    expect(relations.oneTable.tableName).toBe('one');
    expect(relations.users.relations.items).toMatchObject({ targetTable: 'oneTable', targetColumns: ['ownerId'] });
  });
});
