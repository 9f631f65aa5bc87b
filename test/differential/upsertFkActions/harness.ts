/**
 * The harness of upsertFkActionsDifferential.test.ts: upserts, inserts, updates and deletes over foreign keys with random actions,
 * composite keys (a nulls-not-distinct composite unique referenced by a composite foreign key, two
 * levels deep), a self reference, compared with Postgres (PGlite, raw SQL).
 */
import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import {
  type AnyColumn,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  foreignKey,
  inArray,
  integer,
  text,
  unique,
} from '../../../src/index';
import { seededRandom } from '../../seededRandom';
import { literal, runPgCase } from '../pgCase';

export type Action = 'cascade' | 'set null' | 'set default' | 'restrict' | 'no action';
export const ACTIONS: Action[] = ['cascade', 'set null', 'set default', 'restrict', 'no action'];
export interface Actions {
  cp: [Action, Action];
  cc: [Action, Action];
  rq: [Action, Action];
  sr: [Action, Action];
}
export type Row = Record<string, string | number | null>;
export type TableName = 'p' | 'c' | 'q' | 'r' | 's';
export const COLUMNS: Record<TableName, string[]> = {
  p: ['name', 'k', 'v'],
  c: ['name', 'k', 'v', 'pref', 'par'],
  q: ['name', 'a', 'b', 'v'],
  r: ['name', 'x', 'y', 'z', 'v'],
  s: ['name', 'm', 'n', 'o', 'v'],
};
export type Seed = Record<TableName, Row[]>;
export type Statement =
  | {
      kind: 'upsert';
      table: TableName;
      rows: Row[];
      mode: 'nothing' | 'update';
      target: string[] | null;
      set: Row;
      setWhereV: number | null;
      returning: boolean;
    }
  | { kind: 'delete'; table: TableName; names: string[]; returning: boolean }
  | { kind: 'update'; table: TableName; names: string[]; set: Row; returning: boolean };

const sqlAction = (a: Action) => a.toUpperCase();
function ddl(actions: Actions) {
  const fk = (n: keyof Actions) => `ON DELETE ${sqlAction(actions[n][0])} ON UPDATE ${sqlAction(actions[n][1])}`;
  return `
    CREATE TABLE p (name text PRIMARY KEY, k text NOT NULL UNIQUE, v int NOT NULL DEFAULT 0);
    CREATE TABLE c (name text PRIMARY KEY, k text UNIQUE, v int NOT NULL DEFAULT 0,
      pref text DEFAULT 'k0' REFERENCES p(k) ${fk('cp')},
      par text DEFAULT 'c1' REFERENCES c(k) ${fk('cc')});
    CREATE TABLE q (name text PRIMARY KEY, a text, b text, v int NOT NULL DEFAULT 0, CONSTRAINT q_ab UNIQUE NULLS NOT DISTINCT (a, b));
    CREATE TABLE r (name text PRIMARY KEY, x text DEFAULT 'a0', y text DEFAULT 'b0', z text NOT NULL DEFAULT 'z0', v int NOT NULL DEFAULT 0,
      FOREIGN KEY (x, y) REFERENCES q(a, b) ${fk('rq')}, CONSTRAINT r_xyz UNIQUE NULLS NOT DISTINCT (x, y, z));
    CREATE TABLE s (name text PRIMARY KEY, m text DEFAULT 'a0', n text DEFAULT 'b0', o text DEFAULT 'z0', v int NOT NULL DEFAULT 0,
      FOREIGN KEY (m, n, o) REFERENCES r(x, y, z) ${fk('sr')});
  `;
}

export function statementSql(st: Statement): string {
  const cols = COLUMNS[st.table].join(', ');
  const ret = st.returning ? ` RETURNING ${cols}` : '';
  if (st.kind === 'delete') return `DELETE FROM ${st.table} WHERE name IN (${st.names.map(literal).join(', ')})${ret}`;
  if (st.kind === 'update')
    return `UPDATE ${st.table} SET ${Object.entries(st.set)
      .map(([k, v]) => `${k} = ${literal(v)}`)
      .join(', ')} WHERE name IN (${st.names.map(literal).join(', ')})${ret}`;
  const keys = [...new Set(st.rows.flatMap((r) => Object.keys(r)))];
  const values = st.rows.map((r) => `(${keys.map((k) => (k in r ? literal(r[k]) : 'DEFAULT')).join(', ')})`).join(', ');
  let conflict = '';
  if ((st.mode as string) === 'plain') conflict = '';
  else if (st.mode === 'nothing') conflict = ` ON CONFLICT${st.target ? ` (${st.target.join(', ')})` : ''} DO NOTHING`;
  else
    conflict = ` ON CONFLICT (${st.target!.join(', ')}) DO UPDATE SET ${Object.entries(st.set)
      .map(([k, v]) => `${k} = ${literal(v)}`)
      .join(', ')}${st.setWhereV === null ? '' : ` WHERE ${st.table}.v = ${st.setWhereV}`}`;
  return `INSERT INTO ${st.table} (${keys.join(', ')}) VALUES ${values}${conflict}${ret}`;
}

