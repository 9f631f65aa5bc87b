import { OrmError } from '../errors.js';
import type { ForeignKeyAction } from './column.js';
import type { ResolvedForeignKey, SchemaRegistry } from './registry.js';
import type { TableConfig } from './table.js';

/**
 * The registries of the `defineSchema` calls each table name was given to: the Convex schemas it is
 * deployed in. By name, as a schema may deploy another table object of the same name (a test, a hot
 * reload); one `defineSchema` per deployment, so this holds one registry a name there.
 */
const deployedIn = new Map<string, SchemaRegistry[]>();

/** Bumped by each `defineSchema`: a verdict reached before the last one is reached again. */
let schemasRecorded = 0;

/**
 * What the recorded schemas say of a relations registry, and when it was reached (the number of
 * `defineSchema` calls recorded then): a referrer left out of it, and its tables deployed in no schema.
 */
interface Verdict {
  readonly recorded: number;
  readonly leftOut: OrmError | null;
  /** `null` when no table is undeployed (nearly always): then an operation pays one lookup. */
  readonly undeployed: Undeployed | null;
}

/** The tables of a registry deployed in no recorded schema, and what reaches them. */
interface Undeployed {
  /** The error of each such table, by name. */
  readonly tables: ReadonlyMap<string, OrmError>;
  /**
   * By table name, the error of the first such table a delete or update of that table reads through
   * its foreign-key actions, or `null`: filled as statements ask ({@link reachedUndeployed}).
   */
  readonly reached: Map<string, OrmError | null>;
}

/** The verdict on each relations registry checked so far. */
const verdicts = new WeakMap<SchemaRegistry, Verdict>();

/** Records that the tables of `registry` are deployed together (a `defineSchema` call). */
export function recordDeployedSchema(registry: SchemaRegistry): void {
  for (const name of registry.tables.keys()) {
    const schemas = deployedIn.get(name);
    if (schemas) schemas.push(registry);
    else deployedIn.set(name, [registry]);
  }
  schemasRecorded++;
}

/** True when `schema` holds every table of `registry` (by name): a Convex schema an ORM of `registry` can run on. */
function holdsAll(schema: SchemaRegistry, registry: SchemaRegistry): boolean {
  for (const name of registry.tables.keys()) if (!schema.tables.has(name)) return false;
  return true;
}

/**
 * A foreign key on one of `registry`'s tables from a table `registry` lacks, declared in a Convex
 * schema that holds all of `registry`'s tables: one its ORM can run on (a schema missing one of
 * them, another app's, is not). None when a schema holds exactly `registry`'s tables: the
 * relations are that whole schema, and a larger one beside it in the module graph (another app's,
 * a test's) is taken as not this ORM's; which schema a deployment runs is not known here.
 */
function referrerLeftOut(registry: SchemaRegistry): ResolvedForeignKey | undefined {
  const candidates = new Set<SchemaRegistry>();
  for (const name of registry.tables.keys()) {
    for (const schema of deployedIn.get(name) ?? []) if (holdsAll(schema, registry)) candidates.add(schema);
  }
  for (const schema of candidates) if (schema.tables.size === registry.tables.size) return undefined;
  for (const schema of candidates) {
    for (const table of registry.tables.keys()) {
      for (const key of schema.referencesTo(table)) if (!registry.tables.has(key.table)) return key;
    }
  }
  return undefined;
}

function leftOutError(key: ResolvedForeignKey): OrmError {
  return new OrmError(
    'INVALID_SCHEMA',
    `Table "${key.table}" references "${key.foreignTable}" (foreign key "${key.name}") and is in the Convex schema, but not among the tables given to defineRelations: a delete or update of "${key.foreignTable}" could not apply its onDelete / onUpdate. Add "${key.table}" to defineRelations' tables.`,
    { table: key.table },
  );
}

/**
 * The tables of `registry` in no recorded schema whose reads need an index of their own, when a
 * recorded schema holds another of them (`null` otherwise): the app's Convex schema is then known,
 * and such a table has none of its indexes deployed, so a read of it by one would fail with Convex's
 * own error ("Index not found"). A table with no index, unique, foreign key, search or vector index
 * is read by `db.get` and `by_creation_time` alone, which Convex has for any table: an app may keep
 * it out of its schema on purpose (`defineSchema(..., { strictTableNameTypes: false })`). Silent
 * when no schema holding any of them was recorded (a function that never imports the schema file, a
 * test without one).
 */
