import { OrmError } from '../errors.js';
import { assertDeployed, filterTables } from '../query/deployedTables.js';
import { createExecution } from '../query/execution.js';
import type { SchemaContext } from '../query/schemaContext.js';
import type { SelectSource } from './builder.js';
import { runSelect } from './execute.js';
import { type ParsedSelect, parseSelect } from './parse.js';
import type { SelectState } from './state.js';

/** Parses, plans and runs a select's state in `session` (once the rules are evaluated): its result rows. */
export async function performSelect(session: SelectSource, state: SelectState): Promise<unknown[]> {
  const { db, schema, options } = session;
  if (db === null) throw unpreparedModuleSelect();
  await schema.rules?.ready();
  const execution = createExecution(db, schema, options, options.scanBudget, state.withDeleted === true);
  const select = parseSelect(schema, state);
  assertDeployed(schema, () => selectTables(schema, select));
  return runSelect(execution.context, select);
}

/**
 * The tables a select reads: its own and its joins', those the relation filters of their
 * conditions read (a where-object's, the rules'), which are residual: never in an index range,
 * and those of the `$count`s it selects.
 */
function* selectTables(schema: SchemaContext, select: ParsedSelect): Generator<string> {
  const { base, basePlan, joins } = select;
  yield base.name;
  if (basePlan.kind !== 'empty') yield* filterTables(schema, schema.keyOf(base.name), basePlan.residual);
  for (const { table, conditions } of joins) {
    yield table.name;
    yield* filterTables(schema, schema.keyOf(table.name), conditions);
  }
  for (const { count } of select.counts) yield* selectTables(schema, count.trial);
}

/** The `INVALID_QUERY` of a select built on `orm` at module scope run without being prepared. */
function unpreparedModuleSelect(): OrmError {
  return new OrmError(
    'INVALID_QUERY',
    'A select built on orm at module scope has no database to read: prepare it (.prepare(name)) and run it with execute(ctx, values), or build it on orm.db(ctx) inside the function.',
  );
}
