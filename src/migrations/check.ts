import type { GenericQueryCtx } from 'convex/server';
import { OrmError } from '../errors.js';
import { idCheck } from '../mutation/validate.js';
import { documentProblems, type FieldProblem } from './matchValidator.js';
import { type PREVIEW_CHARS, preview } from './preview.js';
import type { ValidatorJson } from './validatorJson.js';

/** Arguments of the `check` function: one batch of one table, checked against a document validator. */
export type CheckArgs = {
  table: string;
  /**
   * The table's `documentType` from the *local* schema's `defineSchema(...).export()`, as a JSON
   * string (a literal's JSON may hold `$integer` keys, which no Convex value may).
   */
  documentType: string;
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
  scanned: number;
  rejected: RejectedField[];
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
 */
export async function checkBatch(ctx: GenericQueryCtx<any>, args: CheckArgs): Promise<CheckResult> {
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
  const page = await ctx.db.query(args.table).paginate({
    cursor: args.cursor,
    numItems: args.batchSize,
    maximumBytesRead: MAX_BYTES_READ,
  });
  // One check per batch, not per document.
  const isId = idCheck(ctx.db);
  const rejected: RejectedField[] = [];
  for (const doc of page.page) {
    for (const { field, problem } of documentProblems(documentType, doc, isId)) {
      const value = preview(field === '' ? doc : doc[field]);
      rejected.push({ _id: doc._id, field, problem, ...(value === undefined ? {} : { value }) });
    }
  }
  return { scanned: page.page.length, rejected, continueCursor: page.continueCursor, isDone: page.isDone };
}