export interface Outcome {
  error: string | null;
  returned: Row[] | null;
  after: Record<TableName, Row[]>;
}
const byName = (rows: Row[]) => [...rows].sort((a, b) => String(a.name).localeCompare(String(b.name)));

/** The case on Postgres (`runPgCase`): seed rows give the columns they hold, the others take their defaults. */
export function runPostgres(actions: Actions, seed: Seed, st: Statement): Promise<Outcome> {
  return runPgCase({
    ddl: ddl(actions),
    columns: COLUMNS,
    seed,
    sql: statementSql(st),
    returning: st.returning,
    sort: (rows) => rows,
  }).then((outcome) => ({
    ...outcome,
    after: Object.fromEntries(Object.entries(outcome.after).map(([table, rows]) => [table, byName(rows as Row[])])),
  })) as Promise<Outcome>;
}

export function convexSide(actions: Actions) {
  const o = (n: keyof Actions) => ({ onDelete: actions[n][0], onUpdate: actions[n][1] });
  const p: any = convexTable('p', {
    name: text().primaryKey(),
    k: text().notNull().unique(),
    v: integer().notNull().default(0),
  });
  const c: any = convexTable('c', {
    name: text().primaryKey(),
    k: text().unique(),
    v: integer().notNull().default(0),
    pref: text()
      .default('k0')
      .references((): AnyColumn => p.k, o('cp')),
    par: text()
      .default('c1')
      .references((): AnyColumn => c.k, o('cc')),
  });
  const q: any = convexTable(
    'q',
    { name: text().primaryKey(), a: text(), b: text(), v: integer().notNull().default(0) },
    (t) => [unique('q_ab').on(t.a, t.b).nullsNotDistinct()],
  );
  const r: any = convexTable(
    'r',
    {
      name: text().primaryKey(),
      x: text().default('a0'),
      y: text().default('b0'),
      z: text().notNull().default('z0'),
      v: integer().notNull().default(0),
    },
    (t) => [
      foreignKey({ columns: [t.x, t.y], foreignColumns: [q.a, q.b] })
        .onDelete(actions.rq[0] as any)
        .onUpdate(actions.rq[1] as any),
      unique('r_xyz').on(t.x, t.y, t.z).nullsNotDistinct(),
    ],
  );
  const s: any = convexTable(
    's',
    {
      name: text().primaryKey(),
      m: text().default('a0'),
      n: text().default('b0'),
      o: text().default('z0'),
      v: integer().notNull().default(0),
    },
    (t) => [
      foreignKey({ columns: [t.m, t.n, t.o], foreignColumns: [r.x, r.y, r.z] })
        .onDelete(actions.sr[0] as any)
        .onUpdate(actions.sr[1] as any),
    ],
  );
  const tables = { p, c, q, r, s };
  return { tables, schema: defineSchema(tables), orm: createOrm({ relations: defineRelations(tables) }) };
}

const norm = (row: Record<string, unknown>, table: TableName): Row =>
  Object.fromEntries(COLUMNS[table].map((c) => [c, row[c] === undefined ? null : (row[c] as any)]));

