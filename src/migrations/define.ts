import type {
  DocumentByName,
  GenericDatabaseWriter,
  GenericDataModel,
  NamedTableInfo,
  OrderedQuery,
  QueryInitializer,
  TableNamesInDataModel,
} from 'convex/server';
import { OrmError } from '../errors.js';
import { isPlainObject } from '../isPlainObject.js';
import { kindOf } from '../schema/conforms.js';
import { checkBatchSize } from './batchSize.js';

/** How a step writes its patches (see {@link MigrationStep.writeMode}). */
export type WriteMode = 'safe_bypass' | 'normal';

/** Which way a run walks its migrations. */
export type MigrationDirection = 'up' | 'down';

/**
 * The `ctx` a `migrateOne` receives. `OrmDb` types `ctx.orm`: pass `OrmWriter<typeof relations>`
 * as `defineMigration`'s second type argument to use the ORM with its types.
 */
export interface MigrateOneCtx<DataModel extends GenericDataModel = GenericDataModel, OrmDb = unknown> {
  /** The raw Convex writer of the batch's transaction (writes roll back with the batch). */
  db: GenericDatabaseWriter<DataModel>;
  /** The ORM's database (`orm.db(ctx)`) for the same transaction. */
  orm: OrmDb;
  migrationId: string;
  runId: string;
  direction: MigrationDirection;
  /** True in a dry run: the batch is rolled back after it ran, whatever `migrateOne` wrote. */
  dryRun: boolean;
  writeMode: WriteMode;
}

/** A partial patch: a field set to `undefined` is removed from the document. */
export type MigrationPatch<Doc> = { [K in Exclude<keyof Doc, '_id' | '_creationTime'>]?: Doc[K] | undefined };

/** One direction of a migration: which table it walks and what it does to each document. */
export interface MigrationStep<
  DataModel extends GenericDataModel,
  Table extends TableNamesInDataModel<DataModel>,
  OrmDb = unknown,
> {
  table: Table;
  /**
   * Called once per document, synchronous or async (as `@convex-dev/migrations`' is). Returns a
   * partial patch (written through the ORM's validation) or nothing to leave the document as it
   * is. Throwing fails the batch: nothing of it persists. (`void` because TypeScript 5.x types a
   * body without `return` as returning `void`, an async one `Promise<void>`.)
   */
  migrateOne: (
    ctx: MigrateOneCtx<DataModel, OrmDb>,
    doc: DocumentByName<DataModel, Table>,
  ) => MigrateOneResult<MigrationPatch<DocumentByName<DataModel, Table>>>;
  /**
   * Walks only an index range instead of the whole table (only documents that need work), e.g.
   * `range: (q) => q.withIndex('by_done', (r) => r.eq('done', false))`. The walk pages by index
   * position: a patch may move a document out of the range, but must not move it further
   * along the same index (it would be visited again). `.order('desc')` walks it newest first.
   */
  range?: (query: QueryInitializer<NamedTableInfo<DataModel, Table>>) => OrderedQuery<NamedTableInfo<DataModel, Table>>;
  /**
   * Documents per batch (one transaction). A run's explicit `batchSize` (`--batch-size`)
   * overrides it; it overrides the run's `defaultBatchSize` (the CLI's configured 256).
   */
  batchSize?: number;
  /**
   * `'safe_bypass'` (default) validates the patch against the table's columns and writes it
   * with `db.patch`, skipping ORM rules and lifecycle hooks. `'normal'` writes through the ORM's
   * `update` statement (defaults on update, checks, foreign keys, unique constraints).
   */
  writeMode?: WriteMode;
}

// biome-ignore lint/suspicious/noConfusingVoidType: "returns nothing" is the documented way to leave a document as it is
type MigrateOneResult<TPatch> = TPatch | undefined | void | Promise<TPatch | undefined | void>;

