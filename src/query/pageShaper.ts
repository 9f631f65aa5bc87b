import { OrmError } from '../errors.js';
import type { QueryExecution } from './execution.js';
import { readsSpan } from './loadRelated.js';
import type { ParsedQuery } from './parseQuery.js';
import type { Doc } from './readIndex.js';
import { RepeatedRows } from './repeatedRows.js';
import { shapeRows } from './shape.js';

/**
 * Shapes the rows of one page as they pass, so that a page whose relations
 * (`with`, `_count`) run past the scan budget or the transaction's limits
 * keeps the rows shaped before, instead of failing after reading them all.
 * Rows that load relations are shaped in batches of 1, 2, 4, … rows, each
 * batch as one `shapeRows` (relation reads per distinct parent key, `db.get`s
 * shared through the query's cache), so the first row's relations are read
 * right after it, before the page's reads take the budget, and a page of n
 * rows shapes in about log2(n) rounds. When a batch runs out
 * (`SCAN_BUDGET_EXCEEDED`), its rows are dropped and {@link cutAt} says where
 * the page ends: its reads stay spent (they were within the budget, and count
 * toward the transaction), nothing is read again. When the rest of the page
 * would load a relation as one span over its keys (index ranges are scarce:
 * `readsSpan`), the rest is one batch at the end, since each batch's span
 * would read rows of the others again. Rows of a query that loads nothing
 * are shaped at the end, at once.
 */
export class PageShaper {
  /** The shaped rows kept, in page order. */
  private readonly shaped: unknown[] = [];
  /** Where the page is cut: the position (in the page's rows read) of the first row whose relations did not fit; -1 while none. */
  cutAt = -1;
  /** The typed error a batch ran into. */
  failure: OrmError | undefined;
  private pending: Doc[] = [];
  /** Where each pending row stands among the page's rows read. */
  private pendingAt: number[] = [];
  private batch = 1;
  private readonly loads: boolean;
  /** The rows the page's batches attach, several times over when they share related rows. */
  private readonly repeats = new RepeatedRows();

  constructor(
    private readonly execution: QueryExecution,
    private readonly query: ParsedQuery,
    /** The rows the page asks for. */
    private readonly numItems: number,
  ) {
    this.loads = query.with.length > 0 || query.counts.length > 0;
  }

  /**
   * Takes a row that passed, read as the page's row number `at`; shapes the
   * pending rows when they fill a batch. False when that batch ran out.
   */
  add(doc: Doc, at: number): Promise<boolean> | boolean {
    this.pending.push(doc);
    this.pendingAt.push(at);
    if (!this.loads || this.pending.length < this.batch) return true;
    return this.flush().then((kept) => {
      const rest = this.numItems - this.shaped.length;
      this.batch = readsSpan(this.execution, this.query, rest) ? Number.POSITIVE_INFINITY : this.batch * 2;
      return kept;
    });
  }

  /**
   * The page's shaped rows, checked against Convex's return-value limit: batches that share
   * related rows repeat them in the page ({@link RepeatedRows}).
   */
  page(): unknown[] {
    this.repeats.check(this.execution.context.db, this.query.table.name, this.shaped);
    return this.shaped;
  }

  /** Shapes the pending rows; false when they ran out (then none of them is kept). */
  async flush(): Promise<boolean> {
    if (this.pending.length === 0) return true;
    const docs = this.pending;
    this.pending = [];
    if (this.loads) this.repeats.roots(docs);
    try {
      const shaped = await shapeRows(this.execution, this.query, docs, this.repeats);
      for (const row of shaped) this.shaped.push(row);
      this.pendingAt = [];
      return true;
    } catch (error) {
      if (!(error instanceof OrmError && error.code === 'SCAN_BUDGET_EXCEEDED')) throw error;
      this.cutAt = this.pendingAt[0]!;
      this.failure = error;
      return false;
    }
  }
}
