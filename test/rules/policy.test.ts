import { describe, expect, it } from 'vitest';
import { relations } from '../../example/convex/schema';
import { isOrmError } from '../../src/errors';
import { evaluateFilter } from '../../src/filter/evaluate';
import type { FilterNode } from '../../src/filter/tree';
import { SchemaContext } from '../../src/query/schemaContext';
import { visibleRows, writableRows } from '../../src/query/visibleRows';
import { defineRules, type RulesOf } from '../../src/rules/define';
import { RulePolicy } from '../../src/rules/policy';

const base = new SchemaContext(relations);
const scoped = (
  evaluate: (ctx: unknown) => RulesOf<typeof relations, unknown> | Promise<RulesOf<typeof relations, unknown>>,
  defaultDeny = false,
  ctx: unknown = {},
) => {
  const schema = base.withRules(new RulePolicy(base, defineRules(relations, evaluate, { defaultDeny }), ctx));
  return { schema, rules: schema.rules! };
};
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};
const eq = (field: string, value: string): FilterNode => ({ kind: 'compare', field, op: 'eq', value });

describe('RulePolicy', () => {
  it('a synchronous rule function is evaluated on first use, once', () => {
    let calls = 0;
    const { rules } = scoped(() => {
      calls++;
      return { posts: { read: { title: 'a' } } };
    });
    expect(rules.filter('posts', 'read')).toEqual(eq('title', 'a'));
    expect(rules.filter('posts', 'delete')).toBeNull();
    expect(calls).toBe(1);
  });

  it('an async rule function must be awaited (ready) before its filters are used, and runs once', async () => {
    let calls = 0;
    const { rules } = scoped(async () => {
      calls++;
      return { posts: { read: { title: 'a' } } };
    });
    const early = thrown(() => rules.filter('posts', 'read'));
    expect(isOrmError(early, 'INVALID_QUERY')).toBe(true);
    expect((early as Error).message).toContain('await a query of this db before calling explain()');
    await Promise.all([rules.ready(), rules.ready()]);
    expect(rules.filter('posts', 'read')).toEqual(eq('title', 'a'));
    expect(calls).toBe(1);
  });

  it('update: a rule is using and check; { using } checks with using; { using, check } apart', () => {
    const one = scoped(() => ({ posts: { update: { title: 'u' } } })).rules;
    expect([one.filter('posts', 'updateUsing'), one.filter('posts', 'updateCheck')]).toEqual([
      eq('title', 'u'),
      eq('title', 'u'),
    ]);
    const using = scoped(() => ({ posts: { update: { using: { title: 'u' } } } })).rules;
    expect(using.filter('posts', 'updateCheck')).toEqual(eq('title', 'u'));
    const both = scoped(() => ({ posts: { update: { using: { title: 'u' }, check: { title: 'c' } } } })).rules;
    expect([both.filter('posts', 'updateUsing'), both.filter('posts', 'updateCheck')]).toEqual([
      eq('title', 'u'),
      eq('title', 'c'),
    ]);
  });

  it('defaultDeny: a table without an entry, or an entry without the operation, is RULE_VIOLATION naming it', () => {
    const { rules } = scoped(() => ({ posts: { read: {} } }), true);
    const table = thrown(() => rules.filter('users', 'read'));
    expect(isOrmError(table, 'RULE_VIOLATION')).toBe(true);
    expect((table as Error).message).toContain('Table "users" has no rules and the rules deny by default');
    const operation = thrown(() => rules.filter('posts', 'updateUsing'));
    expect((operation as Error).message).toContain('The rules of "posts" have no "update" rule and deny by default');
    expect(rules.filter('posts', 'read')).toBeNull();
    // Without defaultDeny, a missing rule is no condition.
    expect(scoped(() => ({})).rules.filter('users', 'read')).toBeNull();
  });

  it('a function rule becomes a residual row test over the row as queries return it, with the ctx', () => {
    const ctx = { viewer: 'v' };
    const seen: unknown[] = [];
    const { rules } = scoped(
      () => ({
        users: {
          read: (row, ruleCtx) => {
            seen.push(row.age, ruleCtx);
            return row.name === 'Ada';
          },
        },
      }),
      false,
      ctx,
    );
    const node = rules.filter('users', 'read')!;
    expect(node).toMatchObject({ kind: 'test', label: 'rule users.read()' });
    // The stored row has no `age`; the rule sees it as null, as queries return it.
    expect(evaluateFilter(node, { name: 'Ada', email: 'a@x' })).toBe(true);
    expect(evaluateFilter(node, { name: 'Bob', email: 'b@x' })).toBe(false);
    expect(seen).toEqual([null, ctx, null, ctx]);
  });
});

describe('visibleRows and writableRows with rules', () => {
  it('AND the read rule (first: relation filters resolve in order) and the operation rule into the filter, and the target read rule into relation filters', () => {
    const { schema } = scoped(() => ({
      users: { read: { name: 'me' } },
      posts: { read: { title: 'visible' }, delete: { title: 'mine' } },
    }));
    const author: FilterNode = { kind: 'relation', relation: 'author', filter: eq('email', 'x') };
    expect(visibleRows(schema, 'posts', author)).toEqual({
      kind: 'and',
      children: [
        eq('title', 'visible'),
        {
          kind: 'relation',
          relation: 'author',
          filter: { kind: 'and', children: [eq('name', 'me'), eq('email', 'x')] },
        },
      ],
    });
    expect(writableRows(schema, 'posts', null, 'delete', true)).toEqual({
      kind: 'and',
      children: [eq('title', 'visible'), eq('title', 'mine')],
    });
  });

  it('relation filters inside rules see the target table through its own read rule', () => {
    const { schema } = scoped(() => ({
      users: { read: { name: 'me' } },
      comments: { read: { author: true } },
    }));
    expect(visibleRows(schema, 'comments', null)).toEqual({
      kind: 'relation',
      relation: 'author',
      filter: eq('name', 'me'),
    });
  });

  it('rules that reach each other through relation filters are RELATION_CONFIG, not an endless expansion', () => {
    const { schema } = scoped(() => ({
      users: { read: { posts: { title: 'x' } } },
      posts: { read: { author: { name: 'y' } } },
    }));
    const error = thrown(() => visibleRows(schema, 'posts', null));
    expect(isOrmError(error, 'RELATION_CONFIG')).toBe(true);
    expect((error as Error).message).toContain('The rules recurse');
  });

  it('a cycle through a many-to-many junction read rule is RELATION_CONFIG too (its links are read under that rule)', () => {
    const { schema } = scoped(() => ({
      users: { read: { groups: { name: 'staff' } } },
      usersToGroups: { read: { user: true } },
    }));
    const error = thrown(() => visibleRows(schema, 'users', null));
    expect(isOrmError(error, 'RELATION_CONFIG')).toBe(true);
    expect((error as Error).message).toContain('users.read -> usersToGroups.read');
  });
});
