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
// child each, loaded by `findMany({ with })`), a multi-row insert and a
// multi-row upsert into a table with 3 unique columns, and a cascade delete
// (parents, one child each). Own schema, so the other workloads' data is untouched.

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
const folders = convexTable('folders', { name: text().notNull() });
const files = convexTable('files', {
  folderId: id('folders')
    .notNull()
    .references((): AnyColumn => folders._id, { onDelete: 'cascade' }),
  name: text().notNull(),
});
const tags = convexTable('tags', { name: text().notNull() });
const authorTags = convexTable('authorTags', {
  authorId: id('authors')
    .notNull()
    .references((): AnyColumn => authors._id),
  tagId: id('tags')
    .notNull()
    .references((): AnyColumn => tags._id),
});
const tables = { authors, books, accounts, folders, files, tags, authorTags };
const schema = defineSchema(tables);
// The row cap and scan budget are raised so the transaction's limits are what stops each shape.
const orm = createOrm({
  relations: defineRelations(tables, (r) => ({
    authors: {
      books: r.many.books(),
      tags: r.many.tags({
        from: r.authors._id.through(r.authorTags.authorId),
        to: r.tags._id.through(r.authorTags.tagId),
      }),
    },
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
  /** Parents loaded through a junction (one link each, to one of 10 tags) by `findMany({ with: { tags: true } })`. */
  throughFanOut: Fit;
  /** Rows of one insert into a table with 3 unique columns. */
  uniqueInsert: Fit;
  /** Rows of one `onConflictDoNothing` upsert into a table with 3 unique columns, every other one conflicting. */
  uniqueUpsert: Fit;
  /** Parents with one `onDelete: 'cascade'` child each, deleted by one statement. */
  cascadeDelete: Fit;
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

type Backend = ReturnType<typeof backend>;
type RawDb = Parameters<Parameters<Backend['run']>[0]>[0]['db'];

/** `count` raw `write`s (of up to 2 documents) in transactions of 7,000 (Convex allows 16,000 documents written). */
async function seed(t: Backend, count: number, write: (db: RawDb, i: number) => Promise<unknown>) {
  for (let start = 0; start < count; start += 7_000) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(count, start + 7_000); i++) await write(ctx.db, i);
    });
  }
}

/** Null when `run` succeeds, else what stopped it. */
async function outcome(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return failure(error);
  }
}

async function fanOut(parents: number): Promise<string | null> {
  const t = backend();
  await seed(t, parents, async (db, i) =>
    db.insert('books', { authorId: await db.insert('authors', { name: `a${i}` }), title: `b${i}` }),
  );
  let rows = parents;
  const reason = await outcome(async () => {
    rows = await t.run(async (ctx) => (await orm.db(ctx).query.authors.findMany({ with: { books: true } })).length);
  });
  return reason ?? (rows === parents ? null : `returned ${rows} of ${parents} parents`);
}

async function throughFanOut(parents: number): Promise<string | null> {
  const t = backend();
  const tagIds = await t.run((ctx) =>
    Promise.all(Array.from({ length: 10 }, (_, i) => ctx.db.insert('tags', { name: `t${i}` }))),
  );
  await seed(t, parents, async (db, i) =>
    db.insert('authorTags', { authorId: await db.insert('authors', { name: `a${i}` }), tagId: tagIds[i % 10]! }),
  );
  let rows = parents;
  const reason = await outcome(async () => {
    rows = await t.run(async (ctx) => (await orm.db(ctx).query.authors.findMany({ with: { tags: true } })).length);
  });
  return reason ?? (rows === parents ? null : `returned ${rows} of ${parents} parents`);
}

const accountRows = (rows: number) => Array.from({ length: rows }, (_, i) => ({ a: `a${i}`, b: `b${i}`, c: `c${i}` }));

function uniqueInsert(rows: number): Promise<string | null> {
  return outcome(() => backend().run((ctx) => orm.db(ctx).insert(accounts).values(accountRows(rows))));
}

async function uniqueUpsert(rows: number): Promise<string | null> {
  const t = backend();
  const values = accountRows(rows);
  await seed(t, Math.floor(rows / 2), (db, i) => db.insert('accounts', values[2 * i]!));
  return outcome(() => t.run((ctx) => orm.db(ctx).insert(accounts).values(values).onConflictDoNothing()));
}

async function cascadeDelete(parents: number): Promise<string | null> {
  const t = backend();
  await seed(t, parents, async (db, i) =>
    db.insert('files', { folderId: await db.insert('folders', { name: `f${i}` }), name: `x${i}` }),
  );
  return outcome(() => t.run((ctx) => orm.db(ctx).delete(folders).all()));
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

/** Searches every shape (seconds to minutes: convex-test scans a table per index range). */
export async function runLimits(log: (line: string) => void): Promise<LimitsResult> {
  log('limits: with fan-out (parents × 1 child)');
  const withFanOut = await largestFitting(fanOut, 1_024, log);
  log('limits: through fan-out (parents × 1 junction link)');
  const through = await largestFitting(throughFanOut, 1_024, log);
  log('limits: insert with 3 unique columns');
  const insert = await largestFitting(uniqueInsert, 512, log);
  log('limits: upsert with 3 unique columns (every other row conflicting)');
  const upsert = await largestFitting(uniqueUpsert, 512, log);
  log('limits: cascade delete (parents × 1 child)');
  const cascade = await largestFitting(cascadeDelete, 1_024, log);
  return { withFanOut, throughFanOut: through, uniqueInsert: insert, uniqueUpsert: upsert, cascadeDelete: cascade };
}
