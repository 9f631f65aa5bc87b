import type { GenericDatabaseReader, PaginationOptions } from 'convex/server';
import { compareValues, type Value } from 'convex/values';

/**
 * The bench's read-counting wrapper around `ctx.db`, with the semantics of
 * `countReads` in `convex-orm/testing` (DESIGN.md section 6): `documents`
 * counts every document the database handed over or scanned, including the
 * ones a `.filter()` rejected; `ranges` counts `db.get` calls plus index
 * ranges opened (one per query that is read). The same wrapper measures every
 * contender, so none is charged differently.
 */
export type ReadCounts = { documents: number; ranges: number };

type Predicate = (doc: Record<string, Value>) => boolean;
type Expr = (doc: Record<string, Value>) => Value | undefined;
type AnyQuery = Record<string | symbol, any>;

/** Returns the same ctx with `db` wrapped, and the live counters. */
export function countReads<Ctx extends { db: GenericDatabaseReader<any> }>(ctx: Ctx): { ctx: Ctx; reads: ReadCounts } {
  const reads: ReadCounts = { documents: 0, ranges: 0 };
  const db = new Proxy(ctx.db, {
    get(target, key) {
      if (key === 'get') {
        return async (...args: unknown[]) => {
          reads.ranges += 1;
          const doc = await (target.get as (...a: unknown[]) => Promise<unknown>)(...args);
          if (doc !== null) reads.documents += 1;
          return doc;
        };
      }
      if (key === 'query') return (table: string) => countedQuery(target.query(table) as AnyQuery, [], reads);
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ctx: { ...ctx, db }, reads };
}

/**
 * A query whose `.filter()` predicates run here, in JS, over the documents the
 * index range hands over, so rejected documents are counted as scanned (as on
 * a real Convex deployment, where a filter does not reduce the read cost).
 */
function countedQuery(query: AnyQuery, predicates: Predicate[], reads: ReadCounts): AnyQuery {
  const next = (q: AnyQuery, p = predicates) => countedQuery(q, p, reads);
  const passes = (doc: Record<string, Value>) => predicates.every((predicate) => predicate(doc));
  async function* scan(): AsyncGenerator<any> {
    reads.ranges += 1;
    for await (const doc of query as AsyncIterable<Record<string, Value>>) {
      reads.documents += 1;
      if (passes(doc)) yield doc;
    }
  }
  async function take(n: number): Promise<any[]> {
    if (predicates.length === 0) {
      reads.ranges += 1;
      const docs = await query.take(n);
      reads.documents += docs.length;
      return docs;
    }
    const out: any[] = [];
    if (n <= 0) return out;
    for await (const doc of scan()) {
      out.push(doc);
      if (out.length >= n) break;
    }
    return out;
  }
  return {
    withIndex: (...args: unknown[]) => next(query.withIndex(...args)),
    withSearchIndex: (...args: unknown[]) => next(query.withSearchIndex(...args)),
    order: (order: 'asc' | 'desc') => next(query.order(order)),
    filter: (build: (q: typeof filterBuilder) => Expr) =>
      next(query, [...predicates, toPredicate(build(filterBuilder))]),
    async collect() {
      if (predicates.length > 0) {
        const out: any[] = [];
        for await (const doc of scan()) out.push(doc);
        return out;
      }
      reads.ranges += 1;
      const docs = await query.collect();
      reads.documents += docs.length;
      return docs;
    },
    take,
    first: async () => (await take(1))[0] ?? null,
    async unique() {
      const docs = await take(2);
      if (docs.length > 1) throw new Error('unique() query returned more than one result');
      return docs[0] ?? null;
    },
    async paginate(options: PaginationOptions) {
      reads.ranges += 1;
      const result = await query.paginate(options);
      reads.documents += result.page.length;
      return { ...result, page: result.page.filter(passes) };
    },
    [Symbol.asyncIterator]: () => scan(),
  };
}

const toPredicate =
  (expr: Expr): Predicate =>
  (doc) =>
    expr(doc) === true;
const lit = (value: unknown): Expr => (typeof value === 'function' ? (value as Expr) : () => value as Value);
const compare = (test: (order: number) => boolean) => (l: unknown, r: unknown) => {
  const [a, b] = [lit(l), lit(r)];
  return (doc: Record<string, Value>) => test(compareValues(a(doc), b(doc)));
};
const arithmetic = (op: (a: number, b: number) => number) => (l: unknown, r: unknown) => {
  const [a, b] = [lit(l), lit(r)];
  return (doc: Record<string, Value>) => op(a(doc) as number, b(doc) as number);
};

/** Convex's `FilterBuilder`, evaluated in JS with Convex's value ordering. */
const filterBuilder = {
  field:
    (path: string): Expr =>
    (doc) =>
      path.split('.').reduce<any>((value, key) => (value == null ? undefined : value[key]), doc),
  eq: compare((order) => order === 0),
  neq: compare((order) => order !== 0),
  lt: compare((order) => order < 0),
  lte: compare((order) => order <= 0),
  gt: compare((order) => order > 0),
  gte: compare((order) => order >= 0),
  add: arithmetic((a, b) => a + b),
  sub: arithmetic((a, b) => a - b),
  mul: arithmetic((a, b) => a * b),
  div: arithmetic((a, b) => a / b),
  mod: arithmetic((a, b) => a % b),
  neg:
    (x: unknown): Expr =>
    (doc) =>
      -(lit(x)(doc) as number),
  and:
    (...xs: unknown[]): Expr =>
    (doc) =>
      xs.every((x) => lit(x)(doc) === true),
  or:
    (...xs: unknown[]): Expr =>
    (doc) =>
      xs.some((x) => lit(x)(doc) === true),
  not:
    (x: unknown): Expr =>
    (doc) =>
      lit(x)(doc) !== true,
};
