// Claim check (from a review that found no bug): a relation filter beside a `with` load through a junction shares the
// filter's read since f6fe6a54 (docs/queries.md "Measured read costs": "Through a junction too").
// Seeded differential: users paged and found by `where: { groups: W }` beside `with: { groups: { where: W } }`
// (and `_count`), with duplicate links, soft-deleted links and groups, rules on the junction, the
// target and the root (object, function, relation filter), `withDeleted`, load orders and columns,
// compared to the same query with the sharing switched off (a second, always-true relation filter:
// `NOT: { groups: { name: 'zz-none' } }`, which makes the filter no sole conjunct). Pages must join to
// findMany's rows, every page but the last full, each pinned page equal to its walk.
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
  id,
  index,
  integer,
  text,
} from '../../src/index';
import { seededRandom } from '../seededRandom';
import { CURSOR_SECRET } from './cursorSecret';

const users = convexTable('users', { name: text().notNull(), rank: integer(), team: text().notNull() }, (t) => [
  index('by_rank').on(t.rank),
  index('by_team_rank').on(t.team, t.rank),
]);
const groups = convexTable('groups', { name: text().notNull(), kind: text().notNull(), deletedAt: integer() }, (t) => [
  index('by_kind').on(t.kind),
  deletion('soft', { column: t.deletedAt }),
]);
const links = convexTable(
  'links',
  { userId: id('users').notNull(), groupId: id('groups').notNull(), role: text().notNull(), deletedAt: integer() },
  (t) => [index('by_user').on(t.userId), index('by_group').on(t.groupId), deletion('soft', { column: t.deletedAt })],
);
const tables = { users, groups, links };
const relations = defineRelations(tables, (r) => ({
  users: {
    groups: r.many.groups({
      from: r.users._id.through(r.links.userId),
      to: r.groups._id.through(r.links.groupId),
    }),
  },
  groups: { members: r.many.users() },
}));
const schema = defineSchema(tables);

const orms: [string, any][] = [
  ['plain', createOrm({ relations })],
  [
    'linkRule',
    createOrm({
      relations,
      cursorSecret: CURSOR_SECRET,
      rules: defineRules(relations, () => ({ links: { read: { role: { ne: 'hidden' } } } })),
    }),
  ],
  [
    'groupRule',
    createOrm({
      relations,
      cursorSecret: CURSOR_SECRET,
      rules: defineRules(relations, () => ({ groups: { read: { kind: { ne: 'secret' } } } })),
    }),
  ],
  [
    'fnRule',
    createOrm({
      relations,
      cursorSecret: CURSOR_SECRET,
      rules: defineRules(relations, () => ({ groups: { read: (g: any) => g.name !== 'g3' } })),
    }),
  ],
  [
    'userRelRule',
    createOrm({
      relations,
      cursorSecret: CURSOR_SECRET,
      rules: defineRules(relations, () => ({ users: { read: { groups: { kind: { ne: 'closed' } } } } })),
    }),
  ],
];

// Few index ranges: the relation filter switches to reading the keys with related rows at once
// (relationExists.ts keysWithRows), the load reading the keys after that itself.
orms.push(
  ['lowRanges', createOrm({ relations, transactionBudget: { indexRanges: 14 } as any })],
  [
    'lowRangesLinkRule',
    createOrm({
      relations,
      cursorSecret: CURSOR_SECRET,
      transactionBudget: { indexRanges: 18 } as any,
      rules: defineRules(relations, () => ({ links: { read: { role: { ne: 'hidden' } } } })),
    }),
  ],
);

