/**
 * Rows a read rule hides are invisible on every read path, and statements follow Postgres RLS
 * (docs/rules.md), as a seeded differential: random read rules on owners and items (key equality,
 * an OR across fields read as a union, ranges, function rules, relation filters, NOT, in / notIn)
 * and random wheres, against the visible rows computed in JS, on: findMany (columns, limit, offset,
 * both orders), count, aggregate, groupBy, $count, a grouped inner-join select, a left-join select
 * with limit/offset, with-loads with limit and _count, relation filters, search (limit counts
 * visible rows), Convex-paginate pages with a caller-chosen maximumRowsRead, index-key pages (a
 * page started beside another in Promise.all), their endCursor re-runs, search pages, and
 * update/delete (with and without returning) under update.using / delete rules. FUZZ_SEEDS,
 * FUZZ_OWNERS and FUZZ_RANGES (transactionBudget.indexRanges, to force the span / keys-at-once
 * paths) widen it (no disagreement at up to 12 seeds, 30 owners and 40-200 index ranges).
 */
import { describe, expect, it } from 'vitest';
import { asc, count, eq, sum } from '../../src/index';
import { items, ormWith, owners, world } from './rulesFuzzWorld';

type R = Record<string, any>;
const W = (q: any, w: R) => (Object.keys(w).length ? q.where(w) : q.all());
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x,
  );

