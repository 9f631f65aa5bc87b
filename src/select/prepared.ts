import type { GenericDatabaseReader } from 'convex/server';
import { OrmError } from '../errors.js';
import type { PlaceholderValueMap } from '../filter/expressions.js';
import { afterSync } from '../limits/meteredDb.js';
import { type PreparedCtx, type PreparedSource, preparedTarget } from '../query/preparedCore.js';
import { RelationalQuery } from '../query/relationalQuery.js';
import type { SchemaContext } from '../query/schemaContext.js';
import { getTableConfig } from '../schema/table.js';
import { placeholderNames } from './bind.js';
import { explainSelect, type SelectExplain } from './explain.js';
import { parseSelect } from './parse.js';
import { performSelect } from './perform.js';
import type { SelectState } from './state.js';

/** What a select built on `orm` at module scope is prepared with: the ORM's schema, how a call's ctx scopes it (its rules), its read options. */
export type SelectPreparer = Pick<PreparedSource, 'schema' | 'scope' | 'options'>;

/** What `execute` takes: a select's placeholder values, by name (Drizzle's `execute(placeholderValues)`). */
export type SelectPlaceholderValues = PlaceholderValueMap;

/**
 * A select prepared at module scope (Drizzle's prepared `db.select()`):
 * `orm.select(...).from(...).where(eq(users.email, sql.placeholder('email'))).prepare('byEmail')`,
 * then `.execute(ctx, { email })` in any query or mutation. Placeholders
 * stand in the operators' values (`where`, a join's ON, `having`), a
 * where-object's values, `limit` and `offset`; each execution binds them,
 * checks them as values given directly are, and parses and plans the select
 * for them (a select's plan depends on its values), as the same select
 * built in the call would run.
 */
export class PreparedSelect<TResult> {
  /** The placeholders the select uses, found once: each execution checks its values against them. */
  private readonly names: ReadonlySet<string>;

  constructor(
    private readonly preparer: SelectPreparer | undefined,
    private readonly state: SelectState,
    /** The name given to `prepare(name)`, used in error messages. */
    readonly name: string | undefined,
  ) {
    this.names = placeholderNames(state);
  }

  /**
   * The select in a Convex query or mutation with these placeholder values:
   * a lazy query, run when awaited (in order with the other operations on a
   * mutation's `ctx.db`), under the ORM's rules evaluated for `ctx`; with an
   * ORM `db` as `ctx.db` (`{ db: orm.db(ctx) }`, a trigger's `ctx`), as that
   * `db`'s own selects run.
   */
  execute(ctx: PreparedCtx, values?: SelectPlaceholderValues): RelationalQuery<TResult[], SelectExplain> {
    const { preparer } = this;
    const target = preparer ? preparedTarget(ctx, preparer, this.label) : notPreparable(this.label);
    if (target instanceof OrmError) return RelationalQuery.failed<TResult[], SelectExplain>(target);
    const { db, schema, writer } = target;
    const session = { db, schema, options: preparer!.options, lock: writer };
    const state = this.bound(values);
    return new RelationalQuery<TResult[], SelectExplain>(
      writer,
      () => afterSync(db, () => performSelect(session, state) as Promise<TResult[]>),
      () => this.explainIn(schema, state, db),
      schema.rules !== null,
    );
  }

  /** The plan for these values, as `explain()` of the same select built in a call shows it (without rules: there is no ctx). No reads. */
  explain(values?: SelectPlaceholderValues): SelectExplain {
    if (!this.preparer) throw notPreparable(this.label);
    return this.explainIn(this.preparer.schema, this.bound(values));
  }

  /** {@link explain}; with the `db` of an execution, its base read as it runs there. */
  private explainIn(schema: SchemaContext, state: SelectState, db?: GenericDatabaseReader<any>): SelectExplain {
    return explainSelect(schema, parseSelect(schema, state), this.preparer!.options.scanBudget, db);
  }

  private bound(values: SelectPlaceholderValues | undefined): SelectState {
    return { ...this.state, prepared: { values, names: this.names, label: this.label } };
  }

  /** The select in messages: its name, else its table. */
  private get label(): string {
    return this.name === undefined ? `the prepared select from "${tableName(this.state)}"` : `"${this.name}"`;
  }
}

/** The table a select reads first, for messages. */
const tableName = (state: SelectState): string => getTableConfig(state.from).name;

/** The `INVALID_QUERY` of executing a select prepared on a `db` no ORM made (`createMutationApi`'s): nothing to prepare it with. */
function notPreparable(label: string): OrmError {
  return new OrmError(
    'INVALID_QUERY',
    `${label} was built on a db of createMutationApi, which has no ORM to prepare it with: build it at module scope with createOrm's orm.select(...) (or on orm.db(ctx)), then .prepare(name) and execute(ctx, values).`,
  );
}