const wheres: any[] = [
  true,
  { kind: 'open' },
  { kind: { in: ['open', 'secret'] } },
  { name: { gte: 'g2' } },
  { NOT: { kind: 'open' } },
  { members: { team: 'a' } },
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

async function seed(r: () => number) {
  const t = convexTest({ schema, modules, transactionLimits: true } as any);
  await t.run(async (ctx: any) => {
    const gs = [];
    for (let i = 0; i < 6; i++) {
      gs.push(
        await ctx.db.insert('groups', {
          name: `g${i}`,
          kind: pick(r, ['open', 'closed', 'secret']),
          ...(r() < 0.2 ? { deletedAt: 1 } : {}),
        }),
      );
    }
    for (let i = 0; i < 18; i++) {
      const u = await ctx.db.insert('users', {
        name: `u${i}`,
        team: pick(r, ['a', 'b']),
        ...(r() < 0.8 ? { rank: Math.floor(r() * 6) } : r() < 0.5 ? { rank: null } : {}),
      });
      const n = Math.floor(r() * 4);
      for (let j = 0; j < n; j++) {
        await ctx.db.insert('links', {
          userId: u,
          groupId: pick(r, gs),
          role: r() < 0.2 ? 'hidden' : 'member',
          ...(r() < 0.15 ? { deletedAt: 1 } : {}),
        });
      }
    }
  });
  return t;
}

const norm = (rows: any[]) =>
  JSON.stringify(
    rows.map((u) => ({
      n: u.name,
      g: u.groups?.map((g: any) => g.name ?? g._id),
      c: u._count?.groups,
    })),
  );

describe('relation filter beside a through load: shared read equals unshared, in findMany and pages', () => {
  for (let s = 1; s <= 80; s++) {
    it(`seed ${s}`, async () => {
      const r = seededRandom(s * 7919 + 3);
      const t = await seed(r);
      const [ormName, orm] = pick(r, orms);
      const w = pick(r, wheres);
      const load: any = w === true ? {} : { where: w };
      if (r() < 0.4) load.orderBy = pick(r, [{ name: 'desc' }, { kind: 'asc' }, { kind: 'desc', name: 'asc' }]);
      if (r() < 0.3) load.columns = { name: true };
      const config: any = {
        where: { groups: w },
        with: { groups: w === true && !load.orderBy && !load.columns ? true : load },
        orderBy: pick(r, [{ rank: 'asc' }, { rank: 'desc' }, undefined]),
      };
      if (r() < 0.3) config._count = { groups: w === true ? true : { where: w } };
      if (r() < 0.3) config.withDeleted = true;
      if (config.orderBy === undefined) delete config.orderBy;
      const unshared = { ...config, where: { groups: w, NOT: { groups: { name: 'zz-none' } } } };
      const ctxLabel = { s, ormName, config: JSON.stringify(config) };

      const outcome = (f: () => Promise<any>) => f().then(norm, (e: any) => `error ${e.code ?? e.message}`);
      const shared = await t.run((ctx: any) => outcome(() => orm.db(ctx).query.users.findMany(config)));
      const plainRows = await t.run((ctx: any) => outcome(() => orm.db(ctx).query.users.findMany(unshared)));
      if (ormName.startsWith('low') && plainRows.startsWith('error')) return;
      expect(shared, JSON.stringify(ctxLabel)).toBe(plainRows);

      if (!config.orderBy) return;
      const numItems = 1 + Math.floor(r() * 4);
      const limits = r() < 0.4 ? { maximumRowsRead: 2 + Math.floor(r() * 4) } : {};
      const pages: any[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 50; guard++) {
        const page: any = await t.run((ctx: any) =>
          orm.db(ctx).query.users.paginate({ numItems, cursor, ...limits }, config),
        );
        pages.push({ ...page, start: cursor });
        cursor = page.continueCursor;
        if (page.isDone) break;
      }
      expect(norm(pages.flatMap((p) => p.page)), JSON.stringify({ ...ctxLabel, numItems })).toBe(plainRows);
      for (const [i, p] of pages.slice(0, -1).entries()) {
        if (p.pageStatus !== 'SplitRequired') expect(p.page.length, `page ${i}`).toBe(numItems);
      }
      for (const p of pages) {
        const pinned: any = await t.run((ctx: any) =>
          orm.db(ctx).query.users.paginate({ numItems, cursor: p.start, endCursor: p.continueCursor }, config),
        );
        expect(norm(pinned.page)).toBe(norm(p.page));
        if (typeof p.splitCursor === 'string') {
          const halves: any[] = [];
          for (const [from, to] of [
            [p.start, p.splitCursor],
            [p.splitCursor, p.continueCursor],
          ]) {
            halves.push(
              await t.run((ctx: any) =>
                orm.db(ctx).query.users.paginate({ numItems, cursor: from, endCursor: to }, config),
              ),
            );
          }
          expect(norm([...halves[0].page, ...halves[1].page]), 'split halves').toBe(norm(p.page));
        }
      }
    });
  }
});
