// SQL three-valued evaluation of where-objects (field operators, OR / AND / NOT) over plain rows.
type T = boolean | null;
const and3 = (xs: T[]): T => (xs.some((x) => x === false) ? false : xs.some((x) => x === null) ? null : true);
const or3 = (xs: T[]): T => (xs.some((x) => x === true) ? true : xs.some((x) => x === null) ? null : false);
const not3 = (x: T): T => (x === null ? null : !x);
const cmp = (a: any, b: any) => (a < b ? -1 : a > b ? 1 : 0);
function likeRe(p: string, ci: boolean) {
  let s = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) s += p[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') s += '[\\s\\S]*';
    else if (c === '_') s += '[\\s\\S]';
    else s += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${s}$`, ci ? 'iu' : 'u');
}
function op(v: any, o: string, x: any): T {
  const isNull = v === null || v === undefined;
  switch (o) {
    case 'eq':
      return isNull || x === null ? null : v === x;
    case 'ne':
      return isNull || x === null ? null : v !== x;
    case 'gt':
      return isNull ? null : cmp(v, x) > 0;
    case 'gte':
      return isNull ? null : cmp(v, x) >= 0;
    case 'lt':
      return isNull ? null : cmp(v, x) < 0;
    case 'lte':
      return isNull ? null : cmp(v, x) <= 0;
    case 'in':
      return isNull ? (x.length ? null : false) : x.includes(v) ? true : x.includes(null) ? null : false;
    case 'notIn':
      return isNull ? (x.length ? null : true) : x.includes(v) ? false : x.includes(null) ? null : true;
    case 'isNull':
      return x ? isNull : true;
    case 'isNotNull':
      return x ? !isNull : true;
    case 'like':
      return isNull ? null : likeRe(x, false).test(v);
    case 'notLike':
      return isNull ? null : !likeRe(x, false).test(v);
    case 'ilike':
      return isNull ? null : likeRe(x, true).test(v);
    case 'notIlike':
      return isNull ? null : !likeRe(x, true).test(v);
  }
  throw new Error(`op ${o}`);
}
function fieldOps(v: any, spec: any): T {
  if (spec === null || typeof spec !== 'object') return op(v, 'eq', spec);
  const parts: T[] = [];
  for (const [k, x] of Object.entries(spec)) {
    if (x === undefined) continue;
    if (k === 'OR') parts.push(or3((x as any[]).map((s) => fieldOps(v, s))));
    else if (k === 'AND') parts.push(and3((x as any[]).map((s) => fieldOps(v, s))));
    else if (k === 'NOT') parts.push(not3(fieldOps(v, x)));
    else parts.push(op(v, k, x));
  }
  return and3(parts);
}
export function evalWhere(row: any, where: any): T {
  if (!where) return true;
  const parts: T[] = [];
  for (const [k, x] of Object.entries(where)) {
    if (x === undefined) continue;
    if (k === 'OR') parts.push(or3((x as any[]).map((w) => evalWhere(row, w))));
    else if (k === 'AND') parts.push(and3((x as any[]).map((w) => evalWhere(row, w))));
    else if (k === 'NOT') parts.push(not3(evalWhere(row, x)));
    else parts.push(fieldOps(row[k], x));
  }
  return and3(parts);
}