/** A step over any table of the data model (a union, so `doc` is typed by `table`). */
export type AnyMigrationStep<DataModel extends GenericDataModel, OrmDb = unknown> = {
  [Table in TableNamesInDataModel<DataModel>]: MigrationStep<DataModel, Table, OrmDb>;
}[TableNamesInDataModel<DataModel>];

/** What {@link defineMigration} takes. */
export interface MigrationDefinition<DataModel extends GenericDataModel = GenericDataModel, OrmDb = unknown> {
  /** `<YYYYMMDD_HHMMSS>_<name>`, as written by `convex-orm migrate create`; orders migrations. */
  id: string;
  description?: string;
  up: AnyMigrationStep<DataModel, OrmDb>;
  /** Optional and explicit: a down run over a migration without it is an error naming it. */
  down?: AnyMigrationStep<DataModel, OrmDb>;
}

/** A step as the runtime sees it (data model erased). */
export interface RuntimeStep {
  readonly table: string;
  readonly migrateOne: (ctx: MigrateOneCtx, doc: Record<string, any>) => MigrateOneResult<Record<string, unknown>>;
  readonly range?: (query: QueryInitializer<any>) => OrderedQuery<any>;
  readonly batchSize?: number;
  readonly writeMode?: WriteMode;
}

/** A defined migration (the value a migration file exports as `migration`). */
export interface Migration {
  readonly kind: 'convex-orm:migration';
  readonly id: string;
  readonly description: string | undefined;
  readonly up: RuntimeStep;
  readonly down: RuntimeStep | undefined;
}

/** `<YYYYMMDD_HHMMSS>_<name>` with a lower-case snake-case name. */
export const MIGRATION_ID = /^\d{8}_\d{6}_[a-z0-9_]+$/;

/**
 * Defines a migration. Pass the app's `DataModel` (from `convex/_generated/dataModel`) to type
 * `table`, `doc` and the returned patch: `defineMigration<DataModel>({ id, up: { table, migrateOne } })`,
 * and `OrmWriter<typeof relations>` second to type `ctx.orm`.
 */
export function defineMigration<DataModel extends GenericDataModel = GenericDataModel, OrmDb = unknown>(
  definition: MigrationDefinition<DataModel, OrmDb>,
): Migration {
  if (!isPlainObject(definition)) {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `defineMigration takes a migration object ({ id, up: { table, migrateOne } }); got ${kindOf(definition)}.`,
    );
  }
  if (typeof definition.id !== 'string' || !MIGRATION_ID.test(definition.id)) {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `Invalid migration id "${String(definition.id)}": expected <YYYYMMDD_HHMMSS>_<name> (lower-case letters, digits, "_"), as written by \`convex-orm migrate create\`.`,
    );
  }
  return Object.freeze({
    kind: 'convex-orm:migration',
    id: definition.id,
    description: definition.description,
    up: checkStep(definition.id, 'up', definition.up as unknown as RuntimeStep),
    down:
      definition.down === undefined
        ? undefined
        : checkStep(definition.id, 'down', definition.down as unknown as RuntimeStep),
  });
}

function checkStep(id: string, direction: MigrationDirection, step: RuntimeStep): RuntimeStep {
  if (!step || typeof step.table !== 'string' || typeof step.migrateOne !== 'function') {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `Migration '${id}': the ${direction} step needs a table and a migrateOne function.`,
    );
  }
  if (step.range !== undefined && typeof step.range !== 'function') {
    throw new OrmError('MIGRATION_CONFIG', `Migration '${id}': ${direction}.range must be a function of the query.`, {
      table: step.table,
    });
  }
  checkBatchSize(step.batchSize, `Migration '${id}': ${direction}.batchSize`, step.table);
  if (step.writeMode !== undefined && step.writeMode !== 'safe_bypass' && step.writeMode !== 'normal') {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `Migration '${id}': ${direction}.writeMode must be 'safe_bypass' or 'normal'.`,
      {
        table: step.table,
      },
    );
  }
  return Object.freeze({ ...step });
}
