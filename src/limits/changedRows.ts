/** A row written while a statement watched its hooks' writes: its id and table (`null`: a raw write by id only). */
export interface WrittenRow {
  readonly id: string;
  readonly table: string | null;
}

/**
 * Which stored rows the transaction's ORM statements have written, and raw writes deleted, in
 * order, and, while a statement watches its hooks ({@link watch}), which rows they wrote at all,
 * raw writes included: a statement whose before-hooks wrote a row it goes on to update or delete
 * (through the hook's ORM writer, or a raw delete) would write from the row as it read it before,
 * and one whose reached rows' hooks left a row holding a key it removes would leave that row
 * dangling, so it refuses (`beforeTriggers.ts`). A raw patch or replace of a row the statement
 * writes is not a change of it: the ORM writes over it as Convex merges writes, the bypass
 * `ctx.raw` is documented as.
 */
export class ChangedRows {
  // Per id, the position of its last recorded change; the next position.
  private readonly positions = new Map<string, number>();
  private next = 0;
  // The rows written while a statement watches (nested statements' hooks may watch inside it), by
  // id: the position of their last write, and their table when known.
  private readonly written = new Map<string, { readonly table: string | null; readonly at: number }>();
  // Raw inserts made while a statement watches, their ids still on their way (a hook need not await one).
  private readonly inserting: { readonly id: Promise<unknown>; readonly table: string; readonly at: number }[] = [];
  private watching = 0;

  /** Where the changes stand: a row changed after it is {@link changedSince} it. */
  mark(): number {
    return this.next;
  }

  /** Records a change of the stored row `id` (an ORM statement's update or delete, a raw delete). */
  changed(id: string): void {
    this.positions.set(id, this.next++);
  }

  /** True when anything was recorded after `mark`. */
  anySince(mark: number): boolean {
    return this.next > mark;
  }

  /** True when the row `id` was changed after `mark`. */
  changedSince(id: string, mark: number): boolean {
    return (this.positions.get(id) ?? -1) >= mark;
  }

  /** Starts recording the rows written ({@link wrote}); where they start, for {@link writtenSince}. End with {@link unwatch}. */
  watch(): number {
    this.watching++;
    return this.next;
  }

  /** Ends a {@link watch}; the rows recorded are forgotten once no statement watches. */
  unwatch(): void {
    if (--this.watching > 0) return;
    this.written.clear();
    this.inserting.length = 0;
  }

  /** Records a write of the row `id` (of `table`, `null` when not known), while a statement watches. */
  wrote(id: string, table: string | null): void {
    if (this.watching > 0) this.written.set(id, { table, at: this.next++ });
  }

  /** Records a raw insert into `table` whose id `id` resolves to, while a statement watches. */
  inserted(id: Promise<unknown>, table: string): void {
    if (this.watching > 0) this.inserting.push({ id, table, at: this.next++ });
  }

  /**
   * The rows written since `start` (from {@link watch}), each once, raw inserts included once
   * their ids are known (one that failed wrote nothing).
   */
  async writtenSince(start: number): Promise<WrittenRow[]> {
    const rows: WrittenRow[] = [];
    for (const [id, { table, at }] of this.written) if (at >= start) rows.push({ id, table });
    for (const { id, table, at } of this.inserting) {
      if (at < start) continue;
      const inserted = await id.then(
        (value) => value as string,
        () => null,
      );
      if (inserted !== null) rows.push({ id: inserted, table });
    }
    return rows;
  }
}
