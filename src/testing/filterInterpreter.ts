import { compareValues, type Value } from 'convex/values';

type Doc = Record<string, unknown>;
type Evaluate = (doc: Doc) => unknown;

/** An expression of Convex's filter builder, evaluated in JavaScript. */
class Expression {
  constructor(readonly evaluate: Evaluate) {}
}

const operand = (x: unknown): Evaluate => (x instanceof Expression ? x.evaluate : () => x);

function comparison(test: (order: number) => boolean) {
  return (l: unknown, r: unknown) => {
    const [left, right] = [operand(l), operand(r)];
    return new Expression((doc) => test(compareValues(left(doc) as Value, right(doc) as Value)));
  };
}

function arithmetic(op: (a: number, b: number) => number) {
  return (l: unknown, r: unknown) => {
    const [left, right] = [operand(l), operand(r)];
    return new Expression((doc) => op(left(doc) as number, right(doc) as number));
  };
}

/**
 * The `q` that `query.filter((q) => ...)` receives, building expressions this
 * module evaluates per document. It follows Convex's semantics: comparisons
 * use Convex's total value order, `q.field` reads dotted paths.
 */
const filterBuilder = {
  field: (path: string) => {
    const keys = path.split('.');
    return new Expression((doc) => keys.reduce<unknown>((value, key) => (value as Doc | undefined)?.[key], doc));
  },
  eq: comparison((order) => order === 0),
  neq: comparison((order) => order !== 0),
  lt: comparison((order) => order < 0),
  lte: comparison((order) => order <= 0),
  gt: comparison((order) => order > 0),
  gte: comparison((order) => order >= 0),
  add: arithmetic((a, b) => a + b),
  sub: arithmetic((a, b) => a - b),
  mul: arithmetic((a, b) => a * b),
  div: arithmetic((a, b) => a / b),
  mod: arithmetic((a, b) => a % b),
  neg: (x: unknown) => new Expression((doc) => -(operand(x)(doc) as number)),
  and: (...xs: unknown[]) => new Expression((doc) => xs.every((x) => operand(x)(doc) === true)),
  or: (...xs: unknown[]) => new Expression((doc) => xs.some((x) => operand(x)(doc) === true)),
  not: (x: unknown) => new Expression((doc) => operand(x)(doc) !== true),
};

/** Compiles a Convex `.filter()` predicate into a JavaScript test of one document. */
export function compileFilter(predicate: (q: never) => unknown): (doc: Doc) => boolean {
  const test = operand(predicate(filterBuilder as never));
  return (doc) => test(doc) === true;
}
