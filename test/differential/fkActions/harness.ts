/**
 * A small foreign-key differential: the same schema on Postgres (PGlite, raw DDL) and on
 * convex-orm (convex-test), the same seed and the same statement; compared are whether the
 * statement fails, what `returning()` gives, and the tables afterwards (rows by logical `name`).
 * Keys are natural text keys (no ids), so values compare as they are.
 */
import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import {
  type AnyColumn,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  foreignKey,
  inArray,
  text,
  unique,
} from '../../../src/index';
import { literal, runPgCase } from '../pgCase';

export type Action = 'cascade' | 'set null' | 'set default' | 'restrict' | 'no action';
export const ACTIONS: Action[] = ['cascade', 'set null', 'set default', 'restrict', 'no action'];

/** The actions of each foreign key: [onDelete, onUpdate]. */
export interface Actions {
  cp: [Action, Action]; // c.pref -> p.k
  cc: [Action, Action]; // c.par -> c.k (self)
  gc: [Action, Action]; // g.cref -> c.k
  gp: [Action, Action]; // g.pref -> p.k
  pc: [Action, Action]; // p.cref -> c.k (cycle p <-> c)
  rq: [Action, Action]; // r.(x, y) -> q.(a, b) (composite)
}

export type Row = Record<string, string | null>;
export interface Seed {
  p: Row[];
  c: Row[];
  g: Row[];
  q: Row[];
  r: Row[];
}
export type TableName = keyof Seed;
export const COLUMNS: Record<TableName, string[]> = {
  p: ['name', 'k', 'cref'],
  c: ['name', 'k', 'pref', 'par'],
  g: ['name', 'cref', 'pref'],
  q: ['name', 'a', 'b'],
  r: ['name', 'x', 'y'],
};
export const DEFAULTS: Record<string, string> = {
  'p.cref': 'c0',
  'c.pref': 'k0',
  'c.par': 'c1',
  'g.cref': 'c2',
  'g.pref': 'k1',
  'r.x': 'a0',
  'r.y': 'b0',
};

/** A statement: delete or update of the rows of `table` whose name is in `names`. */
export type Statement =
  | { kind: 'delete'; table: TableName; names: string[]; returning: boolean }
  | {
      kind: 'update';
      table: TableName;
      names: string[];
      /** Per column, the new value per row name (rows not listed keep theirs). */
      set: Record<string, Record<string, string | null>>;
      returning: boolean;
    };

export interface Outcome {
  error: string | null;
  returned: Row[] | null;
  after: Record<TableName, Row[]>;
}

const sortRows = (rows: Row[]) => [...rows].sort((a, b) => (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : 0));

// ---------------------------------------------------------------- Postgres
const sqlAction = (a: Action) => a.toUpperCase();
function ddl(actions: Actions): string {
  const fk = (name: keyof Actions) =>
    `ON DELETE ${sqlAction(actions[name][0])} ON UPDATE ${sqlAction(actions[name][1])}`;
  return `
    CREATE TABLE p (name text PRIMARY KEY, k text NOT NULL UNIQUE, cref text DEFAULT 'c0');
    CREATE TABLE c (name text PRIMARY KEY, k text NOT NULL UNIQUE,
      pref text DEFAULT 'k0' REFERENCES p(k) ${fk('cp')},
      par text DEFAULT 'c1' REFERENCES c(k) ${fk('cc')});
    ALTER TABLE p ADD FOREIGN KEY (cref) REFERENCES c(k) ${fk('pc')};
    CREATE TABLE g (name text PRIMARY KEY,
      cref text DEFAULT 'c2' REFERENCES c(k) ${fk('gc')},
      pref text DEFAULT 'k1' REFERENCES p(k) ${fk('gp')});
    CREATE TABLE q (name text PRIMARY KEY, a text NOT NULL, b text NOT NULL, UNIQUE (a, b));
    CREATE TABLE r (name text PRIMARY KEY, x text DEFAULT 'a0', y text DEFAULT 'b0',
      FOREIGN KEY (x, y) REFERENCES q(a, b) ${fk('rq')});
  `;
}

export function statementSql(statement: Statement): string {
  const cols = COLUMNS[statement.table].join(', ');
  const where = `name IN (${statement.names.map(literal).join(', ')})`;
  const returning = statement.returning ? ` RETURNING ${cols}` : '';
  if (statement.kind === 'delete') return `DELETE FROM ${statement.table} WHERE ${where}${returning}`;
  const sets = Object.entries(statement.set).map(([column, byName]) => {
    const cases = Object.entries(byName)
      .map(([name, value]) => `WHEN ${literal(name)} THEN ${literal(value)}`)
      .join(' ');
    return `${column} = CASE name ${cases} ELSE ${column} END`;
  });
  return `UPDATE ${statement.table} SET ${sets.join(', ')} WHERE ${where}${returning}`;
}