describe('fuzz: read paths under random rules agree with visible rows', () => {
  it('many seeds', { timeout: 600_000 }, async () => {
    const problems: string[] = [];
    for (let seed = 1; seed <= Number(process.env.FUZZ_SEEDS ?? 2); seed++) {
      const { t, o, all, random } = await world(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      const ownerById = new Map<string, R>(all.owners.map((x) => [x._id as string, x]));
      const ownerRules: [string, unknown, (r: R) => boolean][] = [
        ['none', undefined, () => true],
        ['vip', { vip: true }, (r) => r.vip === true],
        ['ne n1', { name: { ne: 'n1' } }, (r) => r.name !== 'n1'],
        ['fn', (r: R) => r.name !== 'n2', (r) => r.name !== 'n2'],
      ];
      const itemRules: [string, unknown, (r: R, ov: (id: string) => boolean) => boolean][] = [
        ['none', undefined, () => true],
        ['owner0', { ownerId: o[0] }, (r) => r.ownerId === o[0]],
        ['or', { OR: [{ tag: 'a' }, { ownerId: o[1] }] }, (r) => r.tag === 'a' || r.ownerId === o[1]],
        ['score', { score: { gt: 40 } }, (r) => r.score > 40],
        ['fn', (r: R) => r.score % 2 === 0, (r) => r.score % 2 === 0],
        ['rel', { owner: { vip: false } }, (r, ov) => ov(r.ownerId) && ownerById.get(r.ownerId)!.vip === false],
        ['not b', { NOT: { tag: 'b' } }, (r) => r.tag !== 'b'],
        ['in', { tag: { in: ['a', 'c'] } }, (r) => r.tag === 'a' || r.tag === 'c'],
        ['or3', { OR: [{ ownerId: o[2] }, { score: { lt: 30 } }] }, (r) => r.ownerId === o[2] || r.score < 30],
        ['notIn', { ownerId: { notIn: [o[0], o[3]] } }, (r) => r.ownerId !== o[0] && r.ownerId !== o[3]],
      ];
      const wheres: [string, any, (r: R, ov: (id: string) => boolean) => boolean][] = [
        ['all', {}, () => true],
        ['tag a', { tag: 'a' }, (r) => r.tag === 'a'],
        ['or', { OR: [{ tag: 'b' }, { score: { lt: 20 } }] }, (r) => r.tag === 'b' || r.score < 20],
        ['in owners', { ownerId: { in: [o[0], o[2]] } }, (r) => r.ownerId === o[0] || r.ownerId === o[2]],
        ['range', { score: { gte: 10, lte: 80 } }, (r) => r.score >= 10 && r.score <= 80],
        ['rel', { owner: { name: 'n3' } }, (r, ov) => ov(r.ownerId) && ownerById.get(r.ownerId)!.name === 'n3'],
        ['or owner', { OR: [{ ownerId: o[1] }, { tag: 'c' }] }, (r) => r.ownerId === o[1] || r.tag === 'c'],
        ['owner tag', { ownerId: o[0], tag: 'b' }, (r) => r.ownerId === o[0] && r.tag === 'b'],
      ];
      for (let trial = 0; trial < 15; trial++) {
        const [orn, or, of] = pick(ownerRules);
        const [irn, ir, iff] = pick(itemRules);
        const [wn, w, wf] = pick(wheres);
        const entry: R = {};
        if (or !== undefined) entry.owners = { read: or };
        if (ir !== undefined) entry.items = { read: ir };
        const orm = ormWith(entry);
        const ov = (id: string) => of(ownerById.get(id)!);
        const vis = all.items.filter((r) => iff(r, ov));
        const visOwners = all.owners.filter((r) => of(r));
        const match = vis.filter((r) => wf(r, ov)).sort((x, y) => x.score - y.score);
        const label = `seed ${seed} owners:${orn} items:${irn} where:${wn}`;
        const check = (name: string, got: unknown, exp: unknown) => {
          if (typeof got === 'string' && got.includes('index ranges read')) return;
          if (canon(got) !== canon(exp))
            problems.push(
              `${label} ${name}: got ${JSON.stringify(got)?.slice(0, 300)} exp ${JSON.stringify(exp)?.slice(0, 300)}`,
            );
        };
        const limit = 1 + Math.floor(random() * 6);
        const offset = Math.floor(random() * 3);
        const numItems = 1 + Math.floor(random() * 5);
        const maxRows = random() < 0.5 ? undefined : 1 + Math.floor(random() * 6);
        const got = await t.run(async (ctx) => {
          const db = orm.db(ctx);
          const out: R = {};
          const safe = async (k: string, f: () => Promise<unknown>) => {
            try {
              out[k] = await f();
            } catch (e) {
              out[k] = `ERR ${String(e).slice(0, 300)}`;
            }
          };
          await safe('fm', async () =>
            (
              await db.query.items.findMany({
                where: w,
                columns: { score: true },
                orderBy: { score: 'asc' },
                limit,
                offset,
              })
            ).map((r: R) => r.score),
          );
          await safe('fmDesc', async () =>
            (await db.query.items.findMany({ where: w, orderBy: { score: 'desc' }, limit })).map((r: R) => r.score),
          );
          await safe('count', () => db.query.items.count({ where: w }));
          await safe('agg', () => db.query.items.aggregate({ where: w, _count: true, _sum: { score: true } }));
          await safe('gb', () =>
            db.query.items.groupBy({
              by: ['tag'],
              where: w,
              _count: true,
              _sum: { score: true },
              orderBy: { tag: 'asc' },
            }),
          );
          await safe('dcount', () => db.$count(items, w as never));
          await safe('sel', async () =>
            (
              await db
                .select({ name: owners.name, n: count(), s: sum(items.score) })
                .from(items)
                .innerJoin(owners, eq(owners._id, items.ownerId))
                .where(w as never)
                .groupBy(owners.name)
                .orderBy(asc(owners.name))
            ).map((r: R) => [r.name, r.n, r.s]),
          );
          await safe('selLim', async () =>
            (
              await db
                .select({ s: items.score, name: owners.name })
                .from(items)
                .leftJoin(owners, eq(owners._id, items.ownerId))
                .where(w as never)
                .orderBy(asc(items.score))
                .limit(limit)
                .offset(offset)
            ).map((r: R) => [r.s, r.name]),
          );
          await safe('ownersWith', async () =>
            (
              await db.query.owners.findMany({
                orderBy: { name: 'asc' },
                columns: { name: true },
                with: { items: { where: w, columns: { score: true }, orderBy: { score: 'asc' }, limit } },
                _count: { items: { where: w } },
              })
            ).map((r: R) => [r.name, r.items.map((i: R) => i.score), r._count.items]),
          );
          await safe('ownersFilter', async () =>
            (
              await db.query.owners.findMany({
                where: { items: Object.keys(w).length ? w : true } as never,
                orderBy: { name: 'asc' },
              })
            ).map((r: R) => r.name),
          );
          await safe('search', async () =>
            (await db.query.items.findMany({ search: { index: 'search_body', query: 'red' }, where: w, limit: 100 }))
              .map((r: R) => r.score)
              .sort((x: number, y: number) => x - y),
          );
          return out;
        });
        check(
          'fm',
          got.fm,
          match.slice(offset, offset + limit).map((r) => r.score),
        );
        check(
          'fmDesc',
          got.fmDesc,
          [...match]
            .reverse()
            .slice(0, limit)
            .map((r) => r.score),
        );
        check('count', got.count, match.length);
        check('agg', got.agg, {
          _count: match.length,
          _sum: { score: match.length ? match.reduce((s, r) => s + r.score, 0) : null },
        });
        const tags = [...new Set(match.map((r) => r.tag))].sort();
        check(
          'gb',
          got.gb,
          tags.map((tag) => {
            const rs = match.filter((r) => r.tag === tag);
            return { tag, _count: rs.length, _sum: { score: rs.reduce((s, r) => s + r.score, 0) } };
          }),
        );
        check('dcount', got.dcount, match.length);
        const joined = match.filter((r) => visOwners.some((x) => x._id === r.ownerId));
        const names = [...new Set(joined.map((r) => ownerById.get(r.ownerId)!.name))].sort();
        check(
          'sel',
          got.sel,
          names.map((n) => {
            const rs = joined.filter((r) => ownerById.get(r.ownerId)!.name === n);
            return [n, rs.length, rs.reduce((s, r) => s + r.score, 0)];
          }),
        );
        check(
          'selLim',
          got.selLim,
          match
            .slice(offset, offset + limit)
            .map((r) => [r.score, visOwners.some((x) => x._id === r.ownerId) ? ownerById.get(r.ownerId)!.name : null]),
        );
        const vo = [...visOwners].sort((x, y) => (x.name < y.name ? -1 : 1));
        check(
          'ownersWith',
          got.ownersWith,
          vo.map((x) => {
            const rs = match.filter((r) => r.ownerId === x._id);
            return [x.name, rs.slice(0, limit).map((r) => r.score), rs.length];
          }),
        );
        check(
          'ownersFilter',
          got.ownersFilter,
          vo.filter((x) => match.some((r) => r.ownerId === x._id)).map((x) => x.name),
        );
        check(
          'search',
          got.search,
          match.filter((r) => r.body.includes('red')).map((r) => r.score),
        );
        // Statements: update/delete under read + update.using/delete rules, rolled back.
        {
          const [un, ur, uf] = pick(itemRules);
          const [dn, dr, df] = pick(itemRules);
          const sEntry: R = { ...entry, items: { ...(entry.items ?? {}) } };
          if (ur !== undefined) sEntry.items.update = ur;
          if (dr !== undefined) sEntry.items.delete = dr;
          const sorm = ormWith(sEntry);
          const slabel = `${label} update:${un} delete:${dn}`;
          const upd = vis
            .filter((r) => wf(r, ov) && uf(r, ov))
            .map((r) => r.score)
            .sort((x, y) => x - y);
          const del = vis
            .filter((r) => wf(r, ov) && df(r, ov))
            .map((r) => r.score)
            .sort((x, y) => x - y);
          for (const kind of ['update', 'delete', 'updateNoRet', 'deleteNoRet'] as const) {
            let got: unknown;
            try {
              await t.run(async (ctx) => {
                const db = sorm.db(ctx);
                if (kind === 'update') {
                  got = (await W(db.update(items).set({ body: 'zzz' }), w).returning()).map((r: R) => r.score);
                } else if (kind === 'delete') {
                  got = (await W(db.delete(items), w).returning()).map((r: R) => r.score);
                } else if (kind === 'updateNoRet') {
                  await W(db.update(items).set({ body: 'zzz' }), w);
                  got = (await ctx.db.query('items').collect())
                    .filter((r: R) => r.body === 'zzz')
                    .map((r: R) => r.score);
                } else {
                  await W(db.delete(items), w);
                  const left = new Set((await ctx.db.query('items').collect()).map((r: R) => r.score));
                  got = all.items.filter((r) => !left.has(r.score)).map((r) => r.score);
                }
                throw new Error('ROLLBACK');
              });
            } catch (e) {
              if (!String(e).includes('ROLLBACK')) got = `ERR ${String(e).slice(0, 300)}`;
            }
            if (Array.isArray(got)) got = [...got].sort((x: number, y: number) => x - y);
            const exp = kind.startsWith('update') ? upd : del;
            if (canon(got) !== canon(exp) && !(typeof got === 'string' && got.includes('index ranges read')))
              problems.push(`${slabel} ${kind}: got ${canon(got).slice(0, 300)} exp ${canon(exp).slice(0, 300)}`);
          }
        }
        // Search: a small limit returns that many matching visible rows; search pages walk every one.
        {
          const sm = match.filter((r) => r.body.includes('blue')).map((r) => r.score);
          const got: any = await t.run(async (ctx) => {
            try {
              return (
                await orm
                  .db(ctx)
                  .query.items.findMany({ search: { index: 'search_body', query: 'blue' }, where: w, limit })
              ).map((r: R) => r.score);
            } catch (e) {
              return String(e).slice(0, 200);
            }
          });
          if (
            !Array.isArray(got) ||
            got.length !== Math.min(limit, sm.length) ||
            got.some((x: number) => !sm.includes(x))
          )
            problems.push(`${label} searchLimit ${limit}: got ${canon(got)} exp among ${canon(sm)}`);
          const seen: number[] = [];
          let c: string | null = null;
          try {
            for (let guard = 0; guard < 100; guard++) {
              const p: any = await t.run((ctx) =>
                orm
                  .db(ctx)
                  .query.items.paginate(
                    { numItems, cursor: c },
                    { search: { index: 'search_body', query: 'blue' }, where: w },
                  ),
              );
              seen.push(...p.page.map((r: R) => r.score));
              c = p.continueCursor;
              if (p.isDone) break;
            }
            check(
              'searchPages',
              [...seen].sort((x, y) => x - y),
              [...sm].sort((x, y) => x - y),
            );
          } catch (e) {
            check('searchPages', String(e).slice(0, 200), sm);
          }
        }
        // Pages: walk to the end, by score.
        const pageIds: number[] = [];
        let cursor: string | null = null;
        let err = '';
        for (let guard = 0; guard < 200; guard++) {
          try {
            const p: any = await t.run((ctx) =>
              orm
                .db(ctx)
                .query.items.paginate(
                  { numItems, cursor, ...(maxRows ? { maximumRowsRead: maxRows } : {}) },
                  { where: w, orderBy: { score: 'asc' } },
                ),
            );
            pageIds.push(...p.page.map((r: R) => r.score));
            cursor = p.continueCursor;
            if (p.isDone) break;
          } catch (e) {
            err = String(e).slice(0, 300);
            break;
          }
        }
        if (err)
          check(
            'pages',
            err,
            match.map((r) => r.score),
          );
        else
          check(
            'pages',
            pageIds,
            match.map((r) => r.score),
          );
        // Index-key pages: a page started beside another (Promise.all) does not get Convex's paginate.
        {
          const ids2: number[] = [];
          const cursors: (string | null)[] = [null];
          let c2: string | null = null;
          let err2 = '';
          for (let guard = 0; guard < 200; guard++) {
            try {
              const p: any = await t.run(async (ctx) => {
                const db = orm.db(ctx);
                const [, real] = await Promise.all([
                  db.query.owners.paginate({ numItems: 1, cursor: null }, {}),
                  db.query.items.paginate(
                    { numItems, cursor: c2, ...(maxRows ? { maximumRowsRead: maxRows } : {}) },
                    { where: w, orderBy: { score: 'asc' } },
                  ),
                ]);
                return real;
              });
              ids2.push(...p.page.map((r: R) => r.score));
              c2 = p.continueCursor;
              cursors.push(c2);
              if (p.isDone) break;
            } catch (e) {
              err2 = String(e).slice(0, 300);
              break;
            }
          }
          check(
            'pages2',
            err2 || ids2,
            match.map((r) => r.score),
          );
          // Re-run pinned by endCursor (usePaginatedQuery), each page between its two cursors.
          if (!err2 && cursors.length > 2) {
            const rerun: number[] = [];
            try {
              for (let i = 0; i + 1 < cursors.length; i++) {
                const p: any = await t.run((ctx) =>
                  orm
                    .db(ctx)
                    .query.items.paginate(
                      { numItems, cursor: cursors[i]!, endCursor: cursors[i + 1]! },
                      { where: w, orderBy: { score: 'asc' } },
                    ),
                );
                rerun.push(...p.page.map((r: R) => r.score));
              }
              check(
                'rerun',
                rerun,
                match.map((r) => r.score),
              );
            } catch (e) {
              check(
                'rerun',
                String(e).slice(0, 300),
                match.map((r) => r.score),
              );
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
