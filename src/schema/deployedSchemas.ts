import { OrmError } from '../errors.js';
import type { ResolvedForeignKey, SchemaRegistry } from './registry.js';

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
  /** The error of each table deployed in no schema by name; `null` when there is none (one lookup per operation). */
  readonly undeployed: ReadonlyMap<string, OrmError> | null;
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
 * The tables of `registry` in no recorded schema, each with its error, when a recorded schema holds
 * another of them (`null` otherwise): the app's Convex schema is then known, and a table left out of
 * it has neither its table nor its indexes deployed, so its first read would fail with Convex's own
 * error ("Index not found"). Silent when no schema holding any of them was recorded (a function that
 * never imports the schema file, a test without one).
 */
function undeployedOf(registry: SchemaRegistry): ReadonlyMap<string, OrmError> | null {
  const names = [...registry.tables.keys()];
  if (!names.some((name) => deployedIn.has(name))) return null;
  const missing = names.filter((name) => !deployedIn.has(name));
  if (missing.length === 0) return null;
  return new Map(missing.map((name) => [name, undeployedError(name)]));
}

function undeployedError(table: string): OrmError {
  return new OrmError(
    'INVALID_SCHEMA',
    `Table "${table}" is in defineRelations but in no defineSchema: add it to the Convex schema's defineSchema({ ... }) (convex/schema.ts), which deploys the table and its indexes.`,
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

/**
 * Throws `INVALID_SCHEMA` when a table of a Convex schema (`defineSchema`) holding all of
 * `registry`'s tables (the relations' schema) references one of them but is not among them: the
 * ORM knows a table's foreign keys only from the relations' tables, so a delete or update there
 * could not run that table's `onDelete` / `onUpdate` action or `restrict`, and would leave its
 * rows dangling. Known only for the `defineSchema` calls evaluated so far (a function that never
 * imports the schema file is not checked), and not looked for when one of them holds exactly
 * `registry`'s tables ({@link referrerLeftOut}); the verdict is kept until the next one.
 */
export function assertReferrersCovered(registry: SchemaRegistry): void {
  const { leftOut } = verdictOf(registry);
  if (leftOut) throw leftOut;
}

/**
 * The tables of `registry` (by name) deployed in no Convex schema though the app's is known, each
 * with its `INVALID_SCHEMA`, or `null` (nearly always): a statement or query of one refuses to run
 * ({@link undeployedOf}).
 */
export function undeployedTables(registry: SchemaRegistry): ReadonlyMap<string, OrmError> | null {
  return verdictOf(registry).undeployed;
}
