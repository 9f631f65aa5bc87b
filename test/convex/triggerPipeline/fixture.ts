import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  defineRelations,
  defineSchema,
  deletion,
  id,
  index,
  integer,
  type TriggersConfig,
  text,
  timestamp,
  unique,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { hookedOrm } from '../hookedOrm';

// Accounts (soft delete, aggregate on `a`), their notes (scheduled delete, cascade), and a log.
export const accounts = convexTable(
  'accounts',
  {
    a: text().notNull(),
    b: integer().notNull(),
    email: text().notNull().unique(),
    org: text(),
    handle: text(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_a').on(t.a),
    index('by_b').on(t.b),
    unique('org_handle').on(t.org, t.handle),
    deletion('soft', { column: t.deletedAt }),
    aggregateIndex('accounts_by_a').on(t.a).count().sum(t.b).shards(1),
  ],
);
export const notes = convexTable(
  'notes',
  {
    accountId: id('accounts')
      .notNull()
      .references(() => accounts._id, { onDelete: 'cascade' }),
    body: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_account').on(t.accountId, t.deletedAt),
    deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
    aggregateIndex('notes_by_account').on(t.accountId).count().shards(1),
  ],
);
export const logs = convexTable('logs', { msg: text().notNull() });

export const tables = { accounts, notes, logs };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  accounts: { notes: r.many.notes() },
  notes: { account: r.one.accounts({ from: r.notes.accountId, to: r.accounts._id }) },
}));

export type TriggerConfig = TriggersConfig<typeof relations>;

export function backend(config?: TriggerConfig) {
  const t = convexTest({ schema, modules, transactionLimits: true } as never);
  const { orm, dbOf, run, scheduled, runJobs } = hookedOrm(t, relations, config);
  /** Live accounts' count and sum(b) per `a`, recounted raw, vs what the aggregate index serves. */
  const recount = () =>
    t.run(async (ctx: any) => {
      const db = dbOf(ctx, { triggers: false });
      const live = (await ctx.db.query('accounts').collect()).filter((r: any) => r.deletedAt == null);
      const expected: Record<string, { n: number; sum: number }> = {};
      for (const r of live) {
        const e = expected[r.a] ?? { n: 0, sum: 0 };
        expected[r.a] = e;
        e.n++;
        e.sum += r.b;
      }
      const served: Record<string, { n: number; sum: number }> = {};
      for (const a of Object.keys(expected).concat(['x', 'y', 'z', 'w'])) {
        const served0 = await (db.query.accounts as any).count({ where: { a } }).explain();
        if (typeof served0.aggregate !== 'string' || served0.aggregate.startsWith('building'))
          throw new Error(`not served: ${JSON.stringify(served0)}`);
        const n = await db.query.accounts.count({ where: { a } });
        const agg: any = await (db.query.accounts as any).aggregate({ where: { a }, _sum: { b: true } });
        if (n > 0 || expected[a]) served[a] = { n, sum: agg?._sum?.b ?? 0 };
      }
      return { expected, served };
    });
  /** Builds the aggregate indexes (empty tables: one batch each). */
  const build = async () => {
    for (;;) {
      const step = await t.run((ctx) => backfillNext(ctx.db as never, [accounts, notes].map(getTableConfig), 100));
      if (step.batch === null) return;
    }
  };
  return { t, orm, run, scheduled, runJobs, recount, build };
}
