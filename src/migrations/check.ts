import type { GenericQueryCtx } from 'convex/server';
import { OrmError } from '../errors.js';
import { DEFAULT_TRANSACTION_BUDGET } from '../limits/convexLimits.js';
import { afterSync, transactionDb } from '../limits/meteredDb.js';
import type { Doc } from '../mutation/reader.js';
import { idCheck } from '../mutation/validate.js';
import { ownField } from '../ownField.js';
import { decodeCheckCursor, encodeCheckCursor } from './checkCursor.js';
import { CheckFindings } from './checkFindings.js';
import {
  type ConstraintViolation,
  constraintBatchSize,
  rangesPerDocument,
  tableConstraints,
  violationFinder,
} from './constraints.js';
import { documentProblems, type FieldProblem, type IsId } from './matchValidator.js';
import { type PREVIEW_CHARS, preview } from './preview.js';
import type { ValidatorJson } from './validatorJson.js';
import type { MigrationOrm } from './write.js';

/** Arguments of the `check` function: one batch of one table, checked against a document validator. */
export type CheckArgs = {
  table: string;
  /**
   * The table's `documentType` from the *local* schema's `defineSchema(...).export()`, as a JSON
   * string (a literal's JSON may hold `$integer` keys, which no Convex value may).
   */
  documentType: string;
  /** `null` for the table's first batch, then the `continueCursor` of the one before. */
  cursor: string | null;
  batchSize: number;
};

/** A document field the checked validator rejects; `value` is a JSON preview, cut to {@link PREVIEW_CHARS}. */
export interface RejectedField {
  _id: string;
  field: string;
  problem: FieldProblem;
  value?: string;
}

/** One checked batch. */
export interface CheckResult {
  /** Documents judged: the page's, or its first ones when their findings filled the result (see {@link CheckFindings}). */
  scanned: number;
  rejected: RejectedField[];
  /** The deployed schema's constraints the batch's documents break (absent from a deployment whose `check` predates their verification). */
  violations?: ConstraintViolation[];
  continueCursor: string;
  isDone: boolean;
}

/** The largest batch `check` reads in one query. */
export const MAX_CHECK_BATCH = 4096;
/** Half of Convex's 16 MiB read limit per query: a batch of large documents stops early instead of failing. */
const MAX_BYTES_READ = 8 * 1024 * 1024;

function parseValidator(json: string): ValidatorJson | undefined {
  try {
    return JSON.parse(json) as ValidatorJson;
  } catch {
    return undefined;
  }
}

/**
 * Reads one batch of `table` (one `paginate`, at most `batchSize` documents and 8 MiB) and
 * returns the fields the given document validator rejects. Reads only; the CLI walks the
 * cursor to the end (`convex-orm migrate check`).
 *
 * Given the deployed `orm`, it also returns the documents that break the unique, check and
 * foreign-key constraints of its schema (which Convex enforces on no write, and the ORM only on
 * its own): see {@link violationFinder}. Their probes read one index range each, so the page
 * holds no more documents than leave room for them within the ORM's transaction budget; the page
 * reads a share of 8 MiB that leaves as much again per unique constraint (their probes mostly
 * read the document itself), and every probe goes through the ORM's metered database: past the
 * budget, a typed error instead of a query Convex stops.
 *
 * What it returns is one Convex value: documents are judged in page order while their findings
 * fit it ({@link CheckFindings}), and a batch that stops inside its page returns a cursor just
 * after the last document it judged (see checkCursor.ts).
 */
export async function checkBatch(
  ctx: GenericQueryCtx<any>,
  args: CheckArgs,
  orm?: Pick<MigrationOrm, 'schema' | 'options'>,
): Promise<CheckResult> {
  if (!Number.isInteger(args.batchSize) || args.batchSize < 1 || args.batchSize > MAX_CHECK_BATCH) {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `check: batchSize must be an integer from 1 to ${MAX_CHECK_BATCH}, got ${args.batchSize}.`,
      { table: args.table },
    );
  }
  const documentType = parseValidator(args.documentType);
  if (typeof documentType?.type !== 'string') {
    throw new OrmError('MIGRATION_CONFIG', `check: documentType of table "${args.table}" is not a validator's JSON.`, {
      table: args.table,
    });
  }
  const { after, page: pageCursor } = decodeCheckCursor(args.table, args.cursor);
  const constraints = orm && tableConstraints(orm.schema.schema.registry, args.table);
  const budget = orm?.options?.transactionBudget ?? DEFAULT_TRANSACTION_BUDGET;
  const perDocument = constraints ? rangesPerDocument(constraints) : 0;
  const page = await ctx.db
    .query(args.table)
    .withIndex('by_creation_time', (q) => (after === null ? q : q.gt('_creationTime', after)))
    .paginate({
      cursor: pageCursor,
      numItems: constraintBatchSize(args.batchSize, perDocument, budget.indexRanges),
      maximumBytesRead: Math.floor(MAX_BYTES_READ / (1 + (constraints?.table.uniques.length ?? 0))),
    });
  // One check per batch, not per document.
  const isId = idCheck(ctx.db);
  const db = constraints && transactionDb(ctx.db, budget, ctx.meta);
  const violationsOf = db && violationFinder(db, constraints);
  const findings = new CheckFindings();
  // The probes read once the meter has taken the transaction's usage (right away without constraints).
  await afterSync(db ?? ctx.db, async () => {
    for (const doc of page.page as Doc[]) {
      const violations = violationsOf ? await violationsOf(doc) : [];
      if (!findings.add(rejectedFields(documentType, doc, isId), violations)) return;
    }
  });
  // Stopped inside its page: the next batch starts just after the last document judged.
  const stopped = findings.documents < page.page.length;
  const next = stopped
    ? { after: (page.page[findings.documents - 1] as Doc)._creationTime, page: null }
    : { after, page: page.continueCursor };
  return {
    scanned: findings.documents,
    rejected: findings.rejected,
    violations: findings.violations,
    continueCursor: encodeCheckCursor(next),
    isDone: !stopped && page.isDone,
  };
}

/** The fields of `doc` that `documentType` rejects, each with a preview of its value. */
function rejectedFields(documentType: ValidatorJson, doc: Doc, isId: IsId): RejectedField[] {
  return documentProblems(documentType, doc, isId).map(({ field, problem }) => {
    const value = preview(field === '' ? doc : ownField(doc, field));
    return { _id: doc._id, field, problem, ...(value === undefined ? {} : { value }) };
  });
}
