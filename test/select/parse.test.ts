import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';
import { alias, and, count, desc, eq, gt, isOrmError, or } from '../../src/index';
import { parseSelect } from '../../src/select/parse';
import type { SelectState } from '../../src/select/state';

const state = (patch: Partial<SelectState>): SelectState => ({
  fields: undefined,
  distinct: false,
  from: users,
  joins: [],
  orderBy: [],
  groupBy: [],
  ...patch,
});

const parse = (patch: Partial<SelectState>) => parseSelect(orm.schema, state(patch));

function failure(patch: Partial<SelectState>): Error {
  try {
    parse(patch);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected parseSelect to throw');
}

describe('parseSelect: where each WHERE condition goes', () => {
  it('base conditions plan the base read; inner-joined ones go into the lookup; the rest after the join', () => {
    const select = parse({
      joins: [{ kind: 'inner', table: posts, on: eq(posts.authorId, users._id) }],
      where: {
        filter: and(
          eq(users.email, 'a@x.dev'),
          eq(posts.title, 'T'),
          or(eq(users.role, 'admin'), eq(posts.title, 'U')),
        ),
      },
    });
    expect(select.basePlan).toMatchObject({ kind: 'index', index: 'email_unique', residual: null });
    const [join] = select.joins;
    expect(join).toMatchObject({ kind: 'inner', keys: [{ field: 'authorId', outer: 'users._id' }] });
    expect(join!.lookup.plan).toMatchObject({
      kind: 'index',
      index: 'by_author',
      residual: { kind: 'compare', field: 'title', op: 'eq', value: 'T' },
    });
    expect(select.postFilter).toMatchObject({ kind: 'or' });
  });

  it('a left-joined table filters after the join (its missing rows are null)', () => {
    const select = parse({
      joins: [{ kind: 'left', table: posts, on: eq(posts.authorId, users._id) }],
      where: { filter: eq(posts.title, 'T') },
    });
    expect(select.joins[0]!.lookup.plan).toMatchObject({ residual: null });
    expect(select.postFilter).toEqual({ kind: 'compare', field: 'posts.title', op: 'eq', value: 'T' });
  });

  it('streams when the base index gives the order; groups and joined orders run in memory', () => {
    expect(parse({ orderBy: [desc(users._creationTime)], limit: 5 }).streamed).toBe(true);
    const joined = { joins: [{ kind: 'left' as const, table: posts, on: eq(posts.authorId, users._id) }] };
    expect(parse({ ...joined, orderBy: [desc(posts.title)] }).streamed).toBe(false);
    const grouped = parse({ ...joined, fields: { id: users._id, n: count(posts._id) }, groupBy: [users._id] });
    expect(grouped.streamed).toBe(false);
    expect(grouped.grouping).toEqual({
      keys: ['users._id'],
      aggregates: [{ key: '$aggregate.count(posts._id)', fn: 'count', field: 'posts._id' }],
      having: null,
      referenced: ['users._id', '$aggregate.count(posts._id)'],
    });
    // A join: no aggregate index serves the groups, the rows are read and grouped.
    expect(grouped.indexedGroups).toBeNull();
  });
});

describe('parseSelect: the join key', () => {
  it('every key equality of ON goes into the lookup: db.get by _id wins wherever it stands', () => {
    const inviter = alias(users, 'inviter');
    const [join] = parse({
      joins: [
        {
          kind: 'inner',
          table: inviter,
          on: and(eq(inviter.verified, users.verified), eq(inviter._id, users.invitedBy)),
        },
      ],
    }).joins;
    expect(join!.keys).toEqual([
      { field: 'verified', outer: 'users.verified', numberType: null, oneZero: false },
      { field: '_id', outer: 'users.invitedBy', numberType: null, oneZero: false },
    ]);
    expect(join!.lookup.plan).toMatchObject({ kind: 'get', ids: [join!.lookup.params[1]] });
    expect(join!.lookup.plan).toMatchObject({
      residual: { kind: 'compare', field: 'verified', value: join!.lookup.params[0] },
    });
    expect(join!.residual).toBeNull();
  });

  it('a two-column key reads one range of the index on both columns, in either order in ON', () => {
    const same = alias(posts, 'same');
    const [join] = parse({
      from: posts,
      joins: [
        {
          kind: 'inner',
          table: same,
          on: and(eq(same.publishedAt, posts.publishedAt), eq(same.authorId, posts.authorId)),
        },
      ],
    }).joins;
    const [publishedAt, authorId] = join!.lookup.params;
    expect(join!.lookup.plan).toMatchObject({
      kind: 'index',
      index: 'by_author',
      ranges: [{ eq: [authorId, publishedAt] }],
      residual: null,
    });
  });
});

describe('parseSelect: refusals', () => {
  it('a join needs an equality with a table in scope and an index on the joined column', () => {
    const noKey = failure({ joins: [{ kind: 'inner', table: posts, on: gt(posts.publishedAt, 1) }] });
    expect(isOrmError(noKey, 'INVALID_QUERY')).toBe(true);
    expect(noKey.message).toMatch(/needs an equality between a column of "posts" and a column of "users"/);
    const noIndex = failure({
      from: posts,
      joins: [{ kind: 'inner', table: comments, on: eq(comments.body, posts.title) }],
    });
    expect(isOrmError(noIndex, 'FULL_SCAN_FORBIDDEN')).toBe(true);
    expect(noIndex.message).toMatch(/add index on comments\(body\)/);
    // No key equality an index serves, wherever it stands in ON.
    const noneServed = failure({
      from: posts,
      joins: [
        { kind: 'inner', table: comments, on: and(eq(comments.body, posts.title), eq(comments.body, posts._id)) },
      ],
    });
    expect(isOrmError(noneServed, 'FULL_SCAN_FORBIDDEN')).toBe(true);
    expect(noneServed.message).toMatch(
      /on comments.body would scan "comments" once per row: no index of "comments" starts with body;/,
    );
  });

  it('columns of tables not in the select, aggregates in where, ungrouped columns', () => {
    expect(failure({ orderBy: [posts.title] }).message).toMatch(/"posts" is not in the select; join it first/);
    expect(failure({ where: { filter: gt(count(), 1) } }).message).toMatch(/filter groups with having\(\)/);
    const ungrouped = failure({ from: posts, fields: { title: posts.title, n: count() }, groupBy: [posts.authorId] });
    expect(ungrouped.message).toBe(
      'posts.title must appear in groupBy() or be used in an aggregate function (or group by posts._id).',
    );
  });

  it('selectDistinct ordered by a column it does not select names the column', () => {
    const error = failure({ distinct: true, fields: { role: users.role }, orderBy: [users.name] });
    expect(isOrmError(error, 'INVALID_QUERY')).toBe(true);
    expect(error.message).toMatch(/selectDistinct\(\) orders by users.name, which it does not select/);
    expect(parse({ distinct: true, fields: { role: users.role }, orderBy: [desc(users.role)] }).distinct).toBe(true);
    expect(parse({ distinct: true, orderBy: [users.name] }).distinct).toBe(true);
  });

  it('right and full joins, a table joined twice, nested selections', () => {
    const right = failure({ joins: [{ kind: 'right', table: posts, on: eq(posts.authorId, users._id) }] });
    expect(right.message).toMatch(/rightJoin\("posts"\) is not supported/);
    const twice = failure({
      from: posts,
      joins: [
        { kind: 'inner', table: users, on: eq(users._id, posts.authorId) },
        { kind: 'inner', table: users, on: eq(users._id, posts.authorId) },
      ],
    });
    expect(twice.message).toMatch(
      /"users" is in the select twice; join a table again under another name: alias\(users/,
    );
    expect(failure({ fields: { nested: { name: users.name } } }).message).toMatch(/got an object/);
  });
});