/** The case on Postgres (`runPgCase`), every column of a seed row given (a missing one as NULL, not its default). */
export function runPostgres(actions: Actions, seed: Seed, statement: Statement): Promise<Outcome> {
  const full = Object.fromEntries(
    (Object.keys(COLUMNS) as TableName[]).map((table) => [
      table,
      seed[table].map((row) => Object.fromEntries(COLUMNS[table].map((col) => [col, row[col] ?? null]))),
    ]),
  ) as Record<TableName, Row[]>;
  return runPgCase({
    ddl: ddl(actions),
    columns: COLUMNS,
    seed: full,
    sql: statementSql(statement),
    returning: statement.returning,
    sort: sortRows as never,
  }) as Promise<Outcome>;
}

// ---------------------------------------------------------------- convex-orm
export function convexSide(actions: Actions) {
  const o = (name: keyof Actions) => ({ onDelete: actions[name][0], onUpdate: actions[name][1] });
  const p: any = convexTable('p', {
    name: text().primaryKey(),
    k: text().notNull().unique(),
    cref: text()
      .default('c0')
      .references((): AnyColumn => c.k, o('pc')),
  });
  const c: any = convexTable('c', {
    name: text().primaryKey(),
    k: text().notNull().unique(),
    pref: text()
      .default('k0')
      .references((): AnyColumn => p.k, o('cp')),
    par: text()
      .default('c1')
      .references((): AnyColumn => c.k, o('cc')),
  });
  const g = convexTable('g', {
    name: text().primaryKey(),
    cref: text()
      .default('c2')
      .references((): AnyColumn => c.k, o('gc')),
    pref: text()
      .default('k1')
      .references((): AnyColumn => p.k, o('gp')),
  });
  const q = convexTable('q', { name: text().primaryKey(), a: text().notNull(), b: text().notNull() }, (t) => [
    unique('q_a_b').on(t.a, t.b),
  ]);
  const r = convexTable('r', { name: text().primaryKey(), x: text().default('a0'), y: text().default('b0') }, (t) => [
    foreignKey({ columns: [t.x, t.y], foreignColumns: [q.a, q.b] })
      .onDelete(actions.rq[0] as any)
      .onUpdate(actions.rq[1] as any),
  ]);
  const tables = { p, c, g, q, r };
  const schema = defineSchema(tables);
  const orm = createOrm({ relations: defineRelations(tables) });
  return { tables, schema, orm };
}

export async function runConvex(actions: Actions, seed: Seed, statement: Statement): Promise<Outcome> {
  const { tables, schema, orm } = convexSide(actions);
  const t = convexTest(schema, modules);
  // Seeded raw (no ORM checks), fields left out where null.
  await t.run(async (ctx) => {
    for (const table of Object.keys(COLUMNS) as TableName[]) {
      for (const row of seed[table]) {
        const doc = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
        await ctx.db.insert(table as never, doc as never);
      }
    }
  });
  return t.run(async (ctx) => {
    const db: any = orm.db(ctx as never);
    const table = (tables as any)[statement.table];
    const cols = Object.fromEntries(COLUMNS[statement.table].map((col) => [col, table[col]]));
    let error: string | null = null;
    let returned: Row[] | null = null;
    try {
      let builder: any;
      if (statement.kind === 'delete') builder = db.delete(table).where(inArray(table.name, statement.names));
      else {
        const set = statement.set;
        builder = db
          .update(table)
          .set((row: any) =>
            Object.fromEntries(
              Object.entries(set).flatMap(([column, byName]) =>
                row.name in byName ? [[column, byName[row.name]]] : [],
              ),
            ),
          )
          .where(inArray(table.name, statement.names));
      }
      const result = statement.returning ? await builder.returning(cols) : await builder;
      returned = statement.returning ? sortRows(result.map(normalize)) : null;
    } catch (e) {
      error = `${(e as any).code ?? ''}: ${(e as Error).message}`;
    }
    const after = {} as Record<TableName, Row[]>;
    for (const name of Object.keys(COLUMNS) as TableName[]) {
      const docs = await ctx.db.query(name as never).collect();
      after[name] = sortRows(
        docs.map((doc: any) => normalize(Object.fromEntries(COLUMNS[name].map((col) => [col, doc[col]])))),
      );
    }
    return { error, returned, after };
  });
}

function normalize(row: Record<string, unknown>): Row {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === undefined ? null : (v as string)]));
}

/** What both sides are compared on: the error as failed-or-not. */
export const comparable = (outcome: Outcome, withReturned = true) => ({
  failed: outcome.error !== null,
  returned: outcome.error === null && withReturned ? outcome.returned : null,
  after: outcome.after,
});
