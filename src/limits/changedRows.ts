/** A row written while a statement watched its hooks' writes: its table and values (an insert's, an update's new row). */
export interface WrittenRow {
  readonly table: string;
  readonly row: Readonly<Record<string, unknown>>;
}

/**
 * Which stored rows the transaction's ORM statements have written, and raw writes deleted, in
 * order, and, while a statement watches its hooks ({@link watch}), the rows they insert or update:
 * a statement whose before-hooks wrote a row it goes on to update or delete (through the hook's
 * ORM writer, or a raw delete) would write from the row as it read it before, and one whose
 * reached rows' hooks wrote a row holding a key it removes would leave that row dangling, so it
 * refuses (`beforeTriggers.ts`). A raw patch or replace is not recorded: the ORM writes over it as
 * Convex merges writes, the bypass `ctx.raw` is documented as.
 */
export class ChangedRows {
  // Per id, the position of its last recorded change; the next position.
  private readonly positions = new Map<string, number>();
  private next = 0;
  // The rows written while a statement watches (nested statements' hooks may watch inside it).
  private readonly written: WrittenRow[] = [];
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
    return this.written.length;
  }

  /** Ends a {@link watch}; the rows recorded are forgotten once no statement watches. */
  unwatch(): void {
    if (--this.watching === 0) this.written.length = 0;
  }

  /** Records a row written into `table` (its values after the write), while a statement watches. */
  wrote(table: string, row: Readonly<Record<string, unknown>>): void {
    if (this.watching > 0) this.written.push({ table, row });
  }

  /** The rows written since `start` (from {@link watch}). */
  writtenSince(start: number): readonly WrittenRow[] {
    return this.written.slice(start);
  }
}
