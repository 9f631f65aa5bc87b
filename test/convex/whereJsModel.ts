// A plain-JS model of a where-object over one row, in SQL's three-valued logic (null: UNKNOWN; an
// absent field reads as null): what the search differentials compare the ORM's results with.
export type V = string | number | null;
const cmp = (a: any, b: any) => (a < b ? -1 : a > b ? 1 : 0);
function evalLeaf(op: string, operand: any, x: V): boolean | null {
  if (op === 'isNull') return operand ? x === null : x !== null;
  if (op === 'isNotNull') return operand ? x !== null : x === null;
  if (x === null) return null;
  switch (op) {
    case 'eq':
      return x === operand;
    case 'ne':
      return x !== operand;
    case 'gt':
      return cmp(x, operand) > 0;
    case 'gte':
      return cmp(x, operand) >= 0;
    case 'lt':
      return cmp(x, operand) < 0;
    case 'lte':
      return cmp(x, operand) <= 0;
    case 'in':
      return operand.includes(x);
    case 'notIn':
      return !operand.includes(x);
    case 'like':
      return typeof x === 'string' && x.startsWith(operand.slice(0, -1));
  }
  throw new Error(op);
}
const and = (xs: (boolean | null)[]) => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const or = (xs: (boolean | null)[]) => (xs.includes(true) ? true : xs.includes(null) ? null : false);
const not = (x: boolean | null) => (x === null ? null : !x);
function evalField(spec: any, x: V): boolean | null {
  if (typeof spec !== 'object' || spec === null) return evalLeaf('eq', spec, x);
  return and(
    Object.entries(spec).map(([op, v]: [string, any]) => {
      if (op === 'OR') return or(v.map((s: any) => evalField(s, x)));
      if (op === 'AND') return and(v.map((s: any) => evalField(s, x)));
      if (op === 'NOT') return not(evalField(v, x));
      return evalLeaf(op, v, x);
    }),
  );
}
export function evalWhere(w: any, row: any): boolean | null {
  return and(
    Object.entries(w).map(([k, v]: [string, any]) => {
      if (k === 'OR') return or(v.map((s: any) => evalWhere(s, row)));
      if (k === 'AND') return and(v.map((s: any) => evalWhere(s, row)));
      if (k === 'NOT') return not(evalWhere(v, row));
      return evalField(v, row[k] ?? null);
    }),
  );
}
