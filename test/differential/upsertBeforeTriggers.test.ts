// @vitest-environment node
// Claim check (from a review of upserts that found no bug). docs/mutations.md#upsert and docs/triggers.md#when-triggers-fire
// claim an upsert runs `beforeInsert` on every proposed row before ON CONFLICT judges it, and `beforeUpdate` on
// each updated row as its conflict is resolved (checks, unique keys and later rows seeing the row as the hook
// left it), "as Postgres does". No existing test compares that with Postgres triggers: this runs seeded
// multi-row upserts (do nothing with/without target, do update with constant set, setWhere, defaults left
// out) against PGlite with equivalent PL/pgSQL BEFORE INSERT / BEFORE UPDATE row triggers (lower-casing the
// key and clamping n; renaming the key when an update pushes n past 50), comparing RETURNING rows in order,
// the error class (unique / check) and the stored table. SEEDS=800 agreed at review time.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  check,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  eq,
  gte,
  integer,
  text,
} from '../../src/index';
import { seededRandom } from '../seededRandom';
import { literal, runPgCase } from './pgCase';

const items = convexTable(
  'items',
  {
    name: text().notNull(),
    key: text().notNull().unique(),
    code: text().unique(),
    n: integer().notNull().default(0),
  },
  (t) => [check('n_nonneg', gte(t.n, 0))],
);
const schema = defineSchema({ items });
const relations = defineRelations({ items });
const orm = createOrm({
  relations,
  triggers: defineTriggers(relations, {
    items: {
      beforeInsert: (row) => ({ ...row, key: row.key.toLowerCase(), n: Math.min(row.n, 50) }),
      beforeUpdate: ({ new: next }) => (next.n > 50 ? { key: `${next.key}x`, n: next.n - 50 } : undefined),
    },
  }),
});
const DDL = `
CREATE TABLE items (name text NOT NULL, key text NOT NULL UNIQUE, code text UNIQUE, n integer NOT NULL DEFAULT 0 CHECK (n >= 0));
CREATE FUNCTION bi() RETURNS trigger AS $$ BEGIN NEW.key := lower(NEW.key); NEW.n := least(NEW.n, 50); RETURN NEW; END $$ LANGUAGE plpgsql;
CREATE FUNCTION bu() RETURNS trigger AS $$ BEGIN IF NEW.n > 50 THEN NEW.key := NEW.key || 'x'; NEW.n := NEW.n - 50; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
CREATE TRIGGER bi BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION bi();
CREATE TRIGGER bu BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION bu();
`;
type Row = { name: string; key: string; code: string | null; n?: number };
const classify = (msg: string) =>
  /duplicate key|second time/.test(msg) ? 'UNIQUE_VIOLATION' : /check constraint/.test(msg) ? 'CHECK_VIOLATION' : msg;

it('upserts with before triggers agree with Postgres', async () => {
  const failures: unknown[] = [];
  const stats: Record<string, number> = {};
  const N = Number(process.env.SEEDS ?? 100);
  for (let seed = 1; seed <= N; seed++) {
    const r = seededRandom(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const keys = ['a', 'A', 'b', 'B', 'c', 'ax', 'bx'];
    const codes = [null, 'p', 'q'];
    const stored: Row[] = [];
    let i = 0;
    for (const k of ['a', 'b', 'c', 'ax'])
      if (r() < 0.5) {
        const c = pick(codes);
        if (c !== null && stored.some((s) => s.code === c)) continue;
        stored.push({ name: `s${i++}`, key: k, code: c, n: pick([0, 10, 60]) > 50 ? 40 : pick([0, 10]) });
      }
    const proposed: Row[] = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, j) => {
      const row: Row = { name: `p${j}`, key: pick(keys), code: pick(codes) };
      if (r() < 0.7) row.n = r() < 0.05 ? -1 : pick([0, 10, 60]);
      return row;
    });
    const plan: any =
      r() < 0.3
        ? { kind: 'nothing', target: pick([undefined, 'key', 'code']) }
        : {
            kind: 'update',
            target: pick(['key', 'code']),
            set: pick([
              { n: 60 },
              { n: 5 },
              { code: pick(codes) },
              { key: pick(['b', 'ax', 'bx']) },
              { n: 70, code: pick(codes) },
              { key: pick(['c', 'bx']), n: 55 },
              r() < 0.2 ? { n: -1 } : { n: 51 },
            ]),
            setWhere: pick([undefined, undefined, 0, 10]),
          };
    const cols = ['name', 'key', 'code', 'n'];
    const values = proposed
      .map((p) => `(${literal(p.name)}, ${literal(p.key)}, ${literal(p.code)}, ${p.n === undefined ? 'DEFAULT' : p.n})`)
      .join(', ');
    let sql = `INSERT INTO items (name, key, code, n) VALUES ${values} `;
    if (plan.kind === 'nothing') sql += `ON CONFLICT ${plan.target ? `(${plan.target})` : ''} DO NOTHING`;
    else
      sql += `ON CONFLICT (${plan.target}) DO UPDATE SET ${Object.entries(plan.set)
        .map(([c, v]) => `${c} = ${literal(v as any)}`)
        .join(', ')}${plan.setWhere !== undefined ? ` WHERE items.n = ${plan.setWhere}` : ''}`;
    sql += ' RETURNING name, key, code, n';
    const pg = await runPgCase({
      ddl: DDL,
      columns: { items: cols },
      seed: { items: stored },
      sql,
      returning: true,
      sort: (x) => x,
    });
    const expected = {
      out: pg.error ? classify(pg.error) : pg.returned,
      state: pg.error ? stored.map((s) => ({ ...s, n: s.n ?? 0 })) : pg.after.items,
    };
    const t = convexTest(schema, modules);
    const got = await t.run(async (ctx) => {
      for (const s of stored) await ctx.db.insert('items', { ...s, n: s.n ?? 0 } as never);
      const db = orm.db(ctx as never);
      let out: unknown;
      try {
        const stmt = db.insert(items).values(proposed as never);
        const col = (c: string) => (items as any)[c];
        const q =
          plan.kind === 'nothing'
            ? stmt.onConflictDoNothing(plan.target ? { target: col(plan.target) } : {})
            : stmt.onConflictDoUpdate({
                target: col(plan.target),
                set: plan.set,
                ...(plan.setWhere !== undefined ? { setWhere: eq(items.n, plan.setWhere) } : {}),
              });
        out = await q.returning({ name: items.name, key: items.key, code: items.code, n: items.n });
      } catch (e: any) {
        out = e.code ?? String(e);
      }
      const state = (await ctx.db.query('items').collect())
        .map((d: any) => ({ name: d.name, key: d.key, code: d.code, n: d.n }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      return { out, state };
    });
    const k = typeof expected.out === 'string' ? expected.out : `rows${(expected.out as any[]).length}`;
    stats[k] = (stats[k] ?? 0) + 1;
    try {
      expect(got).toEqual(expected);
    } catch {
      failures.push({ seed, sql, stored, expected, got });
    }
  }
  if (failures.length) console.log(failures.length, JSON.stringify(failures.slice(0, 3), null, 1));
  expect(failures.length).toBe(0);
}, 300_000);
