import { PGlite } from '@electric-sql/pglite';

/** A row of a differential case's tables: column values by name. */
export type CaseRow = Record<string, string | number | null>;

/** What one statement did on Postgres: its error, or the rows it returned; then every table. */
export interface PgOutcome<T extends string> {
  error: string | null;
  returned: CaseRow[] | null;
  after: Record<T, CaseRow[]>;
}

let shared: PGlite | null = null;
let cases = 0;

/** One PGlite for the test file (booting takes seconds). */
export async function postgres(): Promise<PGlite> {
  shared ??= new PGlite();
  return shared;
}

/** A value as an SQL literal: NULL, a number, or a quoted string. */
export const literal = (value: string | number | null | undefined) =>
  value === null || value === undefined
    ? 'NULL'
    : typeof value === 'number'
      ? String(value)
      : `'${value.replace(/'/g, "''")}'`;

/**
 * Runs one differential case on the shared PGlite, in a schema of its own (dropped after): `ddl`
 * creates its tables, `seed` fills them in table order with foreign-key triggers off (the seed is
 * valid by construction, so each table's physical order is its seed order: Postgres checks
 * non-deferrable uniques row by row in that order) and committed before the statement runs (rows
 * the statement's own transaction inserts make Postgres re-check unchanged references); then
 * `sql` runs. Tables are read back ordered by `name`, each row list (and the returned rows) put
 * through `sort`.
 */
export async function runPgCase<T extends string>(options: {
  ddl: string;
  columns: Record<T, readonly string[]>;
  seed: Record<T, readonly CaseRow[]>;
  sql: string;
  returning: boolean;
  sort: (rows: CaseRow[]) => CaseRow[];
}): Promise<PgOutcome<T>> {
  const { ddl, columns, seed, sql, returning, sort } = options;
  const pg = await postgres();
  const schemaName = `case${cases++}`;
  await pg.exec(`CREATE SCHEMA ${schemaName}; SET search_path TO ${schemaName}`);
  try {
    await pg.exec(ddl);
    await pg.exec(`SET session_replication_role = replica`);
    for (const table of Object.keys(columns) as T[]) {
      for (const row of seed[table]) {
        const cols = columns[table].filter((col) => col in row);
        await pg.query(
          `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((col) => literal(row[col])).join(', ')})`,
        );
      }
    }
    await pg.exec(`SET session_replication_role = origin`);
    let error: string | null = null;
    let returned: CaseRow[] | null = null;
    try {
      const result = await pg.query<CaseRow>(sql);
      returned = returning ? sort(result.rows.map((row) => ({ ...row }))) : null;
    } catch (e) {
      error = (e as Error).message;
    }
    const after = {} as Record<T, CaseRow[]>;
    for (const table of Object.keys(columns) as T[]) {
      const result = await pg.query<CaseRow>(`SELECT ${columns[table].join(', ')} FROM ${table} ORDER BY name`);
      after[table] = sort(result.rows.map((row) => ({ ...row })));
    }
    return { error, returned, after };
  } finally {
    await pg.exec(`SET search_path TO public; DROP SCHEMA ${schemaName} CASCADE`);
  }
}
