import { documentSize } from './documentSize.js';

/**
 * Most document sizes remembered by id, exact sizes and upper bounds together ({@link
 * KnownDocuments.storedSize}): a bounded map (a transaction may read 32,000 documents). A raw
 * write of a document past it reserves Convex's largest, as one of a document the meter never read.
 */
const REMEMBERED_SIZES = 10_000;

/** What `KnownDocuments.sizes` holds for a document whose size is not known while an ORM statement writes it. */
const UNKNOWN = Number.NEGATIVE_INFINITY;

/**
 * What a transaction's meter knows of single documents, which a write's cost depends on and the
 * write itself does not show: whether Convex's read set holds a document's `by_id` range (a
 * patch, replace or delete of it then opens none) and how large the stored document is (a raw
 * patch, replace or delete reads it whole), exactly or at most.
 */
export class KnownDocuments {
  // Ids whose `by_id` range Convex's read set holds already: read by a `db.get` through the meter,
  // or written since. Convex merges a key's range with itself, so a write to one opens no new range.
  private readonly byId = new Set<string>();
  // Stored sizes by id, in one map (a row read, written and read again is one entry, changed in
  // place): known exactly (as read, or as a raw replace left them) as the size; known as an upper
  // bound (as a raw patch left them) as its bitwise complement (negative); not known while an ORM
  // statement's write of it is on its way as `UNKNOWN`.
  private readonly sizes = new Map<string, number>();
  // The document measured last and its size: a statement reserving the read of the row it patches
  // (read just before, as a hook's one-row update does per row) asks for that size again.
  private lastMeasured: object | null = null;
  private lastMeasuredSize = 0;
  // Raw patches, replaces and deletes recorded so far, and by id the count when its last was: a read
  // that started before a raw write of its document may return it as it was, which must not replace
  // what the write left ({@link read}).
  private rawWriteCount = 0;
  private readonly lastRawWrite = new Map<string, number>();

  /** How many raw writes were recorded so far: what a read started now passes to {@link read}. */
  get rawWrites(): number {
    return this.rawWriteCount;
  }

  /**
   * Measures a document read through the meter and remembers its size by id; returns the size. A
   * read started when `rawWrites` was `since` does not replace a size known of the document when a
   * raw write of it was recorded since (it may return the document as it was before that write).
   */
  read(doc: Record<string, unknown>, since: number): number {
    const size = documentSize(doc);
    this.lastMeasured = doc;
    this.lastMeasuredSize = size;
    const id = doc._id as string;
    if (since === this.rawWriteCount || !this.writtenSince(id, since)) this.remember(id, size);
    return size;
  }

  /** True when a raw write of `id` was recorded after `rawWrites` was `since`, and what it left is known. */
  private writtenSince(id: string, since: number): boolean {
    return (this.lastRawWrite.get(id) ?? 0) > since && this.sizes.has(id);
  }

  /** The size Convex gives `doc`, not measured again when it is the document read last. */
  size(doc: Record<string, unknown>): number {
    return doc === this.lastMeasured ? this.lastMeasuredSize : documentSize(doc);
  }

  /**
   * Records that Convex's read set holds the `by_id` range of `id`: a `db.get` of it read that
   * range, so a patch, replace or delete of it opens none ({@link hasReadById}).
   */
  readById(id: string): void {
    this.byId.add(id);
  }

  /**
   * True when a patch, replace or delete of `id` opens no new index range: Convex reads the
   * document it changes through its `by_id` index (`get_inner`), a range of one key, which merges
   * only with a range already read over that key (a `db.get` of the id, or an earlier write to it).
   * False when not known (the read was a range over another index, or outside the meter).
   */
  hasReadById(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * The size of the stored document `id` as far as known: exactly ({@link hasExactSize}), or at
   * most (as a raw patch left it, {@link patchedRaw}); `undefined` when never read, from an ORM
   * statement's reservation of a write of it ({@link writing}) until the write is made ({@link
   * written}; a delete's never), or once a sync showed writes made outside the meter ({@link
   * forgetSizes}).
   */
  storedSize(id: string): number | undefined {
    const size = this.sizes.get(id);
    if (size === undefined || size === UNKNOWN) return undefined;
    return size >= 0 ? size : ~size;
  }

  /**
   * The size of the stored document `id` when the meter knows one other than `rowSize`, the size of
   * the row a statement read: the upper bound a raw patch of it left, or the exact size of a raw
   * replace, since that read (a statement's before-hook); `undefined` when known as `rowSize`
   * exactly, or not known. One `Map.get` for a row read through the meter: it runs per row written.
   */
  changedSize(id: string, rowSize: number): number | undefined {
    const size = this.sizes.get(id);
    if (size === undefined || size === UNKNOWN || size === rowSize) return undefined;
    return size >= 0 ? size : ~size;
  }

  /** True when {@link storedSize} of `id` is exact: as read through the meter, or as a raw replace left it. */
  hasExactSize(id: string): boolean {
    const size = this.sizes.get(id);
    return size !== undefined && size >= 0;
  }

  /** Records a raw replace (of `size` bytes, exact) or delete (`undefined`) of `id`: its `by_id` range is read. */
  changedRaw(id: string, size: number | undefined): void {
    this.byId.add(id);
    this.lastRawWrite.set(id, ++this.rawWriteCount);
    if (size === undefined) this.sizes.delete(id);
    else this.remember(id, size);
  }

  /**
   * Records a raw patch of `id`: its `by_id` range is read, and it is now of `atMost` bytes at
   * most (the patch's fields may replace ones of sizes not known), not exactly.
   */
  patchedRaw(id: string, atMost: number): void {
    this.byId.add(id);
    this.lastRawWrite.set(id, ++this.rawWriteCount);
    this.remember(id, ~atMost);
  }

  /**
   * Records an ORM statement's write to `id`, reserved and not yet made: its `by_id` range is read,
   * and its size as read no longer holds: until {@link written} for a patch or replace (marked
   * unknown in place), for good for a delete (`deletes`: the document will be gone, and its entry
   * must not take the room of a size worth remembering).
   */
  writing(id: string, deletes: boolean): void {
    this.byId.add(id);
    if (deletes) this.sizes.delete(id);
    else this.remember(id, UNKNOWN);
  }

  /**
   * Records the document an ORM statement's write left as `id`, once made: of `size` bytes, exactly
   * (an insert's row, an update's patched one), so a raw write of it after (a hook's patch of the
   * row just inserted) is reserved at its cost. One `Map.set`: it runs per row written.
   */
  written(id: string, size: number): void {
    this.remember(id, size);
  }

  /**
   * Records the document an ORM statement's write left as `id`, once made, as of `atMost` bytes at
   * most: the row was changed raw after the statement read it ({@link changedSize}), so the size the
   * statement reserved is an upper bound, and a raw replace or delete of it after is an estimate.
   */
  writtenAtMost(id: string, atMost: number): void {
    this.remember(id, ~atMost);
  }

  /**
   * Forgets every stored size: a write made outside the meter (the caller's own `ctx.db`) may have
   * changed any document, and the meter does not know which. What is known of `by_id` ranges
   * stays: a write does not take a range out of Convex's read set.
   */
  forgetSizes(): void {
    this.sizes.clear();
  }

  // `size` as the map holds it (see `sizes`).
  private remember(id: string, size: number): void {
    if (this.sizes.size < REMEMBERED_SIZES || this.sizes.has(id)) this.sizes.set(id, size);
  }
}
