import { sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it, vi } from 'vitest';
import { prng } from '../../bench/data';
import { orm } from '../../example/convex/orm';
import { seeded } from './seed';

// The seam: every plan the ORM makes goes through planQuery; count the calls.
const planner = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../src/planner/plan.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/planner/plan.js')>();
  return {
    ...actual,
    planQuery: (...args: Parameters<typeof actual.planQuery>) => {
      planner.calls += 1;
      return actual.planQuery(...args);
    },
  };
});

const { placeholder } = sql;

/** The prepared queries, made anew for each test: the first execution of one plans its template. */
function prepareQueries() {
  const postsInRange = orm.query.posts
    .findMany({
      where: { authorId: placeholder('author'), publishedAt: { gte: placeholder('from'), lt: placeholder('to') } },
      orderBy: { publishedAt: 'desc' },
      columns: { title: true },
      limit: placeholder('limit'),
      offset: placeholder('offset'),
    })
    .prepare('postsInRange');
  const userByIdNotNamed = orm.query.users
    .findFirst({ where: { _id: placeholder('id'), name: { ne: placeholder('name') } }, columns: { name: true } })
    .prepare();
  const usersIn = orm.query.users
    .findMany({ where: { email: { in: placeholder('emails') } }, columns: { name: true } })
    .prepare();
  return { postsInRange, userByIdNotNamed, usersIn };
}

type Db = ReturnType<typeof orm.db>;
interface Case {
  readonly prepared: { execute(ctx: unknown, values: unknown): PromiseLike<unknown> };
  readonly values: Record<string, unknown>;
  readonly unprepared: (db: Db) => PromiseLike<unknown>;
  /** Planner calls the prepared execution makes once its template exists. */
  readonly plans: number;
}

describe('a prepared query plans its root read once and binds values per execution', () => {
  it('matches the unprepared query in rows and reads over many seeded values, planning only when a value shapes the plan', async () => {
    const { t, ids } = await seeded();
    const { postsInRange, userByIdNotNamed, usersIn } = prepareQueries();
    // Seeded, so a failure replays.
    const next = prng(16);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const users = Object.values(ids.users);
    const names = ['Ada', 'Bob', 'Cy', 'Di', 'Eve', 'Zed'];
    const cases: Case[] = [];
    for (let i = 0; i < 60; i++) {
      const author = pick(users);
      const from = next() < 0.15 ? null : Math.floor(next() * 450);
      const to = Math.floor(next() * 450);
      const limit = Math.floor(next() * 4);
      const offset = Math.floor(next() * 3);
      cases.push({
        prepared: postsInRange,
        values: { author, from, to, limit, offset },
        unprepared: (db) =>
          db.query.posts.findMany({
            where: { authorId: author, publishedAt: { gte: from as number, lt: to } },
            orderBy: { publishedAt: 'desc' },
            columns: { title: true },
            limit,
            offset,
          }),
        // A null bound is no index range, and limit 0 reads nothing: those plan for themselves.
        plans: from === null || limit === 0 ? 1 : 0,
      });
      const id = pick(users);
      const name = pick(names);
      cases.push({
        prepared: userByIdNotNamed,
        values: { id, name },
        unprepared: (db) =>
          db.query.users.findFirst({ where: { _id: id, name: { ne: name } }, columns: { name: true } }),
        plans: 0,
      });
      const emails = names.filter(() => next() < 0.5).map((n) => `${n.toLowerCase()}@x.dev`);
      cases.push({
        prepared: usersIn,
        values: { emails },
        unprepared: (db) => db.query.users.findMany({ where: { email: { in: emails } }, columns: { name: true } }),
        // The list decides how many ranges are read: planned per execution.
        plans: 1,
      });
    }
    const seen = new Set<unknown>();
    let found = 0;
    for (const { prepared, values, unprepared, plans } of cases) {
      const [direct, viaPrepared, calls] = await t.run(async (raw) => {
        const measure = async (run: (ctx: typeof raw) => PromiseLike<unknown>) => {
          const { ctx, reads } = countReads(raw);
          const result = await run(ctx);
          return { result, reads: { ...reads } };
        };
        const direct = await measure((ctx) => unprepared(orm.db(ctx)));
        planner.calls = 0;
        const viaPrepared = await measure((ctx) => prepared.execute(ctx, values));
        return [direct, viaPrepared, planner.calls] as const;
      });
      expect(viaPrepared, JSON.stringify(values)).toEqual(direct);
      if (Array.isArray(direct.result) ? direct.result.length > 0 : direct.result !== null) found += 1;
      // The first execution of a templated query also plans the template; later ones only bind.
      const template = prepared !== usersIn && !seen.has(prepared) ? 1 : 0;
      expect(calls, JSON.stringify(values)).toBe(plans + template);
      seen.add(prepared);
    }
    // The values are not all misses: most cases find rows.
    expect(found).toBeGreaterThan(cases.length / 3);
  });

  it('explain() says how the root read is planned', async () => {
    const { ids } = await seeded();
    const { postsInRange, usersIn } = prepareQueries();
    const values = { author: ids.users.ada, from: 1, to: 500, limit: 2, offset: 0 };
    expect(postsInRange.explain(values).prepared).toBe('once');
    // publishedAt is a timestamp: a zero takes both stored zeros, another shape.
    expect(postsInRange.explain({ ...values, from: 0 }).prepared).toMatch(
      /^per execution: .*zero of an integer or timestamp/,
    );
    expect(postsInRange.explain({ ...values, from: null as never }).prepared).toMatch(/^per execution: .*null/);
    expect(usersIn.explain({ emails: ['ada@x.dev'] }).prepared).toMatch(/^per execution: .*"in"/);
  });
});
