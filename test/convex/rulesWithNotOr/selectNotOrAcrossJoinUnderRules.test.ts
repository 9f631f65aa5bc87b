/**
 * docs/select.md "rules and soft delete" / docs/rules.md (db.select() joins: the
 * joined table's read rule joins each lookup, a leftJoin pairs a row whose partner is hidden with
 * null) under the NOT push-down: random not / or / and operator trees over the base table's and the
 * joined table's columns (De Morgan turns NOT of an AND across tables into an OR across them), read
 * rules on both tables, leftJoin and innerJoin, against a SQL three-valued model where a hidden
 * partner is a NULL row. SEEDS / TRIALS widen it (no disagreement at 10 x 150).
 */
import { compareValues } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { and, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, not, notInArray, or } from '../../../src/index';
import { seededRandom } from '../../seededRandom';
import { docs, evalWhere, LEVELS, ormWith, type R, STATUSES, TEAMS, users, world } from './world';

type T3 = boolean | null;
const n3 = (x: T3): T3 => (x === null ? null : !x);
const a3 = (xs: T3[]): T3 => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const o3 = (xs: T3[]): T3 => (xs.includes(true) ? true : xs.includes(null) ? null : false);

describe('select with NOT/OR expressions across joined tables under rules', () => {
  it('agrees with a 3VL model', { timeout: 600_000 }, async () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= Number(process.env.SEEDS ?? 3); seed++) {
      const { t, all } = await world(seed);
      const r = seededRandom(seed * 77);
      const pick = <X>(xs: readonly X[]): X => xs[Math.floor(r() * xs.length)]!;
      const cols: [any, string, 'd' | 'u', readonly unknown[]][] = [
        [docs.level, 'level', 'd', LEVELS],
        [docs.status, 'status', 'd', STATUSES],
        [users.team, 'team', 'u', TEAMS],
        [users.name, 'name', 'u', ['u0', 'u1', 'u2', 'u3']],
      ];
      const leaf = (): [any, (d: R, u: R | null) => T3, string] => {
        const [col, f, side, vals] = pick(cols);
        const get = (d: R, u: R | null) => (side === 'd' ? d[f] : u === null ? null : u[f]);
        const v = pick(vals) as any;
        const x = r();
        const cmp = (op: string, fn: any): [any, any, string] => [
          fn(col, v),
          (d: R, u: R | null) => {
            const g = get(d, u);
            if (g === undefined || g === null) return null;
            const c = compareValues(g, v);
            return ({ eq: c === 0, ne: c !== 0, gt: c > 0, gte: c >= 0, lt: c < 0, lte: c <= 0 } as any)[op];
          },
          `${op}(${f},${v})`,
        ];
        if (x < 0.15) return cmp('eq', eq);
        if (x < 0.3) return cmp('ne', ne);
        if (x < 0.4) return cmp('gt', gt);
        if (x < 0.5) return cmp('lt', lt);
        if (x < 0.55) return cmp('gte', gte);
        if (x < 0.6) return cmp('lte', lte);
        if (x < 0.7) return [isNull(col), (d, u) => get(d, u) == null, `isNull(${f})`];
        if (x < 0.8) return [isNotNull(col), (d, u) => get(d, u) != null, `isNotNull(${f})`];
        const list = [pick(vals), pick(vals)] as any[];
        const neg = x < 0.9;
        return [
          neg ? notInArray(col, list) : inArray(col, list),
          (d: R, u: R | null) => {
            const g = get(d, u);
            if (g == null) return null;
            const hit = list.some((y) => compareValues(g, y) === 0);
            return neg ? !hit : hit;
          },
          `${neg ? 'notIn' : 'in'}(${f},${list})`,
        ];
      };
      const tree = (depth: number): [any, (d: R, u: R | null) => T3, string] => {
        const x = r();
        if (depth === 0 || x < 0.3) return leaf();
        if (x < 0.5) {
          const [e, m, s] = tree(depth - 1);
          return [not(e), (d, u) => n3(m(d, u)), `not(${s})`];
        }
        const kids = [tree(depth - 1), tree(depth - 1)];
        const isOr = x < 0.75;
        return [
          isOr ? or(...kids.map((k) => k[0])) : and(...kids.map((k) => k[0])),
          (d, u) => (isOr ? o3 : a3)(kids.map((k) => k[1](d, u))),
          `${isOr ? 'or' : 'and'}(${kids.map((k) => k[2]).join(',')})`,
        ];
      };
      const docRules: any[] = [
        undefined,
        { level: { lte: 3 } },
        { NOT: { status: 'secret' } },
        { OR: [{ level: { lt: 1 } }, { level: { gt: 4 } }] },
      ];
      const userRules: any[] = [
        undefined,
        { team: { ne: 'blue' } },
        { NOT: { team: 'red' } },
        (u: R) => u.name !== 'u1',
      ];
      for (let trial = 0; trial < Number(process.env.TRIALS ?? 40); trial++) {
        const dr = pick(docRules);
        const ur = pick(userRules);
        const entry: R = {};
        if (dr) entry.docs = { read: dr };
        if (ur) entry.users = { read: ur };
        const orm = ormWith(entry);
        const model = { related: () => [] as R[] };
        const dv = (d: R) => !dr || evalWhere('docs', dr, d, model) === true;
        const uv = (u: R) => !ur || evalWhere('users', ur, u, model) === true;
        const [expr, m, s] = tree(3);
        const kind = r() < 0.5 ? 'left' : 'inner';
        const exp = all.docs
          .filter(dv)
          .flatMap((d) => {
            const u = all.users.find((x) => x._id === d.ownerId)!;
            const partner = uv(u) ? u : null;
            if (kind === 'inner' && !partner) return [];
            return m(d, partner) === true ? [[d.pos, partner?.name ?? null]] : [];
          })
          .sort((a: any, b: any) => a[0] - b[0]);
        const got = await t.run(async (ctx) => {
          try {
            const q = orm
              .db(ctx as never)
              .select({ pos: docs.pos, name: users.name })
              .from(docs);
            const j =
              kind === 'left'
                ? q.leftJoin(users, eq(users._id, docs.ownerId))
                : q.innerJoin(users, eq(users._id, docs.ownerId));
            return ((await j.where(expr)) as R[]).map((x) => [x.pos, x.name]).sort((a: any, b: any) => a[0] - b[0]);
          } catch (e) {
            return String(e).slice(0, 300);
          }
        });
        if (JSON.stringify(got) !== JSON.stringify(exp))
          problems.push(
            `seed ${seed} ${kind} dr=${JSON.stringify(dr)} ur=${String(ur && JSON.stringify(ur))} where=${s}: got ${JSON.stringify(got)} exp ${JSON.stringify(exp)}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});
