/**
 * Generated update/delete statements: a seeded pseudo-random operator
 * expression (`eq`, `ne`, ranges, `inArray`, `notInArray`, `isNull`, `like`,
 * `ilike`, `between`, `and`/`or`/`not`) picks the rows, and the returned rows
 * and the tables afterwards (cascades included) are compared. The seed is
 * fixed: the same statements every run.
 */

import { seededRandom } from '../../../seededRandom.js';
import type { TableKey } from '../../fixture/seed.js';
import type { MutationContext, MutationScenario } from '../../harness/neutral.js';

export type Expr =
  | { op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'; column: string; value: Value }
  | { op: 'inArray' | 'notInArray'; column: string; values: Value[] }
  | { op: 'isNull' | 'isNotNull'; column: string }
  | { op: 'like' | 'ilike'; column: string; pattern: string }
  | { op: 'between'; column: string; from: Value; to: Value }
  | { op: 'and' | 'or'; children: Expr[] }
  | { op: 'not'; child: Expr };
/** A plain value, or the logical id of a row of `table`. */
type Value = string | number | boolean | { table: TableKey; id: number };

interface Column {
  readonly values: readonly Value[];
  readonly ordered: boolean;
  readonly nullable: boolean;
  readonly text: boolean;
}

const columns: Partial<Record<TableKey, Record<string, Column>>> = {
  users: {
    name: { values: ['Dan', 'Alex', 'Eve', 'Zed', 'B'], ordered: true, nullable: false, text: true },
    age: { values: [19, 29, 30, 35, 41], ordered: true, nullable: true, text: false },
    verified: { values: [true, false], ordered: false, nullable: false, text: false },
    invitedBy: {
      values: [1, 2, 3].map((id) => ({ table: 'users' as const, id })),
      ordered: false,
      nullable: true,
      text: false,
    },
  },
  posts: {
    title: { values: ['Hello drizzle', 'Second post', 'Post by Eve', 'M'], ordered: true, nullable: false, text: true },
    publishedAt: { values: [1000, 2500, 4000, 7000], ordered: true, nullable: true, text: false },
    authorId: {
      values: [1, 3, 4, 6].map((id) => ({ table: 'users' as const, id })),
      ordered: false,
      nullable: false,
      text: false,
    },
  },
  comments: {
    body: { values: ['Nice', 'Hmm', 'Finally', 'G'], ordered: true, nullable: false, text: true },
    postId: {
      values: [1, 2, 4].map((id) => ({ table: 'posts' as const, id })),
      ordered: false,
      nullable: false,
      text: false,
    },
  },
};

/** A generator of random expression trees over `table`'s columns, from a fixed seed. */
export function expressions(table: TableKey, seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const spec = columns[table] ?? {};
  const leaf = (): Expr => {
    const [column, info] = pick(Object.entries(spec));
    const value = () => pick(info.values);
    const choices: (() => Expr)[] = [
      () => ({ op: 'eq', column, value: value() }),
      () => ({ op: 'ne', column, value: value() }),
      () => ({ op: 'inArray', column, values: [value(), value()] }),
      () => ({ op: 'notInArray', column, values: [value()] }),
    ];
    if (info.ordered) {
      choices.push(
        () => ({ op: pick(['gt', 'gte', 'lt', 'lte'] as const), column, value: value() }),
        () => ({ op: 'between', column, from: value(), to: value() }),
      );
    }
    if (info.text) {
      const text = String(value());
      choices.push(() => ({ op: pick(['like', 'ilike'] as const), column, pattern: `%${text.slice(0, 2)}%` }));
    }
    if (info.nullable) choices.push(() => ({ op: pick(['isNull', 'isNotNull'] as const), column }));
    return pick(choices)();
  };
  const tree = (depth: number): Expr => {
    const roll = next();
    if (depth >= 2 || roll < 0.55) return leaf();
    if (roll < 0.85) return { op: pick(['and', 'or'] as const), children: [tree(depth + 1), tree(depth + 1)] };
    return { op: 'not', child: tree(depth + 1) };
  };
  return tree;
}

/** The operator expression of `expr` on one side. */
export function build(expr: Expr, table: TableKey, { op, t, id }: MutationContext): unknown {
  const value = (v: Value) => (typeof v === 'object' ? id(v.table, v.id) : v);
  const recurse = (child: Expr) => build(child, table, { op, t, id } as MutationContext);
  switch (expr.op) {
    case 'and':
    case 'or':
      return op[expr.op](...expr.children.map(recurse));
    case 'not':
      return op.not(recurse(expr.child));
    case 'inArray':
    case 'notInArray':
      return op[expr.op](t[table][expr.column], expr.values.map(value));
    case 'isNull':
    case 'isNotNull':
      return op[expr.op](t[table][expr.column]);
    case 'like':
    case 'ilike':
      return op[expr.op](t[table][expr.column], expr.pattern);
    case 'between':
      return op.between(t[table][expr.column], value(expr.from), value(expr.to));
    default:
      return op[expr.op](t[table][expr.column], value(expr.value));
  }
}

export const describeExpr = (expr: Expr): string => JSON.stringify(expr);

function statements(
  table: TableKey,
  count: number,
  seed: number,
  statement: 'update' | 'delete',
  after: readonly TableKey[],
  set: Record<string, unknown>,
): MutationScenario[] {
  const tree = expressions(table, seed);
  return Array.from({ length: count }, (_, i) => {
    const expr = tree(0);
    const label = String(i + 1).padStart(2, '0');
    return {
      name: `gen ${statement} ${table} ${label} ${describeExpr(expr)}`,
      rowsOf: table,
      unordered: true,
      after,
      run: (context) => {
        const where = build(expr, table, context);
        const target = context.t[table];
        const query =
          statement === 'update'
            ? context.db.update(target).set(set).where(where)
            : context.db.delete(target).where(where);
        return query.returning({ id: target.id });
      },
    };
  });
}

export const generated: MutationScenario[] = [
  ...statements('users', 15, 8, 'update', ['users'], { age: 33, verified: true }),
  ...statements('posts', 15, 16, 'update', ['posts'], { title: 'Edited', publishedAt: 1 }),
  ...statements('posts', 10, 23, 'delete', ['posts', 'comments'], {}),
  ...statements('comments', 10, 42, 'delete', ['comments'], {}),
];
