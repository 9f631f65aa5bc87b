/** A row written while a statement watched its hooks' writes: its id and table (`null`: a raw write by id only). */
export interface WrittenRow {
  readonly id: string;
  readonly table: string | null;
}

/**
 * While a statement watches its before-hooks ({@link watch}), which stored rows the transaction's
 * ORM statements updated or deleted and raw writes deleted ({@link changedSince}), and which rows
 * anything wrote, raw writes included ({@link writtenSince}): a statement whose before-hooks
 * changed a row it goes on to update or delete would write from the row as it read it before, and
 * one whose reached rows' hooks left a row holding a key it removes would leave that row dangling,
 * so it refuses (`mutation/hookWrites.ts`). A raw patch or replace of a row the statement writes
 * is not a change of it: the ORM writes over it as Convex merges writes, the bypass `ctx.raw` is
 * documented as. Nothing is recorded while no statement watches (a statement without before-hooks
 * pays nothing), and what was recorded is forgotten when the last watch ends. Apart from those,
 * into which tables rows were inserted ({@link watchInserts}): a migration batch whose last page
 * inserted into the table it walks goes on past it.
 */
export class ChangedRows {
  // The next position of a record; per id, the position of its last change.
  private next = 0;
  private readonly positions = new Map<string, number>();
  // The rows written, by id: the position of their last write, and their table when known.
  private readonly written = new Map<string, { readonly table: string | null; readonly at: number }>();
  // Raw inserts, their ids still on their way (a hook need not await one).
  private readonly inserting: { readonly id: Promise<unknown>; readonly table: string; readonly at: number }[] = [];
  // Per table, the position of its last insert (an ORM statement's or a raw one), while inserts are watched.
  private readonly insertedAt = new Map<string, number>();
  private watchingInserts = 0;
  // Statements watching (a hook's statement may watch inside another's watch).
  private watching = 0;

  /** Records a change of the stored row `id` (an ORM statement's update or delete, a raw delete). */
  changed(id: string): void {
    if (this.watching > 0) this.positions.set(id, this.next++);
  }

  /** Where the next record goes: {@link anySince} it tells whether anything was recorded meanwhile. */
  get position(): number {
    return this.next;
  }

  /** True when anything was recorded after `start`. */
  anySince(start: number): boolean {
    return this.next > start;
  }

  /** True when the row `id` was changed after `start`. */
  changedSince(id: string, start: number): boolean {
    return (this.positions.get(id) ?? -1) >= start;
  }

  /** The stored rows changed or written (by an ORM statement or raw) after `start`, by id; raw inserts (new rows) not among them. */
  *idsSince(start: number): IterableIterator<string> {
    for (const [id, at] of this.positions) if (at >= start) yield id;
    for (const [id, { at }] of this.written) if (at >= start) yield id;
  }

  /** Starts recording; where the records start, for {@link changedSince} and {@link writtenSince}. End with {@link unwatch}. */
  watch(): number {
    this.watching++;
    return this.next;
  }

  /** Ends a {@link watch}; the rows recorded are forgotten once no statement watches. */
  unwatch(): void {
    if (--this.watching > 0) return;
    this.positions.clear();
    this.written.clear();
    this.inserting.length = 0;
  }

  /** Records a write of the row `id` (of `table`, `null` when not known), while a statement watches. */
  wrote(id: string, table: string | null): void {
    if (this.watching > 0) this.written.set(id, { table, at: this.next++ });
  }

  /** Records a raw insert into `table` whose id `id` resolves to, while a statement watches (or inserts are watched). */
  inserted(id: Promise<unknown>, table: string): void {
    if (this.watchingInserts > 0) this.insertedAt.set(table, this.next);
    if (this.watching > 0) this.inserting.push({ id, table, at: this.next });
    this.next++;
  }

  /** Records an ORM statement's insert of the row `id` into `table`, while a statement watches (or inserts are watched). */
  insertedRow(id: string, table: string): void {
    if (this.watchingInserts > 0) this.insertedAt.set(table, this.next);
    if (this.watching > 0) this.written.set(id, { table, at: this.next });
    this.next++;
  }

  /**
   * Starts recording into which tables rows are inserted, and nothing else (a migration batch's
   * whole run: {@link watch}'s records would grow with it); where the records start, for
   * {@link insertedSince}. End with {@link unwatchInserts}.
   */
  watchInserts(): number {
    this.watchingInserts++;
    return this.next;
  }

  /** Ends a {@link watchInserts}; what it recorded is forgotten once nothing watches inserts. */
  unwatchInserts(): void {
    if (--this.watchingInserts === 0) this.insertedAt.clear();
  }

  /** True when a row was inserted into `table` after `start` (a raw insert as soon as it was called). */
  insertedSince(table: string, start: number): boolean {
    return (this.insertedAt.get(table) ?? -1) >= start;
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
