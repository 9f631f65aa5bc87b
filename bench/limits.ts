import {
  type AnyColumn,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  isOrmError,
  text,
} from 'convex-orm';
import { convexTest } from 'convex-test';
import { benchConvexDir, moduleMap } from './backend.js';

// The largest shapes that fit one transaction with Convex's limits enforced
// (convex-test `transactionLimits: true`): a `with` fan-out (parents, one
// child each, loaded by `findMany({ with })`) and a multi-row insert into a
// table with 3 unique columns. Own schema, so the other workloads' data is untouched.

const authors = convexTable('authors', { name: text().notNull() });
const books = convexTable('books', {
  authorId: id('authors')
    .notNull()
    .references((): AnyColumn => authors._id),
  title: text().notNull(),
});
const accounts = convexTable('accounts', {
  a: text().notNull().unique(),
  b: text().notNull().unique(),
  c: text().notNull().unique(),
});
const tables = { authors, books, accounts };
const schema = defineSchema(tables);
// The row cap and scan budget are raised so the transaction's limits are what stops each shape.
const orm = createOrm({
  relations: defineRelations(tables, (r) => ({
    authors: { books: r.many.books() },
    books: { author: r.one.authors({ from: r.books.authorId, to: r.authors._id }) },
  })),
  rowCap: 16_000,
  scanBudget: 32_000,
});

/** The largest size that fit, the smallest that did not, and why it did not. */
export type Fit = { largest: number; failsAt: number; failure: string };

export type LimitsResult = {
  /** Parents loaded with one child each by `findMany({ with: { books: true } })`. */
  withFanOut: Fit;
  /** Rows of one insert into a table with 3 unique columns. */
  uniqueInsert: Fit;
};

const backend = () => convexTest({ schema, modules: moduleMap(benchConvexDir), transactionLimits: true });

/** What stopped a run: the ORM's typed error (code and budget) or Convex's raw error. */
function failure(error: unknown): string {
  if (isOrmError(error)) {
    const budget = (error.details as { budget?: string } | undefined)?.budget;
    return budget ? `${error.code} (${budget})` : error.code;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `raw: ${message.split('. ')[0]}`;
}

async function fanOut(parents: number): Promise<string | null> {
  const t = backend();
  // Seeded in transactions of at most 14,000 writes (Convex allows 16,000).
  for (let start = 0; start < parents; start += 7_000) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(parents, start + 7_000); i++) {
        const authorId = await ctx.db.insert('authors', { name: `a${i}` });
        await ctx.db.insert('books', { authorId, title: `b${i}` });
      }
    });
  }
  try {
    const rows = await t.run(
      async (ctx) => (await orm.db(ctx).query.authors.findMany({ with: { books: true } })).length,
    );
    return rows === parents ? null : `returned ${rows} of ${parents} parents`;
  } catch (error) {
    return failure(error);
  }
}

async function uniqueInsert(rows: number): Promise<string | null> {
  const t = backend();
  const values = Array.from({ length: rows }, (_, i) => ({ a: `a${i}`, b: `b${i}`, c: `c${i}` }));
  try {
    await t.run((ctx) => orm.db(ctx).insert(accounts).values(values));
    return null;
  } catch (error) {
    return failure(error);
  }
}

/** Doubles from `start` until a size fails, then bisects to within 1%. */
async function largestFitting(
  run: (size: number) => Promise<string | null>,
  start: number,
  log: (line: string) => void,
): Promise<Fit> {
  let largest = 0;
  let failsAt = start;
  let reason = await run(failsAt);
  while (reason === null) {
    log(`  ${failsAt} fits`);
    largest = failsAt;
    failsAt *= 2;
    reason = await run(failsAt);
  }
  let failure = reason;
  log(`  ${failsAt} fails: ${reason}`);
  while (failsAt - largest > Math.max(1, Math.floor(largest / 100))) {
    const middle = Math.floor((largest + failsAt) / 2);
    const result = await run(middle);
    log(`  ${middle} ${result === null ? 'fits' : `fails: ${result}`}`);
    if (result === null) largest = middle;
    else [failsAt, failure] = [middle, result];
  }
  return { largest, failsAt, failure };
}

/** Searches both shapes (seconds to minutes: convex-test scans a table per index range). */
export async function runLimits(log: (line: string) => void): Promise<LimitsResult> {
  log('limits: with fan-out (parents × 1 child)');
  const withFanOut = await largestFitting(fanOut, 1_024, log);
  log('limits: insert with 3 unique columns');
  const insert = await largestFitting(uniqueInsert, 512, log);
  return { withFanOut, uniqueInsert: insert };
}
