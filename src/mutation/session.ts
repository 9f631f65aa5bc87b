import type { GenericDatabaseWriter } from 'convex/server';
import type { LimitOptions, ResolvedOrmOptions } from '../options.js';
import type { SchemaContext } from '../query/schemaContext.js';
import type { StatementContext } from './changes.js';
import { StatementReader } from './reader.js';

/** Options of {@link createMutationApi} (`createOrm` passes its own). */
export type MutationOptions = LimitOptions;

/** What every statement builder of one `db` shares. */
export interface MutationSession {
  readonly db: GenericDatabaseWriter<any>;
  readonly schema: SchemaContext;
  readonly options: ResolvedOrmOptions;
}

/** A fresh context for one statement (its reads are memoized per statement only). */
export function statementContext(session: MutationSession): StatementContext {
  return {
    db: session.db,
    registry: session.schema.schema.registry,
    reader: new StatementReader(session.db),
    rowCap: session.options.rowCap,
  };
}
