import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SchemaDefinition } from 'convex/server';
import { convexTest } from 'convex-test';
import { type Backend, benchConvexDir, moduleMap } from './backend.js';
import type { BenchConfig } from './config.js';
import { internal } from './convex/_generated/api.js';
import { transactions } from './convex/backfill.js';
import schema from './convex/schema.js';
import { median } from './measure.js';
import { collectGarbage } from './runWorkloads.js';

/** One contender of workload 10: how it starts, and its transaction counter. */
type BackfillContender = {
  key: 'floor' | 'convex-orm' | '@convex-dev/migrations';
  label: string;
  start: (t: Backend, batchSize: number) => Promise<unknown>;
  transactions: () => number;
  resetTransactions: () => void;
};

export type BackfillResult = {
  key: BackfillContender['key'];
  label: string;
  transactions: number;
  documentsBackfilled: number;
  timesMs: number[];
  medianMs: number;
  error: string | null;
};

const contenders: BackfillContender[] = [
  {
    key: 'floor',
    label: 'floor (paginate-and-patch loop)',
    start: (t, batchSize) => t.mutation(internal.backfill.floorBatch, { cursor: null, batchSize }),
    transactions: () => transactions.floor,
    resetTransactions: () => {
      transactions.floor = 0;
    },
  },
  {
    key: 'convex-orm',
    label: 'convex-orm migrations',
    start: (t, batchSize) => t.mutation(internal.ormMigrations.run, { direction: 'up', batchSize }),
    transactions: () => transactions.convexOrm,
    resetTransactions: () => {
      transactions.convexOrm = 0;
    },
  },
  {
    key: '@convex-dev/migrations',
    label: '@convex-dev/migrations 0.3.6',
    start: (t, batchSize) => t.mutation(internal.backfill.startConvexDev, { batchSize }),
    transactions: () => transactions.convexDev,
    resetTransactions: () => {
      transactions.convexDev = 0;
    },
  },
];

/** The @convex-dev/migrations component's schema and modules, for `t.registerComponent`. */
async function migrationsComponent() {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@convex-dev/migrations/package.json')), 'dist', 'component');
  const componentSchema = (await import(pathToFileURL(join(dir, 'schema.js')).href)).default as SchemaDefinition<
    any,
    boolean
  >;
  return { schema: componentSchema, modules: moduleMap(dir, dir, './component') };
}

async function backend(docs: number): Promise<Backend> {
  const component = await migrationsComponent();
  const t = convexTest(schema, moduleMap(benchConvexDir));
  t.registerComponent('migrations', component.schema, component.modules);
  const kinds = ['click', 'view', 'purchase', 'signup', 'share'];
  await t.run(async (ctx) => {
    for (let i = 0; i < docs; i++) await ctx.db.insert('events', { kind: kinds[i % kinds.length]! });
  });
  return t;
}

const backfilled = (t: Backend) =>
  t.run(async (ctx) => (await ctx.db.query('events').collect()).filter((doc) => typeof doc.score === 'number').length);

/**
 * Workload 10: each contender backfills a fresh table of `backfillDocs`
 * documents, batch size `backfillBatch`, as scheduled transactions run to
 * completion by convex-test. Run 0 is a warm-up; runs 1..N are timed,
 * interleaved. Transactions and backfilled documents come from run 0.
 */
export async function runBackfill(config: BenchConfig, extra: BackfillContender[] = []): Promise<BackfillResult[]> {
  const all = [...contenders, ...extra];
  const results = all.map(
    (contender): BackfillResult => ({
      key: contender.key,
      label: contender.label,
      transactions: 0,
      documentsBackfilled: 0,
      timesMs: [],
      medianMs: 0,
      error: null,
    }),
  );
  const quiet = silenceConsole();
  try {
    for (let run = 0; run <= config.runs; run++) {
      // Each run starts with the next contender, so none is always first after a pause.
      for (let k = 0; k < all.length; k++) {
        const i = (k + run) % all.length;
        const contender = all[i]!;
        const result = results[i]!;
        if (result.error) continue;
        const t = await backend(config.backfillDocs);
        contender.resetTransactions();
        try {
          collectGarbage();
          const start = performance.now();
          await contender.start(t, config.backfillBatch);
          await t.finishAllScheduledFunctions(() => {}, 1_000_000);
          const ms = performance.now() - start;
          if (run === 0) {
            result.transactions = contender.transactions();
            result.documentsBackfilled = await backfilled(t);
          } else result.timesMs.push(ms);
        } catch (error) {
          result.error = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        }
      }
    }
  } finally {
    quiet.restore();
  }
  for (const result of results) result.medianMs = result.timesMs.length ? median(result.timesMs) : 0;
  return results;
}

export type { BackfillContender };

/** The component logs every finished migration; the bench prints its own summary. */
function silenceConsole() {
  const { info, debug, log } = console;
  console.info = () => {};
  console.debug = () => {};
  console.log = () => {};
  return {
    restore: () => Object.assign(console, { info, debug, log }),
  };
}
