// Unprepared queries of one shape share a plan, cached per ORM at module scope (it outlives a request):
// a fresh ORM and one that has seen the shape with other values agree on rows, errors, read counts and
// explain(), over values that shape a plan (integer zero and -0, NaN, empty and inverted ranges, invalid
// ids, limit/offset 0, soft delete with withDeleted, ...).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { posts, projects, relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';
import { countReads } from '../../src/testing/index';

async function world() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const ids = await t.run(async (ctx) => {
    const db = createOrm({ relations }).db(ctx as MutationCtx);
    const us = await db
      .insert(users)
      .values([
        { name: 'ann', email: 'ann@x', age: 0 },
        { name: 'bob', email: 'bob@x', age: 3, role: 'admin' },
        { name: 'cy', email: 'cy@x', age: 7, verified: true },
        { name: 'dee', email: 'dee@x' },
      ])
      .returning({ _id: users._id });
    await db.insert(posts).values([
      { title: 'a', authorId: us[0]!._id, publishedAt: 0 },
      { title: 'b', authorId: us[1]!._id, publishedAt: 5 },
      { title: 'c', authorId: us[1]!._id },
    ]);
    await db.insert(projects).values([{ name: 'p1' }, { name: 'p2', deletedAt: 3 }]);
    return us.map((u) => u._id as string);
  });
  return { t, ids };
}

type Probe = { table: 'users' | 'posts' | 'projects'; mode: 'many' | 'first'; warm: object[]; config: object };

async function run(t: any, orm: any, probe: Probe, warmFirst: boolean) {
  return t.run(async (ctx: any) => {
    const db0 = orm.db(ctx as MutationCtx);
    if (warmFirst)
      for (const w of probe.warm)
        await (probe.mode === 'many' ? db0.query[probe.table].findMany(w) : db0.query[probe.table].findFirst(w)).catch(
          () => {},
        );
    const counted = countReads(ctx as MutationCtx);
    const db = orm.db(counted.ctx);
    const q = () =>
      probe.mode === 'many'
        ? db.query[probe.table].findMany(probe.config)
        : db.query[probe.table].findFirst(probe.config);
    let explain: unknown;
    try {
      explain = q().explain();
    } catch (e: any) {
      explain = `throws ${e.code}: ${e.message}`;
    }
    let result: unknown;
    try {
      result = await q();
    } catch (e: any) {
      result = `rejects ${e.code}: ${e.message}`;
    }
    return {
      result: JSON.parse(JSON.stringify(result ?? null)),
      reads: { ...counted.reads },
      explain: JSON.parse(JSON.stringify(explain ?? null)),
    };
  });
}

