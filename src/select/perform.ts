import { OrmError } from '../errors.js';
import { assertDeployed } from '../query/deployedTables.js';
import { createExecution } from '../query/execution.js';
import type { SelectSource } from './builder.js';
import { runSelect } from './execute.js';
import { parseSelect } from './parse.js';
import type { SelectState } from './state.js';

/** Parses, plans and runs a select's state in `session` (once the rules are evaluated): its result rows. */
export async function performSelect(session: SelectSource, state: SelectState): Promise<unknown[]> {
  const { db, schema, options } = session;
  if (db === null) throw unpreparedModuleSelect();
  await schema.rules?.ready();
  const execution = createExecution(db, schema, options, options.scanBudget, state.withDeleted === true);
  const select = parseSelect(schema, state);
  assertDeployed(schema, () => [select.base.name, ...select.joins.map((join) => join.table.name)]);
  return runSelect(execution.context, select);
}

/** The `INVALID_QUERY` of a select built on `orm` at module scope run without being prepared. */
function unpreparedModuleSelect(): OrmError {
  return new OrmError(
    'INVALID_QUERY',
    'A select built on orm at module scope has no database to read: prepare it (.prepare(name)) and run it with execute(ctx, values), or build it on orm.db(ctx) inside the function.',
  );
}