export async function runConvex(actions: Actions, seed: Seed, st: Statement): Promise<Outcome> {
  const { tables, schema, orm } = convexSide(actions);
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (const table of Object.keys(COLUMNS) as TableName[])
      for (const row of seed[table]) {
        const doc: any = { v: 0, ...Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) };
        await ctx.db.insert(table as never, doc);
      }
  });
  return t.run(async (ctx) => {
    const db: any = orm.db(ctx as never);
    const table = (tables as any)[st.table];
    const cols = Object.fromEntries(COLUMNS[st.table].map((c) => [c, table[c]]));
    let error: string | null = null;
    let returned: Row[] | null = null;
    try {
      let b: any;
      if (st.kind === 'delete') b = db.delete(table).where(inArray(table.name, st.names));
      else if (st.kind === 'update') b = db.update(table).set(st.set).where(inArray(table.name, st.names));
      else {
        b = db.insert(table).values(st.rows.map((r) => ({ ...r })));
        const target = st.target?.map((c) => table[c]);
        if ((st.mode as string) === 'plain') {
        } else if (st.mode === 'nothing')
          b = b.onConflictDoNothing(target ? { target: target.length === 1 ? target[0] : target } : undefined);
        else
          b = b.onConflictDoUpdate({
            target: target!.length === 1 ? target![0] : target,
            set: st.set,
            ...(st.setWhereV === null ? {} : { setWhere: eq(table.v, st.setWhereV) }),
          });
      }
      const res = st.returning ? await b.returning(cols) : await b;
      returned = st.returning ? res.map((r: any) => norm(r, st.table)) : null;
    } catch (e) {
      error = `${(e as any).code ?? ''}: ${(e as Error).message}`;
    }
    const after = {} as Record<TableName, Row[]>;
    for (const name of Object.keys(COLUMNS) as TableName[])
      after[name] = byName((await ctx.db.query(name as never).collect()).map((d: any) => norm(d, name)));
    return { error, returned, after };
  });
}

