// Pages loaded under read rules (an object equality rule, an OR rule across fields, a function
// rule) with sealed cursors, on a soft-delete table (with and without withDeleted), then re-run
// pinned by endCursor (convex-helpers' way, docs/queries.md "Re-runs" / "Pinned pages") after
// rounds of writes that change which rows the viewer sees (owner changes, soft delete and restore,
// rank moves, inserts, hard deletes), followed by the unpinned tail, hold exactly what findMany
// returns for the same viewer, in order: no row lost or shown twice, no hidden row shown. Seeded.
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';
import { seededRandom } from '../seededRandom';
import { CURSOR_SECRET } from './cursorSecret';

const items = convexTable(
  'items',
  { owner: text().notNull(), rank: integer(), tag: text().notNull(), deletedAt: timestamp() },
  (t) => [
    index('by_rank').on(t.rank),
    index('by_owner').on(t.owner, t.rank),
    index('by_tag').on(t.tag, t.rank),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { items };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));
const objRules = defineRules(relations, async (ctx: { auth: Auth }) => ({
  items: { read: { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' } },
}));
const orRules = defineRules(relations, async (ctx: { auth: Auth }) => ({
  items: { read: { OR: [{ owner: (await ctx.auth.getUserIdentity())?.subject ?? '' }, { tag: 'pub' }] } },
}));
const fnRules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const v = (await ctx.auth.getUserIdentity())?.subject ?? '';
  return { items: { read: (row) => row.owner === v || row.tag === 'pub' } };
});
const orms = {
  obj: createOrm({ relations, rules: objRules, cursorSecret: CURSOR_SECRET }),
  or: createOrm({ relations, rules: orRules, cursorSecret: CURSOR_SECRET }),
  fn: createOrm({ relations, rules: fnRules, cursorSecret: CURSOR_SECRET }),
};
const configs: any[] = [
  { orderBy: { rank: 'asc' } },
  { orderBy: { rank: 'desc' }, where: { tag: { in: ['a', 'pub'] } } },
  { orderBy: { rank: 'asc' }, where: { rank: { ne: 3 } } },
  { orderBy: { rank: 'asc' }, withDeleted: true },
];

describe('pinned pages under rules and soft delete with writes', () => {
  for (const [on, o] of Object.entries(orms))
    for (const [ci, config] of configs.entries())
      for (const seed of [1, 2])
        it(`${on} cfg${ci} seed${seed}`, async () => {
          const r = seededRandom(seed * 100 + ci);
          const t = convexTest(schema, modules);
          const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
          const row = () => ({
            owner: pick(['mal', 'vic']),
            rank: r() < 0.1 ? undefined : Math.floor(r() * 12),
            tag: pick(['a', 'b', 'pub']),
            ...(r() < 0.2 ? { deletedAt: 1 } : {}),
          });
          await t.run(async (ctx) => {
            for (let i = 0; i < 25; i++) await ctx.db.insert('items', row() as never);
          });
          const as = <R>(fn: (db: any) => Promise<R>) =>
            t.withIdentity({ subject: 'mal' }).run((ctx) => fn((o as any).db(ctx)));
          // load pages
          const cursors: (string | null)[] = [null];
          for (let i = 0; i < 50; i++) {
            const p: any = await as((db) =>
              db.query.items.paginate(
                { numItems: 1 + Math.floor(r() * 3), cursor: cursors[cursors.length - 1] },
                config,
              ),
            );
            cursors.push(p.continueCursor);
            if (p.isDone) break;
          }
          for (let round = 0; round < 4; round++) {
            await t.run(async (ctx) => {
              const all = await ctx.db.query('items').collect();
              for (let k = 0; k < 5; k++) {
                const x = r();
                if (x < 0.3) await ctx.db.insert('items', row() as never);
                else if (all.length) {
                  const d = pick(all);
                  if (x < 0.45) await ctx.db.delete(d._id).catch(() => {});
                  else
                    await ctx.db
                      .patch(
                        d._id,
                        r() < 0.5
                          ? { rank: Math.floor(r() * 12) }
                          : r() < 0.5
                            ? { owner: pick(['mal', 'vic']) }
                            : ({ deletedAt: r() < 0.5 ? 2 : undefined } as never),
                      )
                      .catch(() => {});
                }
              }
            });
            const out = await as(async (db) => {
              const expected = (await db.query.items.findMany(config)).map((x: any) => x._id);
              const got: string[] = [];
              for (let i = 0; i + 1 < cursors.length; i++) {
                const p: any = await db.query.items.paginate(
                  { numItems: 3, cursor: cursors[i], endCursor: cursors[i + 1] },
                  config,
                );
                got.push(...p.page.map((x: any) => x._id));
              }
              // last page unpinned from last cursor
              let c = cursors[cursors.length - 1];
              for (let i = 0; i < 50; i++) {
                const p: any = await db.query.items.paginate({ numItems: 3, cursor: c }, config);
                got.push(...p.page.map((x: any) => x._id));
                c = p.continueCursor;
                if (p.isDone) break;
              }
              return { expected, got };
            });
            expect(out.got).toEqual(out.expected);
          }
        });
});