function undeployedOf(registry: SchemaRegistry): Undeployed | null {
  const tables = [...registry.tables.values()];
  if (!tables.some((table) => deployedIn.has(table.name))) return null;
  const missing = tables.filter((table) => !deployedIn.has(table.name) && hasIndexes(table));
  if (missing.length === 0) return null;
  return { tables: new Map(missing.map(({ name }) => [name, undeployedError(name)])), reached: new Map() };
}

/** True when `table` declares an index, or the ORM adds one (for a unique or a foreign key). */
const hasIndexes = (table: TableConfig): boolean =>
  table.indexes.length + table.searchIndexes.length + table.vectorIndexes.length > 0;

function undeployedError(table: string): OrmError {
  return new OrmError(
    'INVALID_SCHEMA',
    `Table "${table}" is in defineRelations but in no defineSchema, so its indexes are not deployed: add it to the Convex schema's defineSchema({ ... }) (convex/schema.ts).`,
    { table },
  );
}

/** The verdict on `registry`, reached again after each `defineSchema`: one lookup when it stands. */
function verdictOf(registry: SchemaRegistry): Verdict {
  let verdict = verdicts.get(registry);
  if (verdict?.recorded !== schemasRecorded) {
    const key = referrerLeftOut(registry);
    verdict = {
      recorded: schemasRecorded,
      leftOut: key === undefined ? null : leftOutError(key),
      undeployed: undeployedOf(registry),
    };
    verdicts.set(registry, verdict);
  }
  return verdict;
}

/** The foreign-key actions that write the referencing rows: what those writes read is read too. */
const WRITING_ACTIONS: ReadonlySet<ForeignKeyAction> = new Set(['cascade', 'set null', 'set default']);

/**
 * The error of the first undeployed table a delete or update of `table` reads through foreign-key
 * actions, or `null`: every table referencing it (read to judge its action, `restrict` and
 * `no action` included), and through each one its action writes, the tables referencing that one.
 */
function reachedUndeployed(registry: SchemaRegistry, undeployed: Undeployed, table: string): OrmError | null {
  const known = undeployed.reached.get(table);
  if (known !== undefined) return known;
  let found: OrmError | null = null;
  const queue = [table];
  const seen = new Set(queue);
  for (let i = 0; i < queue.length && found === null; i++) {
    for (const key of registry.referencesTo(queue[i]!)) {
      found = undeployed.tables.get(key.table) ?? null;
      if (found) break;
      if (seen.has(key.table) || !(WRITING_ACTIONS.has(key.onDelete) || WRITING_ACTIONS.has(key.onUpdate))) continue;
      seen.add(key.table);
      queue.push(key.table);
    }
  }
  undeployed.reached.set(table, found);
  return found;
}

/**
 * Throws the `INVALID_SCHEMA` of a statement on `table` that the recorded Convex schemas say
 * cannot run, before any read; one lookup when they say nothing (the verdict is kept per registry
 * until the next `defineSchema`):
 * - `table` is deployed in no schema though the app's is known ({@link undeployedOf}), or, when
 *   `reachesReferrers` (a delete or update, whose foreign-key actions read the referencing tables),
 *   a table its actions read is ({@link reachedUndeployed});
 * - a table of a Convex schema holding all of `registry`'s tables (the relations' schema)
 *   references one of them but is not among them: the ORM knows a table's foreign keys only from
 *   the relations' tables, so a delete or update there could not run that table's `onDelete` /
 *   `onUpdate` action or `restrict`, and would leave its rows dangling. Not looked for when one of
 *   the schemas holds exactly `registry`'s tables ({@link referrerLeftOut}).
 * Known only for the `defineSchema` calls evaluated so far: a function that never imports the
 * schema file is not checked.
 */
export function assertStatementRuns(registry: SchemaRegistry, table: string, reachesReferrers: boolean): void {
  const { leftOut, undeployed } = verdictOf(registry);
  if (undeployed) {
    const error =
      undeployed.tables.get(table) ?? (reachesReferrers ? reachedUndeployed(registry, undeployed, table) : null);
    if (error) throw error;
  }
  if (leftOut) throw leftOut;
}

/**
 * The tables of `registry` (by name) deployed in no Convex schema though the app's is known, each
 * with its `INVALID_SCHEMA`, or `null` (nearly always): a query reading one refuses to run
 * ({@link undeployedOf}).
 */
export function undeployedTables(registry: SchemaRegistry): ReadonlyMap<string, OrmError> | null {
  return verdictOf(registry).undeployed?.tables ?? null;
}
