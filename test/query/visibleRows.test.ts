import { describe, expect, it } from 'vitest';
import { relations } from '../../example/convex/schema';
import type { FilterNode } from '../../src/filter/tree';
import { SchemaContext } from '../../src/query/schemaContext';
import { visibleRows } from '../../src/query/visibleRows';

const schema = new SchemaContext(relations);
const notDeleted: FilterNode = { kind: 'isNull', field: 'deletedAt', negated: false };
const title: FilterNode = { kind: 'compare', field: 'title', op: 'eq', value: 'a' };

describe('visibleRows', () => {
  it('ANDs deletedAt isNull into the filter of a soft-deleting table, and adds nothing elsewhere', () => {
    expect(visibleRows(schema, 'tasks', null)).toEqual(notDeleted);
    expect(visibleRows(schema, 'tasks', title)).toEqual({ kind: 'and', children: [title, notDeleted] });
    expect(visibleRows(schema, 'tasks', title, false)).toBe(title);
    expect(visibleRows(schema, 'taskNotes', null)).toBeNull();
  });

  it('hides soft-deleted targets inside relation filters, at any depth and under NOT', () => {
    const filter: FilterNode = {
      kind: 'not',
      child: { kind: 'relation', relation: 'task', filter: { kind: 'relation', relation: 'project', filter: null } },
    };
    expect(visibleRows(schema, 'taskNotes', filter)).toEqual({
      kind: 'not',
      child: {
        kind: 'relation',
        relation: 'task',
        filter: {
          kind: 'and',
          children: [{ kind: 'relation', relation: 'project', filter: notDeleted }, notDeleted],
        },
      },
    });
  });
});
