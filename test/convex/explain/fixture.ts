// The schema, data and ORMs of the seeded explain() tests: explain() checked against the ranges a
// run opens (`logged` records each one's table, index, range and documents read).
import type { DataModelFromSchemaDefinition, GenericDatabaseReader } from 'convex/server';
import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  id,
  index,
  integer,
  text,
  textEnum,
  timestamp,
} from '../../../src/index';
import { showValue } from '../../../src/planner/describe';
import { seededRandom } from '../../seededRandom';

// A schema with several indexes on one table (items), soft delete, a tenant-prefix read rule on
// items and a read rule on notes that is a relation filter (the note's item's tenant).
export const owners = convexTable('owners', { name: text().notNull(), tenant: text().notNull() });
export const items = convexTable(
  'items',
  {
    tenant: text().notNull(),
    status: textEnum(['a', 'b', 'c']).notNull(),
    rank: integer(),
    name: text().notNull(),
    ownerId: id('owners').notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_tenant_status').on(t.tenant, t.status, t.rank),
    index('by_status_rank').on(t.status, t.rank),
    index('by_owner').on(t.ownerId),
    index('by_rank').on(t.rank),
    index('by_deleted').on(t.deletedAt),
    deletion('soft', { column: t.deletedAt }),
  ],
);
export const notes = convexTable(
  'notes',
  { itemId: id('items').notNull(), score: integer().notNull(), tenant: text().notNull() },
  (t) => [index('by_item').on(t.itemId, t.score), index('by_tenant').on(t.tenant)],
);
export const tables = { owners, items, notes };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  owners: { items: r.many.items({ from: r.owners._id, to: r.items.ownerId }) },
  items: {
    owner: r.one.owners({ from: r.items.ownerId, to: r.owners._id, optional: false }),
    notes: r.many.notes({ from: r.items._id, to: r.notes.itemId }),
  },
  notes: { item: r.one.items({ from: r.notes.itemId, to: r.items._id, optional: false }) },
}));

export const plain = createOrm({ relations });
// The viewer's tenant prefix is "acme/" (synchronous, so explain() can run first).
export const ruled = createOrm({
  relations,
  rules: defineRules(relations, () => ({
    owners: { read: {} },
    items: { read: { tenant: { like: 'acme/%' } } },
    notes: { read: { item: { tenant: { like: 'acme/%' } } } },
  })),
});

export const TENANTS = ['acme/x', 'acme/y', 'beta/z'] as const;

/** 6 owners, 60 items (random status, rank absent/null/1..9, some soft-deleted), 0-4 notes each. */
export async function world(seed = 7) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const ids = await t.run(async (ctx) => {
    const ownerIds: string[] = [];
    for (let i = 0; i < 6; i++)
      ownerIds.push(await ctx.db.insert('owners', { name: `o${i}`, tenant: TENANTS[i % 3]! }));
    const itemIds: string[] = [];
    for (let i = 0; i < 60; i++) {
      const r = random();
      const rank = r < 0.15 ? {} : r < 0.3 ? { rank: null } : { rank: Math.floor(random() * 9) + 1 };
      const d = random();
      const deletedAt = d < 0.15 ? { deletedAt: 1000 + i } : d < 0.3 ? { deletedAt: null } : {};
      const tenant = pick(TENANTS);
      const itemId = await ctx.db.insert('items', {
        tenant,
        status: pick(['a', 'b', 'c'] as const),
        name: `n${i % 7}`,
        ownerId: pick(ownerIds) as never,
        ...rank,
        ...deletedAt,
      });
      itemIds.push(itemId);
      const n = Math.floor(random() * 5);
      for (let j = 0; j < n; j++) await ctx.db.insert('notes', { itemId, score: Math.floor(random() * 10), tenant });
    }
    return { ownerIds, itemIds };
  });
  return { t, ...ids };
}

/** The first live item (its `deletedAt` stored null) of a {@link world}, read raw: what explain tests read by id. */
export async function liveItem(db: GenericDatabaseReader<DataModelFromSchemaDefinition<typeof schema>>) {
  const item = await db
    .query('items')
    .withIndex('by_deleted', (q) => q.eq('deletedAt', null))
    .first();
  return item!;
}

/** One index range or get the ORM opened, as explain() prints a range, and the documents read from it. */
export interface Opened {
  readonly table: string;
  readonly index: string; // 'get' for db.get
  readonly range: string;
  docs: number;
}

const OPS: Record<string, string> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** `db` wrapped so every range opened (and every document read from it) is logged. */
export function logged(db: any, log: Opened[]): any {
  const counting = (entry: Opened, q: any): any =>
    new Proxy(q, {
      get(target, key) {
        const v = target[key];
        if (key === Symbol.asyncIterator)
          return () => {
            const it = v.call(target);
            return {
              async next() {
                const r = await it.next();
                if (!r.done) entry.docs++;
                return r;
              },
              return: it.return ? (x?: unknown) => it.return(x) : undefined,
            };
          };
        if (typeof v !== 'function') return v;
        return (...args: any[]) => {
          const r = v.apply(target, args);
          if (key === 'order' || key === 'filter') return counting(entry, r);
          if (key === 'take' || key === 'collect')
            return r.then((docs: unknown[]) => {
              entry.docs += docs.length;
              return docs;
            });
          if (key === 'first' || key === 'unique')
            return r.then((doc: unknown) => {
              if (doc) entry.docs++;
              return doc;
            });
          if (key === 'paginate')
            return r.then((page: { page: unknown[] }) => {
              entry.docs += page.page.length;
              return page;
            });
          return r;
        };
      },
    });
  const initializer = (table: string, q: any): any =>
    new Proxy(q, {
      get(target, key) {
        const v = target[key];
        if (key === 'withIndex')
          return (name: string, build?: (b: any) => any) => {
            const parts: string[] = [];
            const b: any = new Proxy(
              {},
              {
                get: (_t, op: string) => (field: string, value: any) => {
                  parts.push(
                    op === 'eq' && value === undefined
                      ? `${field} is absent`
                      : `${field} ${OPS[op]} ${showValue(value)}`,
                  );
                  return b;
                },
              },
            );
            if (build) build(b);
            const entry: Opened = { table, index: name, range: parts.length ? parts.join(', ') : 'all', docs: 0 };
            log.push(entry);
            return counting(entry, v.call(target, name, build));
          };
        if (key === 'fullTableScan' || key === 'order' || key === 'filter' || key === 'withSearchIndex') {
          return (...args: any[]) => {
            const entry: Opened = { table, index: String(key), range: JSON.stringify(args[0] ?? null), docs: 0 };
            log.push(entry);
            return counting(entry, v.apply(target, args));
          };
        }
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  return new Proxy(db, {
    get(target, key) {
      const v = target[key];
      if (key === 'query') return (table: string) => initializer(table, v.call(target, table));
      if (key === 'get')
        return async (...args: any[]) => {
          const table = args.length > 1 ? args[0] : '?';
          const entry: Opened = { table, index: 'get', range: `_id = ${showValue(args.at(-1))}`, docs: 0 };
          log.push(entry);
          const doc = await v.apply(target, args);
          if (doc) entry.docs++;
          return doc;
        };
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
