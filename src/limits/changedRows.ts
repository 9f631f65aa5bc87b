/**
 * Which stored rows the transaction's ORM statements have written, and raw writes deleted, in
 * order, and into which tables rows were inserted: a statement whose before-hooks wrote a row it
 * goes on to update or delete (through the hook's ORM writer, or a raw delete) would write from
 * the row as it read it before, and one whose reached rows' hooks inserted a row holding a key it
 * removes would leave that row dangling, so it refuses (`beforeTriggers.ts`). A raw patch or
 * replace is not recorded: the ORM writes over it as Convex merges writes, the bypass `ctx.raw`
 * is documented as.
 */
export class ChangedRows {
  // Per id, the position of its last recorded change; per table, of its last insert; the next position.
  private readonly positions = new Map<string, number>();
  private readonly inserts = new Map<string, number>();
  private next = 0;

  /** Where the changes stand: a row changed after it is {@link changedSince} it. */
  mark(): number {
    return this.next;
  }

  /** Records a change of the stored row `id` (an ORM statement's update or delete, a raw delete). */
  changed(id: string): void {
    this.positions.set(id, this.next++);
  }

  /** Records an insert into `table` (an ORM statement's or a raw one). */
  inserted(table: string): void {
    this.inserts.set(table, this.next++);
  }

  /** True when a row was inserted into `table` after `mark`. */
  insertedSince(table: string, mark: number): boolean {
    return (this.inserts.get(table) ?? -1) >= mark;
  }

  /** True when anything was recorded after `mark`. */
  anySince(mark: number): boolean {
    return this.next > mark;
  }

  /** True when the row `id` was changed after `mark`. */
  changedSince(id: string, mark: number): boolean {
    return (this.positions.get(id) ?? -1) >= mark;
  }
}
