import type { GenericDatabaseReader } from 'convex/server';
import { OrmError } from '../errors.js';
import { CONVEX_FUNCTION_LIMITS } from '../limits/convexLimits.js';
import { convexSize, documentSize } from '../limits/documentSize.js';
import { meterOf } from '../limits/meteredDb.js';
import type { Doc } from './readIndex.js';

/** What repeats in a result (the rows of a relation of a table, or of a select's joined table) and its bytes. */
interface Repeating {
  readonly what: string;
  bytes: number;
}

/**
 * A column one result row holds `copies` times (a select naming it under several keys): the
 * result is up to that many times the bytes its rows hold.
 */
export interface CopiedColumn {
  /** The column, qualified by the name its table goes by (`blobs.body`). */
  readonly column: string;
  readonly copies: number;
}

/**
 * The rows one query's result holds more than once, and their bytes, so the result is checked
 * against Convex's 16 MiB return value ({@link check}) without measuring it each time. A row is
 * read once (one `db.get` per id per query, one read per relation key) yet attached wherever it
 * belongs: a `one` relation's target under each parent sharing it, a junction's target under
 * each row linking it, a relation's row that the root rows hold too, a select join's row in each
 * result row it matches. Without such repeats a result holds each row read at most once, so it
 * is bounded by the bytes the transaction read (within its budget, under Convex's return value);
 * only repeats are counted (one `Set.add` per row attached), and only when they could take the
 * result past the limit is it measured. A repeat counts the row as shaped (its columns, extras
 * and the rows loaded under it), measured once per row.
 */
export class RepeatedRows {
  /** `copied`: the column a select's rows hold most often, when more than once; its copies multiply the bound. */
  constructor(private readonly copied: CopiedColumn | null = null) {}

  private readonly attached = new Set<Doc>();
  /** Bytes of the rows attached a second or later time. */
  private bytes = 0;
  // What repeats, by relation or join: the heaviest is what the error names.
  private readonly repeating = new Map<string, Repeating>();

  /** Records the root rows: a related row that is one of them is a repeat. */
  roots(docs: readonly Doc[]): void {
    for (const doc of docs) this.attached.add(doc);
  }

  /**
   * Records the rows of relation `key` of `table` attached to each parent: `children[i]` (a `one`
   * relation attaches the first only), shaped as `shaped[i]`.
   */
  attachRelated(
    table: string,
    key: string,
    one: boolean,
    children: readonly (readonly Doc[])[],
    shaped: readonly (readonly unknown[])[],
  ): void {
    let sizes: Map<Doc, number> | undefined;
    let repeated = 0;
    for (let i = 0; i < children.length; i++) {
      const rows = children[i]!;
      const attached = one ? Math.min(rows.length, 1) : rows.length;
      for (let j = 0; j < attached; j++) {
        const doc = rows[j]!;
        if (!this.attachedAgain(doc)) continue;
        // A row shaped alike wherever this relation attaches it: measured once.
        sizes ??= new Map();
        let size = sizes.get(doc);
        if (size === undefined) {
          size = convexSize(shaped[i]![j]);
          sizes.set(doc, size);
        }
        repeated += size;
      }
    }
    if (repeated > 0) this.repeat(`the rows of relation "${key}" of "${table}"`, repeated);
  }

  /**
   * Records the documents of one select result row (`docs`, by the name each table goes by): a
   * document an earlier result row holds counts at its size, an upper bound of what the row
   * selects of it.
   */
  attachJoined(docs: Readonly<Record<string, Doc | null>>): void {
    for (const name in docs) {
      const doc = docs[name];
      if (doc && this.attachedAgain(doc)) this.repeat(`the rows of "${name}"`, documentSize(doc));
    }
  }

  /** Adds `doc` to the rows attached: true when it was attached already. */
  private attachedAgain(doc: Doc): boolean {
    const { size } = this.attached;
    return this.attached.add(doc).size === size;
  }

  private repeat(what: string, bytes: number): void {
    this.bytes += bytes;
    let repeating = this.repeating.get(what);
    if (!repeating) {
      repeating = { what, bytes: 0 };
      this.repeating.set(what, repeating);
    }
    repeating.bytes += bytes;
  }

  /**
   * Throws `RESULT_TOO_LARGE` when `result`, the shaped result of a query on `table` read
   * through `db`, is larger than Convex lets a function return. Measured only when the bytes the
   * transaction read (all of them when `db` is not metered) and the repeats, times the copies of
   * a copied column, could pass the limit.
   */
  check(db: GenericDatabaseReader<any>, table: string, result: unknown): void {
    const copies = this.copied?.copies ?? 1;
    if (this.bytes === 0 && copies === 1) return;
    const limit = CONVEX_FUNCTION_LIMITS.returnValueBytes;
    const read = meterOf(db)?.usage.bytesRead() ?? limit;
    if ((read + this.bytes) * copies <= limit) return;
    const bytes = convexSize(result);
    if (bytes <= limit) return;
    throw this.tooLarge(table, bytes, limit);
  }

  /** The `RESULT_TOO_LARGE` of a result of `bytes`: naming the rows that repeat most, else the copied column. */
  private tooLarge(table: string, bytes: number, limit: number): OrmError {
    const heaviest = [...this.repeating.values()].reduce<Repeating | null>(
      (a, b) => (a && a.bytes >= b.bytes ? a : b),
      null,
    );
    const over = `The result of a query on "${table}" is ${bytes} bytes, over the ${limit} bytes Convex lets a function return`;
    const fewerRows = 'read fewer rows (limit, or a smaller page)';
    if (!heaviest) {
      const { column, copies } = this.copied!;
      return new OrmError(
        'RESULT_TOO_LARGE',
        `${over}: column "${column}" is selected ${copies} times, so each row holds its value ${copies} times. Select it once, or ${fewerRows}.`,
        { table, details: { bytes, limit, repeating: `column "${column}"`, copies } },
      );
    }
    return new OrmError(
      'RESULT_TOO_LARGE',
      `${over}: ${heaviest.what} repeat in it, once per row they are attached to (${heaviest.bytes} bytes of repeats). Select fewer of their columns, ${fewerRows}, or load the shared rows once in a query of their own.`,
      { table, details: { bytes, limit, repeating: heaviest.what, repeatedBytes: heaviest.bytes } },
    );
  }
}