// ---------------------------------------------------------------- generator
export function generate(seedNumber: number, kinds?: string[]) {
  const rnd = seededRandom(seedNumber);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const maybe = <T>(xs: readonly T[], pNull = 0.2): T | null => (rnd() < pNull ? null : pick(xs));
  const shuffle = <T>(xs: T[]) => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const actions: Actions = {
    cp: [pick(ACTIONS), pick(ACTIONS)],
    cc: [pick(ACTIONS), pick(ACTIONS)],
    rq: [pick(ACTIONS), pick(ACTIONS)],
    sr: [pick(ACTIONS), pick(ACTIONS)],
  };
  const pk = shuffle(['k0', 'k1', 'k2', 'k3', 'k4']).slice(0, 3);
  const p: Row[] = pk.map((k, i) => ({ name: `P${i}`, k, v: pick([0, 1]) }));
  const ckAll = shuffle(['c0', 'c1', 'c2', 'c3', 'c4']).slice(0, 4);
  const c: Row[] = ckAll.map((k, i) => ({
    name: `C${i}`,
    k: rnd() < 0.15 ? null : k,
    v: pick([0, 1]),
    pref: maybe(pk),
    par: null as string | null,
  }));
  const cKeys = c.map((r) => r.k).filter((k): k is string => k !== null);
  for (const row of c) row.par = rnd() < 0.35 ? null : maybe(cKeys);
  const qPairs = shuffle([
    ['a0', 'b0'],
    ['a0', 'b1'],
    ['a1', 'b0'],
    ['a1', null],
    [null, 'b1'],
    [null, null],
  ]).slice(0, 4);
  const q: Row[] = qPairs.map(([a, b], i) => ({ name: `Q${i}`, a: a!, b: b!, v: pick([0, 1]) }));
  const r: Row[] = [];
  const rKeys = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const ref = rnd() < 0.2 ? [null, null] : pick(qPairs);
    const z = pick(['z0', 'z1']);
    const key = JSON.stringify([ref[0], ref[1], z]);
    if (rKeys.has(key)) continue;
    rKeys.add(key);
    r.push({ name: `R${i}`, x: ref[0]!, y: ref[1]!, z, v: pick([0, 1]) });
  }
  const s: Row[] = [0, 1, 2].map((i) => {
    if (rnd() < 0.2 || r.length === 0) return { name: `S${i}`, m: null, n: 'b0', o: 'z9', v: 0 };
    const target = pick(r);
    return { name: `S${i}`, m: target.x!, n: target.y!, o: target.z!, v: pick([0, 1]) };
  });
  const seed: Seed = { p, c, q, r, s };

  const returning = rnd() < 0.7;
  const kind = pick(
    kinds ?? ['upsertP', 'upsertC', 'upsertQ', 'upsertR', 'deleteQ', 'deleteR', 'updateQ', 'updateR', 'insertC'],
  );
  const names = (rows: Row[]) => {
    const out = rows.filter(() => rnd() < 0.5).map((x) => String(x.name));
    return out.length ? out : [String(pick(rows).name)];
  };
  let st: Statement;
  const n = 1 + Math.floor(rnd() * 4);
  const some = (f: () => Row) => Array.from({ length: n }, f);
  const setOf = (entries: [string, () => any][]) => {
    const set: Row = {};
    for (const [k, f] of entries) if (rnd() < 0.45) set[k] = f();
    if (Object.keys(set).length === 0) set.v = pick([5, 6]);
    return set;
  };
  const mode = pick(['nothing', 'update'] as const);
  const sw = rnd() < 0.25 ? pick([0, 1]) : null;
  switch (kind) {
    case 'upsertP': {
      const target = mode === 'nothing' ? pick([null, ['name'], ['k']]) : pick([['name'], ['k']]);
      st = {
        kind: 'upsert',
        table: 'p',
        rows: some(() => ({ name: pick(['P0', 'P1', 'P5', 'P6']), k: pick(['k0', 'k1', 'k2', 'k5']) })),
        mode,
        target,
        set: setOf([
          ['k', () => pick(['k0', 'k1', 'k6', 'k7'])],
          ['v', () => pick([5, 6])],
        ]),
        setWhereV: sw,
        returning,
      };
      break;
    }
    case 'upsertC':
    case 'insertC': {
      const target =
        kind === 'insertC' ? null : mode === 'nothing' ? pick([null, ['name'], ['k']]) : pick([['name'], ['k']]);
      st = {
        kind: 'upsert',
        table: 'c',
        rows: some(() => {
          const row: Row = {
            name: pick(['C0', 'C1', 'C5', 'C6', 'C7']),
            k: maybe(['c0', 'c1', 'c2', 'c5', 'c6'], 0.1),
          };
          if (rnd() < 0.7) row.par = maybe(['c0', 'c1', 'c2', 'c5', 'c6', 'c9']);
          if (rnd() < 0.5) row.pref = maybe(['k0', 'k1', 'k2', 'k3']);
          return row;
        }),
        mode: kind === 'insertC' ? 'nothing' : mode,
        target,
        set: setOf([
          ['k', () => maybe(['c0', 'c1', 'c7', 'c8'], 0.15)],
          ['par', () => maybe(['c0', 'c1', 'c5', 'c7'])],
          ['v', () => pick([5, 6])],
        ]),
        setWhereV: sw,
        returning,
      };
      if (kind === 'insertC' && rnd() < 0.5) (st as any).mode = 'plain';
      break;
    }
    case 'upsertQ': {
      const target = mode === 'nothing' ? pick([null, ['name'], ['a', 'b']]) : pick([['name'], ['a', 'b']]);
      st = {
        kind: 'upsert',
        table: 'q',
        rows: some(() => ({
          name: pick(['Q0', 'Q1', 'Q5', 'Q6']),
          a: maybe(['a0', 'a1', 'a2']),
          b: maybe(['b0', 'b1']),
        })),
        mode,
        target,
        set: setOf([
          ['a', () => maybe(['a0', 'a1', 'a7'])],
          ['b', () => maybe(['b0', 'b1', 'b7'])],
          ['v', () => pick([5, 6])],
        ]),
        setWhereV: sw,
        returning,
      };
      break;
    }
    case 'upsertR': {
      const target = mode === 'nothing' ? pick([null, ['name'], ['x', 'y', 'z']]) : pick([['name'], ['x', 'y', 'z']]);
      st = {
        kind: 'upsert',
        table: 'r',
        rows: some(() => {
          const ref = rnd() < 0.2 ? [null, null] : pick([...qPairs, ['a7', 'b7']]);
          return { name: pick(['R0', 'R1', 'R5', 'R6']), x: ref[0]!, y: ref[1]!, z: pick(['z0', 'z1']) };
        }),
        mode,
        target,
        set: setOf([
          ['x', () => maybe(['a0', 'a1'])],
          ['y', () => maybe(['b0', 'b1'])],
          ['z', () => pick(['z0', 'z1', 'z2'])],
          ['v', () => pick([5, 6])],
        ]),
        setWhereV: sw,
        returning,
      };
      break;
    }
    case 'deleteQ':
      st = { kind: 'delete', table: 'q', names: names(q), returning };
      break;
    case 'deleteR':
      st = { kind: 'delete', table: 'r', names: names(r.length ? r : [{ name: 'R0' }]), returning };
      break;
    case 'updateQ':
      st = {
        kind: 'update',
        table: 'q',
        names: names(q),
        set: setOf([
          ['a', () => maybe(['a0', 'a1', 'a7'])],
          ['b', () => maybe(['b0', 'b1', 'b7'])],
        ]),
        returning,
      };
      break;
    default:
      st = {
        kind: 'update',
        table: 'r',
        names: names(r.length ? r : [{ name: 'R0' }]),
        set: setOf([
          ['x', () => maybe(['a0', 'a1'])],
          ['y', () => maybe(['b0', 'b1'])],
          ['z', () => pick(['z0', 'z1', 'z2'])],
        ]),
        returning,
      };
  }
  return { actions, seed, st, kind };
}
