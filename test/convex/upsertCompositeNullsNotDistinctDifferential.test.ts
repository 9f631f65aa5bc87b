// docs/mutations.md#upsert says a multi-row upsert resolves its
// rows "one after another, in order, as Postgres does, each seeing what the rows before it did": a
// conflict on the target (any unique constraint for onConflictDoNothing without one) skips the row or
// updates the conflicting row when setWhere holds; a row conflicting with a row the statement already
// inserted or updated is UNIQUE_VIOLATION ("cannot affect row a second time"); unique keys of inserted
// and updated rows are checked row by row (a key freed by an earlier row is free), and a failure
// writes nothing. This compares random seeded upserts with a hand-written row-by-row model of
// Postgres's ON CONFLICT, on outcome (returning() rows in order, or the error code) and stored state,
// with the default budget and with a 6-range budget that makes the upsert read its keys ahead as one
// span (a budget error there is allowed; any other result must agree).
// Table: key notNull unique, (g, h) unique nullsNotDistinct, some stored rows with h absent (counts as null).
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, integer, text, unique } from '../../src/index';

const items = convexTable(
  'items',
  {
    key: text().notNull().unique(),
    g: text(),
    h: text(),
    n: integer().notNull().default(0),
  },
  (t) => [unique('gh').on(t.g, t.h).nullsNotDistinct()],
);
const schema = defineSchema({ items });
const relations = defineRelations({ items });
const orms = [createOrm({ relations }), createOrm({ relations, transactionBudget: { indexRanges: 6 } })];

type Row = { key: string; g: string | null; h: string | null; n: number };
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}
const gh = (r: Row) => JSON.stringify([r.g, r.h]);

function model(stored: Row[], proposed: Row[], plan: any): { out: string | Row[]; state: Row[] } {
  const state = stored.map((r) => ({ ...r, touched: false }));
  const same = { key: (a: Row, b: Row) => a.key === b.key, gh: (a: Row, b: Row) => gh(a) === gh(b) } as const;
  const cons = ['key', 'gh'] as const;
  const targets = plan.kind === 'nothing' ? (plan.target ? [plan.target] : cons) : [plan.target];
  const others = cons.filter((c) => !targets.includes(c));
  const returned: Row[] = [];
  const holder = (c: 'key' | 'gh', v: Row, except?: any) => state.find((s) => s !== except && same[c](s, v));
  for (const p of proposed) {
    let conflict: any;
    for (const c of targets) {
      conflict = holder(c, p);
      if (conflict) break;
    }
    if (!conflict) {
      for (const c of others) if (holder(c, p)) return { out: 'UNIQUE_VIOLATION', state: stored };
      state.push({ ...p, touched: true });
      returned.push({ ...p });
      continue;
    }
    if (plan.kind === 'nothing') continue;
    if (conflict.touched) return { out: 'UNIQUE_VIOLATION', state: stored };
    if (plan.setWhere !== undefined && conflict.n !== plan.setWhere) continue;
    const next = { ...conflict, ...plan.set };
    for (const c of cons) if (holder(c, next, conflict)) return { out: 'UNIQUE_VIOLATION', state: stored };
    Object.assign(conflict, plan.set, { touched: true });
    returned.push({ key: next.key, g: next.g, h: next.h, n: next.n });
  }
  return { out: returned, state: state.map(({ touched, ...r }) => r) };
}
const sortRows = (rows: Row[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

it('multi-row upserts on a nulls-not-distinct composite agree with a row-by-row Postgres model', async () => {
  const seeds = 300;
  const failures: unknown[] = [];
  let budgetErrors = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const narrow = seed % 2 === 0;
    const orm = orms[narrow ? 1 : 0]!;
    const r = rng(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const vals = ['x', 'y', null];
    const stored: Row[] = [];
    const absent = new Set<string>();
    for (const k of keys)
      if (r() < 0.5) {
        const row = { key: k, g: pick(vals), h: pick(vals), n: Math.floor(r() * 3) };
        if (!stored.some((s) => gh(s) === gh(row))) {
          stored.push(row);
          if (row.h === null && r() < 0.5) absent.add(k);
        }
      }
    const proposed: Row[] = Array.from({ length: 1 + Math.floor(r() * 4) }, () => ({
      key: pick(keys),
      g: pick(vals),
      h: pick(vals),
      n: Math.floor(r() * 3),
    }));
    const plan: any =
      r() < 0.35
        ? { kind: 'nothing', target: pick([undefined, 'key', 'gh']) }
        : {
            kind: 'update',
            target: pick(['key', 'gh']),
            set: pick([
              { n: 7 },
              { g: pick(vals) },
              { key: pick(keys) },
              { h: pick(vals), n: 5 },
              { key: pick(keys), g: pick(vals), h: pick(vals) },
            ]),
            setWhere: pick([undefined, undefined, 0, 1]),
          };
    const expected = model(stored, proposed, plan);
    const t = convexTest(schema, modules);
    const got = await t.run(async (ctx) => {
      for (const s of stored) {
        const { h, ...rest } = s;
        await ctx.db.insert('items', (absent.has(s.key) ? rest : s) as never);
      }
      const db = orm.db(ctx as never);
      let out: unknown;
      try {
        const stmt = db.insert(items).values(proposed);
        const tg = (c: string) => (c === 'key' ? items.key : [items.h, items.g]);
        const q =
          plan.kind === 'nothing'
            ? stmt.onConflictDoNothing(plan.target ? { target: tg(plan.target) as any } : {})
            : stmt.onConflictDoUpdate({
                target: tg(plan.target) as any,
                set: plan.set,
                ...(plan.setWhere !== undefined ? { setWhere: eq(items.n, plan.setWhere) } : {}),
              });
        out = (await q.returning({ key: items.key, g: items.g, h: items.h, n: items.n })) as Row[];
      } catch (e: any) {
        out = e.code ?? String(e);
      }
      const state = (await ctx.db.query('items').collect()).map((d: any) => ({
        key: d.key,
        g: d.g ?? null,
        h: d.h ?? null,
        n: d.n,
      }));
      return { out, state };
    });
    if (narrow && (got as any).out === 'SCAN_BUDGET_EXCEEDED') {
      budgetErrors++;
      continue;
    }
    const norm = (x: { out: unknown; state: Row[] }) => ({ out: x.out, state: sortRows(x.state) });
    try {
      expect(norm(got as any)).toEqual(norm(expected));
    } catch {
      failures.push({
        seed,
        stored,
        absent: [...absent],
        proposed,
        plan,
        expected: norm(expected),
        got: norm(got as any),
      });
    }
  }
  if (failures.length) console.log(failures.length, JSON.stringify(failures.slice(0, 3), null, 0));
  // Most narrow-budget runs resolve (the span read ahead is exercised, not skipped).
  expect(budgetErrors).toBeLessThan(seeds / 4);
  expect(failures.length).toBe(0);
}, 120_000);
