import type { Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { boolean, convexTable, deletion, getTableConfig, index, integer, parseWhere, text } from '../../src/index';
import { bindPlan, planParams } from '../../src/planner/bind';
import { describePlan } from '../../src/planner/describe';
import { MAX_RANGES } from '../../src/planner/evaluateIndex';
import { planQuery } from '../../src/planner/plan';
import type { OrderSpec, Plan, UnionPlan } from '../../src/planner/types';

const items = convexTable(
  'items',
  { owner: text().notNull(), kind: text(), rank: integer(), name: text(), tag: text() },
  (t) => [
    index('by_owner_kind').on(t.owner, t.kind),
    index('by_owner_rank').on(t.owner, t.rank),
    index('by_name').on(t.name),
  ],
);
const table = getTableConfig(items);
const notes = convexTable('notes', { owner: text().notNull(), name: text(), deletedAt: integer() }, (t) => [
  index('by_owner').on(t.owner),
  index('by_name').on(t.name),
  index('by_deleted').on(t.deletedAt),
  deletion('soft', { column: t.deletedAt }),
]);

const asc = (field: string): OrderSpec => ({ field, direction: 'asc' });

function plan(where: object, options: { orderBy?: OrderSpec[]; limit?: number; on?: typeof table } = {}): Plan {
  const on = options.on ?? table;
  return planQuery({
    table: on,
    filter: parseWhere(where, { table: on }),
    orderBy: options.orderBy ?? [],
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
}
function union(where: object, options: Parameters<typeof plan>[1] = {}): UnionPlan {
  const result = plan(where, options);
  if (result.kind !== 'union') throw new Error(`expected a union, got ${result.kind} ${JSON.stringify(result)}`);
  return result;
}
const branchReads = (u: UnionPlan) => u.branches.map((b) => [b.index, b.ranges]);

describe('planQuery: an OR across fields as a union of index reads', () => {
  it('reads each branch through the index an equality of it pins, the whole filter as residual', () => {
    const where = { OR: [{ owner: 'a' }, { name: 'n' }] };
    const u = union(where);
    expect(branchReads(u)).toEqual([
      ['by_owner_kind', [{ eq: ['a'] }]],
      ['by_name', [{ eq: ['n'] }]],
    ]);
    expect(u.residual).toEqual(parseWhere(where, { table }));
    // No orderBy: the order of the read the union replaces (by_creation_time's key), which by_owner_kind
    // does not give past `owner` (`kind` comes first): read in turn and sorted.
    expect(u).toMatchObject({ orderBy: [asc('_creationTime'), asc('_id')], orderServed: false });
  });

  it('ANDs the other conditions into each branch, so each narrows by them too', () => {
    const u = union({ kind: 'k', OR: [{ owner: 'a' }, { name: 'n' }] });
    expect(branchReads(u)).toEqual([
      ['by_owner_kind', [{ eq: ['a', 'k'] }]],
      ['by_name', [{ eq: ['n'] }]],
    ]);
  });

  it('is not planned when a branch has no equality an index starts with, names ids, or the single read has one', () => {
    expect(plan({ OR: [{ owner: 'a' }, { tag: 't' }] })).toMatchObject({ kind: 'index', fullScan: true });
    expect(plan({ OR: [{ owner: 'a' }, { rank: { gt: 3 } }] })).toMatchObject({ kind: 'index' });
    expect(plan({ OR: [{ owner: 'a' }, { _id: 'x' }] })).toMatchObject({ kind: 'index' });
    expect(plan({ name: 'n', OR: [{ owner: 'a' }, { kind: 'k' }] })).toMatchObject({ kind: 'index', index: 'by_name' });
  });

  it('beside an equality the single read pins, is planned when each branch pins more fields, that one among them', () => {
    const u = union({ owner: 'a', OR: [{ kind: 'k', tag: 't' }, { rank: 3 }] });
    expect(branchReads(u)).toEqual([
      ['by_owner_kind', [{ eq: ['a', 'k'] }]],
      ['by_owner_rank', [{ eq: ['a', 3] }]],
    ]);
    // The residual keeps the whole filter: each branch is tested on what the other reads too.
    expect(u.residual).toEqual(parseWhere({ owner: 'a', OR: [{ kind: 'k', tag: 't' }, { rank: 3 }] }, { table }));
    // A branch that pins no field past `owner` (`tag` has no index) reads all of the owner's rows: one read does.
    expect(plan({ owner: 'a', OR: [{ kind: 'k' }, { tag: 't' }] })).toMatchObject({ kind: 'index' });
    // A branch pinning another field, not `owner`, may read rows of every owner.
    expect(plan({ owner: 'a', OR: [{ kind: 'k' }, { name: 'n' }] })).toMatchObject({ kind: 'index' });
    // Beside a read of `owner = a, rank >= 3`, a branch by (owner, kind) drops the range: all of a's kind-k rows.
    expect(plan({ owner: 'a', rank: { gte: 3 }, OR: [{ kind: 'k', tag: 't' }, { rank: 5 }] })).toMatchObject({
      kind: 'index',
      index: 'by_owner_rank',
    });
    // Nor beside a read that serves the order to a limit, where the branches cannot merge in it.
    expect(plan({ owner: 'a', OR: [{ kind: 'k' }, { rank: 3 }] }, { orderBy: [asc('rank')], limit: 5 })).toMatchObject({
      kind: 'index',
      index: 'by_owner_rank',
      orderServed: true,
    });
  });

  it('beside an equality, two branches that pin only booleans or enums past it stay residual, with no advice', () => {
    const tasks = convexTable(
      'tasks',
      { owner: text().notNull(), done: boolean(), archived: boolean(), title: text() },
      (t) => [
        index('by_owner_done').on(t.owner, t.done),
        index('by_owner_archived').on(t.owner, t.archived),
        index('by_owner_title').on(t.owner, t.title),
      ],
    );
    const on = getTableConfig(tasks);
    const broad = plan({ owner: 'a', OR: [{ done: true }, { archived: false }] }, { on });
    expect(broad).toMatchObject({ kind: 'index', ranges: [{ eq: ['a'] }] });
    expect(broad).not.toHaveProperty('broadOr');
    // One broad branch beside a narrow one adds at most the owner's rows to it.
    expect(branchReads(union({ owner: 'a', OR: [{ done: true }, { title: 't' }] }, { on }))).toEqual([
      ['by_owner_done', [{ eq: ['a', true] }]],
      ['by_owner_title', [{ eq: ['a', 't'] }]],
    ]);
  });

  it('is not planned for a branch only an index range narrows: its size is unknown, its rows read once per branch', () => {
    expect(plan({ OR: [{ owner: 'a' }, { name: { gt: 'm' } }] })).toMatchObject({ kind: 'index', fullScan: true });
    expect(plan({ OR: [{ owner: 'a' }, { name: { gt: 'm' } }] }, { on: getTableConfig(notes) })).toMatchObject({
      kind: 'index',
    });
  });

  it('drops a branch that can match nothing', () => {
    const u = union({ OR: [{ owner: 'a' }, { name: 'n', AND: [{ name: 'm' }] }, { name: 'o' }] });
    expect(branchReads(u)).toEqual([
      ['by_owner_kind', [{ eq: ['a'] }]],
      ['by_name', [{ eq: ['o'] }]],
    ]);
  });

  it('merges branches that each give orderBy in one index order, where a limit may stop the read', () => {
    const where = { OR: [{ owner: 'a' }, { owner: 'b', kind: 'k' }], name: { ne: 'x' } };
    const ranked = union(where, { orderBy: [asc('rank')], limit: 5 });
    // by_owner_rank gives rank past `owner` in both: chosen over by_owner_kind's longer prefix for the second.
    expect(branchReads(ranked)).toEqual([
      ['by_owner_rank', [{ eq: ['a'] }]],
      ['by_owner_rank', [{ eq: ['b'] }]],
    ]);
    expect(ranked).toMatchObject({ orderServed: true, order: 'asc', sortKey: ['rank', '_creationTime', '_id'] });
    // Without a limit every match is read anyway: the narrowest range of each branch (of equals, the
    // one giving the order), sorted.
    const narrowest = union(where, { orderBy: [asc('rank')] });
    expect(branchReads(narrowest)).toEqual([
      ['by_owner_rank', [{ eq: ['a'] }]],
      ['by_owner_kind', [{ eq: ['b', 'k'] }]],
    ]);
    expect(narrowest.orderServed).toBe(false);
    const created = union(
      { OR: [{ name: 'm' }, { name: 'n', kind: 'k' }, { tag: 't', name: 'o' }] },
      {
        orderBy: [{ field: '_creationTime', direction: 'desc' }],
        limit: 3,
      },
    );
    expect(created).toMatchObject({ orderServed: true, order: 'desc', sortKey: ['_creationTime', '_id'] });
  });

  it('keeps a range walked in order to a limit when the branches cannot merge in it, not a walk of the whole table', () => {
    const where = { OR: [{ owner: 'a' }, { name: 'n' }] };
    expect(plan({ ...where, name: { gt: 'm' } }, { orderBy: [asc('name')], limit: 5 })).toMatchObject({
      kind: 'index',
      index: 'by_name',
      orderServed: true,
    });
    // by_name walked whole may read every row before five match: the union reads the matches.
    expect(union(where, { orderBy: [asc('name')], limit: 5 }).orderServed).toBe(false);
    expect(union(where, { orderBy: [asc('name')] }).orderServed).toBe(false);
  });

  it('is never planned for a page or a keyed read', () => {
    const filter = parseWhere({ OR: [{ owner: 'a' }, { name: 'n' }] }, { table });
    expect(planQuery({ table, filter, inIndexOrder: true }).kind).toBe('index');
    expect(planQuery({ table, filter, pinned: ['tag'] }).kind).toBe('index');
  });

  it('is not planned for a filter whose unions would take too long to plan: its ORs stay residual', () => {
    const ors = (k: number, n: number) => ({
      AND: Array.from({ length: k }, (_, i) => ({
        OR: Array.from({ length: n }, (_, j) => (j % 2 ? { owner: `o${i}-${j}` } : { name: `n${i}-${j}` })),
      })),
    });
    // 2 ORs of 40 in an 83-node filter: 80 branch analyses of it. 40 ORs of 40 (1,641 nodes): 1,600.
    expect(plan(ors(2, 40)).kind).toBe('union');
    expect(plan(ors(40, 40)).kind).toBe('index');
  });

  it('is not planned past the ranges one transaction reads', () => {
    const values = (prefix: string) => Array.from({ length: Math.ceil(MAX_RANGES / 2) + 1 }, (_, i) => `${prefix}${i}`);
    expect(plan({ OR: [{ owner: { in: values('o') } }, { name: { in: values('n') } }] }).kind).toBe('index');
  });

  it('on a soft-deleting table, replaces the read of every live row', () => {
    const on = getTableConfig(notes);
    const live = { deletedAt: { isNull: true } };
    expect(plan({ ...live, OR: [{ owner: 'a' }, { name: 'n' }] }, { on }).kind).toBe('union');
    expect(plan(live, { on })).toMatchObject({ kind: 'index', index: 'by_deleted' });
  });

  it('binds params in each branch; a branch its bound values rule out reads nothing', () => {
    const [owner, name] = planParams(2) as [Value, Value];
    const where = {
      kind: 'and',
      children: [
        { kind: 'compare', field: 'name', op: 'ne', value: 'z' },
        {
          kind: 'or',
          children: [
            { kind: 'compare', field: 'owner', op: 'eq', value: owner },
            {
              kind: 'and',
              children: [
                { kind: 'compare', field: 'name', op: 'eq', value: name },
                { kind: 'in', field: 'name', values: ['n', 'm'], negated: false },
              ],
            },
          ],
        },
      ],
    } as const;
    const template = {
      plan: planQuery({ table, filter: where as never, params: [owner, name] }),
      params: [owner, name],
    };
    expect(template.plan.kind).toBe('union');
    const both = bindPlan(template, ['a', 'n']) as UnionPlan;
    expect(branchReads(both)).toEqual([
      ['by_owner_kind', [{ eq: ['a'] }]],
      ['by_name', [{ eq: ['n'] }]],
    ]);
    const one = bindPlan(template, ['a', 'q']) as UnionPlan;
    expect(branchReads(one)).toEqual([['by_owner_kind', [{ eq: ['a'] }]]]);
  });

  it('explains each branch by its index', () => {
    expect(describePlan(union({ OR: [{ owner: 'a' }, { name: { in: ['m', 'n'] } }] }))).toEqual({
      table: 'items',
      read: 'union',
      indexes: ['by_owner_kind', 'by_name'],
      ranges: ['by_owner_kind: owner = "a"', 'by_name: name = "m"', 'by_name: name = "n"'],
      residual: '(owner = "a" or name in ["m", "n"])',
      order: 'memory',
      fullScan: false,
    });
  });
});