// Unprepared findMany/findFirst configs share a plan per shape in a module-level cache per ORM
// (src/query/shapePlans.ts): from the third call of a shape its values are bound into that plan.
// A query's result, reads and explain() must not depend on what ran before it in the isolate:
// each probe runs on a fresh ORM (cold) and on one where its shape was seen twice with other values (warm).
describe('the shape cache is invisible', () => {
  it('cold and warm runs agree on rows, errors, reads and explain()', async () => {
    const { t, ids } = await world();
    const probes: Probe[] = [];
    const add = (table: Probe['table'], mode: Probe['mode'], warm: object[], config: object) =>
      probes.push({ table, mode, warm, config });
    add('users', 'many', [{ where: { age: 5 } }, { where: { age: 6 } }], { where: { age: 3 } });
    add('users', 'many', [{ where: { age: 5 } }, { where: { age: 6 } }], { where: { age: -0 } });
    add('users', 'many', [{ where: { age: 5 } }, { where: { age: 6 } }], { where: { age: 1.5 } });
    add('users', 'many', [{ where: { age: 5 } }, { where: { age: 6 } }], { where: { age: Number.NaN } });
    add('users', 'many', [{ where: { age: 5 } }, { where: { age: 6 } }], { where: { age: Infinity } });
    add('users', 'many', [{ where: { age: { gt: 1, lt: 9 } } }, { where: { age: { gt: 1, lt: 8 } } }], {
      where: { age: { gt: 5, lt: 2 } },
    });
    add('users', 'many', [{ where: { age: { gt: 1, lt: 9 } } }, { where: { age: { gt: 1, lt: 8 } } }], {
      where: { age: { gt: 3, lt: 3 } },
    });
    add('users', 'many', [{ where: { age: { gte: 1, lte: 9 } } }, { where: { age: { gte: 1, lte: 8 } } }], {
      where: { age: { gte: 3, lte: 3 } },
    });
    add('users', 'many', [{ where: { age: { gte: 1, lte: 9 } } }, { where: { age: { gte: 1, lte: 8 } } }], {
      where: { age: { gte: 0, lte: 3 } },
    });
    add('users', 'many', [{ where: { age: { ne: 1 } } }, { where: { age: { ne: 2 } } }], { where: { age: { ne: 0 } } });
    add('users', 'many', [{ where: { age: { eq: 1, ne: 1 } } }, { where: { age: { eq: 2, ne: 1 } } }], {
      where: { age: { eq: 3, ne: 3 } },
    });
    add('users', 'many', [{ where: { age: { eq: 1, gt: 1 } } }, { where: { age: { eq: 2, gt: 1 } } }], {
      where: { age: { eq: 3, gt: 5 } },
    });
    add('users', 'many', [{ where: { email: 'x' } }, { where: { email: 'y' } }], { where: { email: 'bob@x' } });
    add('users', 'first', [{ where: { email: 'x' } }, { where: { email: 'y' } }], { where: { email: 'bob@x' } });
    add('users', 'many', [{ where: { _id: ids[0] } }, { where: { _id: ids[2] } }], { where: { _id: ids[1] } });
    add('users', 'many', [{ where: { _id: ids[0] } }, { where: { _id: ids[2] } }], { where: { _id: 'garbage' } });
    add('users', 'many', [{ where: { _id: ids[0] } }, { where: { _id: ids[2] } }], { where: { _id: { gt: ids[1] } } });
    add('users', 'many', [{ where: { _id: { ne: ids[0] } } }, { where: { _id: { ne: ids[2] } } }], {
      where: { _id: { ne: ids[1] } },
    });
    add('users', 'many', [{ where: { _creationTime: { gt: 0 } } }, { where: { _creationTime: { gt: 1 } } }], {
      where: { _creationTime: { gt: 2 } },
    });
    add('users', 'many', [{ where: { role: 'member' } }, { where: { role: 'member' } }], { where: { role: 'admin' } });
    add('users', 'many', [{ where: { role: 'member' } }, { where: { role: 'member' } }], { where: { role: 'nope' } });
    add('users', 'many', [{ where: { verified: false } }, { where: { verified: false } }], {
      where: { verified: true },
    });
    add('users', 'many', [{ where: { verified: false } }, { where: { verified: false } }], {
      where: { verified: 'true' },
    });
    add('users', 'many', [{ where: { name: 'a' } }, { where: { name: 'b' } }], { where: { name: 5 } });
    add('users', 'many', [{ where: { name: 'a' } }, { where: { name: 'b' } }], { where: { name: '' } });
    add('users', 'many', [{ where: { invitedBy: ids[0] } }, { where: { invitedBy: ids[1] } }], {
      where: { invitedBy: 'garbage' },
    });
    add('users', 'many', [{ limit: 2 }, { limit: 3 }], { limit: 0 });
    add('users', 'many', [{ limit: 2 }, { limit: 3 }], { limit: 1 });
    add('users', 'many', [{ limit: 2 }, { limit: 3 }], { limit: -1 });
    add('users', 'many', [{ limit: 2 }, { limit: 3 }], { limit: 1.5 });
    add('users', 'many', [{ offset: 2 }, { offset: 3 }], { offset: 1 });
    add(
      'users',
      'many',
      [
        { offset: 2, limit: 1 },
        { offset: 3, limit: 1 },
      ],
      { offset: 0, limit: 0 },
    );
    add(
      'users',
      'many',
      [
        { orderBy: { age: 'asc' }, limit: 2 },
        { orderBy: { age: 'asc' }, limit: 3 },
      ],
      { orderBy: { age: 'asc' }, limit: 1 },
    );
    add(
      'users',
      'many',
      [
        { where: { age: { gt: 1 } }, orderBy: { age: 'desc' } },
        { where: { age: { gt: 2 } }, orderBy: { age: 'desc' } },
      ],
      { where: { age: { gt: 0 } }, orderBy: { age: 'desc' } },
    );
    add('users', 'first', [{ where: { age: { gt: 1 } } }, { where: { age: { gt: 2 } } }], {
      where: { age: { gt: 0 } },
    });
    add(
      'users',
      'many',
      [
        { where: { age: 1 }, columns: { name: true } },
        { where: { age: 2 }, columns: { name: true } },
      ],
      { where: { age: 3 }, columns: { name: true } },
    );
    add('posts', 'many', [{ where: { authorId: ids[0] } }, { where: { authorId: ids[2] } }], {
      where: { authorId: ids[1] },
    });
    add('posts', 'many', [{ where: { authorId: ids[0] } }, { where: { authorId: ids[2] } }], {
      where: { authorId: 'garbage' },
    });
    add(
      'posts',
      'many',
      [
        { where: { authorId: ids[0], publishedAt: { gt: 1 } } },
        { where: { authorId: ids[2], publishedAt: { gt: 1 } } },
      ],
      { where: { authorId: ids[1], publishedAt: { gt: 0 } } },
    );
    add('posts', 'many', [{ where: { publishedAt: { gt: 1 } } }, { where: { publishedAt: { gt: 2 } } }], {
      where: { publishedAt: { gt: 0 } },
    });
    add('posts', 'many', [{ where: { publishedAt: 1 } }, { where: { publishedAt: 2 } }], { where: { publishedAt: 5 } });
    add('posts', 'many', [{ where: { publishedAt: { lt: 100 } } }, { where: { publishedAt: { lt: 200 } } }], {
      where: { publishedAt: { lt: 4 } },
    });
    add('posts', 'many', [{ where: { title: 'x' } }, { where: { title: 'y' } }], { where: { title: 'b' } });
    add('projects', 'many', [{ where: { name: 'x' } }, { where: { name: 'y' } }], { where: { name: 'p2' } });
    add(
      'projects',
      'many',
      [
        { withDeleted: true, where: { name: 'x' } },
        { withDeleted: true, where: { name: 'y' } },
      ],
      { withDeleted: true, where: { name: 'p2' } },
    );
    add('projects', 'many', [{ where: { taskCount: 1 } }, { where: { taskCount: 2 } }], { where: { taskCount: 0 } });
    add('users', 'many', [{ where: { age: 5 } }, { where: { age: 6 } }], { where: { age: 2 ** 60 } });
    add('users', 'many', [{ where: { age: 5 } }, { where: { age: 6 } }], { where: { age: 5n } });
    add('posts', 'many', [{ where: { publishedAt: 1 } }, { where: { publishedAt: 2 } }], {
      where: { publishedAt: 1.5 },
    });
    add('posts', 'many', [{ where: { publishedAt: 1 } }, { where: { publishedAt: 2 } }], {
      where: { publishedAt: '1970-01-01T00:00:00.005Z' },
    });
    add('users', 'many', [{ where: { _creationTime: 5 } }, { where: { _creationTime: 6 } }], {
      where: { _creationTime: 0 },
    });
    add('users', 'many', [{ where: { _creationTime: 5 } }, { where: { _creationTime: 6 } }], {
      where: { _creationTime: 'x' },
    });

    add(
      'posts',
      'many',
      [
        { where: { authorId: ids[0] }, orderBy: { publishedAt: 'desc' }, limit: 2 },
        { where: { authorId: ids[2] }, orderBy: { publishedAt: 'desc' }, limit: 3 },
      ],
      { where: { authorId: ids[1] }, orderBy: { publishedAt: 'desc' }, limit: 1 },
    );
    add(
      'posts',
      'many',
      [
        { where: { authorId: ids[0], publishedAt: { gt: 1 } }, orderBy: { publishedAt: 'asc' }, offset: 1, limit: 1 },
        { where: { authorId: ids[2], publishedAt: { gt: 1 } }, orderBy: { publishedAt: 'asc' }, offset: 1, limit: 1 },
      ],
      { where: { authorId: ids[1], publishedAt: { gt: 0 } }, orderBy: { publishedAt: 'asc' }, offset: 0, limit: 1 },
    );
    add(
      'posts',
      'first',
      [
        { where: { authorId: ids[0] }, orderBy: { publishedAt: 'desc' } },
        { where: { authorId: ids[2] }, orderBy: { publishedAt: 'desc' } },
      ],
      { where: { authorId: ids[1] }, orderBy: { publishedAt: 'desc' } },
    );
    add(
      'users',
      'many',
      [
        { orderBy: { _creationTime: 'desc' }, offset: 1 },
        { orderBy: { _creationTime: 'desc' }, offset: 2 },
      ],
      { orderBy: { _creationTime: 'desc' }, offset: 0 },
    );
    add(
      'users',
      'many',
      [
        { where: { _id: { gt: ids[0] } }, limit: 1 },
        { where: { _id: { gt: ids[1] } }, limit: 1 },
      ],
      { where: { _id: { gt: 'zzzz' } }, limit: 1 },
    );
    add(
      'users',
      'many',
      [
        { where: { _id: { ne: ids[0] } }, limit: 1 },
        { where: { _id: { ne: ids[1] } }, limit: 1 },
      ],
      { where: { _id: { ne: 'garbage' } }, limit: 1 },
    );
    add('posts', 'many', [{ where: { authorId: { gt: ids[0] } } }, { where: { authorId: { gt: ids[1] } } }], {
      where: { authorId: { gt: 'garbage' } },
    });
    add('users', 'many', [{ where: { email: { gte: 'a', lt: 'c' } } }, { where: { email: { gte: 'b', lt: 'd' } } }], {
      where: { email: { gte: 'c', lt: 'c' } },
    });
    add('users', 'many', [{ where: { email: { gte: 'a', lte: 'c' } } }, { where: { email: { gte: 'b', lte: 'd' } } }], {
      where: { email: { gte: 'd', lte: 'c' } },
    });
    add('users', 'many', [{ where: { email: 'a', name: 'x' } }, { where: { email: 'b', name: 'y' } }], {
      where: { email: 'bob@x', name: 'bob' },
    });
    add('users', 'many', [{ where: { email: 'a', _id: ids[0] } }, { where: { email: 'b', _id: ids[1] } }], {
      where: { email: 'bob@x', _id: ids[1] },
    });
    add('users', 'many', [{ where: { email: 'a', _id: ids[0] } }, { where: { email: 'b', _id: ids[1] } }], {
      where: { email: 'bob@x', _id: 'garbage' },
    });
    add(
      'users',
      'many',
      [
        { where: { age: 5 }, limit: 1 },
        { where: { age: 6 }, limit: 2 },
      ],
      { where: { age: 3 }, limit: 0 },
    );
    add(
      'users',
      'many',
      [{ where: { verified: true, age: { gt: 1 } } }, { where: { verified: false, age: { gt: 2 } } }],
      { where: { verified: false, age: { gt: 0 } } },
    );
    const diffs: unknown[] = [];
    for (const probe of probes) {
      const cold = await run(t, createOrm({ relations }), probe, false);
      const warm = await run(t, createOrm({ relations }), probe, true);
      try {
        expect(warm).toEqual(cold);
      } catch {
        diffs.push({ probe: probe.config, cold, warm });
      }
    }
    expect(diffs).toEqual([]);
  }, 120000);
});
