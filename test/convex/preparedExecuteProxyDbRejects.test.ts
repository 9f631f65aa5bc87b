import { describe, expect, it } from 'vitest';
import { relations } from '../../example/convex/schema';
import { createOrm, isOrmError, placeholder } from '../../src/index';

// A prepared query's execute is a lazy query: every error rejects it, none throws from execute()
// (docs/queries.md). A ctx.db that is neither a Convex database nor a db of the ORM is INVALID_QUERY,
// also when reading the ctx or its db throws (a revoked proxy, a throwing getter) or the db answers
// every key (a permissive test double, taken for a Convex database: its query rejects when it runs).
// Each threw a TypeError from execute() after ORM dbs were first accepted (4dc5cf4, 3513344).
const orm = createOrm({ relations });
const byTitle = orm.query.tasks.findMany({ where: { title: placeholder('title') } }).prepare('byTitle');
const count = orm.query.tasks.count({ where: { title: placeholder('title') } }).prepare('count');
const page = orm.query.tasks.paginate({ where: { title: placeholder('title') } }).prepare('page');

/** How `run` ended: thrown by execute() itself, or rejected by the query it returned (code, or the error's class). */
async function outcome(run: () => PromiseLike<unknown>) {
  let query: PromiseLike<unknown>;
  try {
    query = run();
  } catch (error) {
    return `threw ${isOrmError(error) ? error.code : (error as Error).constructor.name}`;
  }
  try {
    await query;
    return 'resolved';
  } catch (error) {
    return `rejected ${isOrmError(error) ? error.code : (error as Error).constructor.name}`;
  }
}

/** The three prepared executions with `ctx`, each as `outcome` reports it. */
async function executions(ctx: never) {
  return {
    findMany: await outcome(() => byTitle.execute(ctx, { title: 'a' })),
    count: await outcome(() => count.execute(ctx, { title: 'a' })),
    paginate: await outcome(() => page.execute(ctx, { numItems: 1, cursor: null }, { title: 'a' })),
  };
}

const invalid = {
  findMany: 'rejected INVALID_QUERY',
  count: 'rejected INVALID_QUERY',
  paginate: 'rejected INVALID_QUERY',
};

describe('execute(ctx) with a ctx or ctx.db that cannot be read, or a test double', () => {
  it('a revoked proxy as ctx.db (no database at all): the query rejects with INVALID_QUERY, execute() does not throw', async () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(await executions({ db: revoked.proxy } as never)).toEqual(invalid);
  });

  it('a permissive test double (has every key, each a function): execute() does not throw, the query rejects', async () => {
    const permissive = new Proxy({}, { has: () => true, get: () => () => undefined });
    const outcomes = await executions({ db: permissive } as never);
    expect(Object.values(outcomes).map((ended) => ended.split(' ')[0])).toEqual(['rejected', 'rejected', 'rejected']);
  });

  it('a revoked proxy as the ctx itself: rejects with INVALID_QUERY, as orm.db(ctx) throws it; execute() does not throw', async () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    let ormDb: string;
    try {
      orm.db(revoked.proxy as never);
      ormDb = 'returned';
    } catch (error) {
      ormDb = isOrmError(error) ? error.code : (error as Error).constructor.name;
    }
    expect(ormDb).toBe('INVALID_QUERY');
    expect(await executions(revoked.proxy as never)).toEqual(invalid);
  });

  it('a ctx whose db getter throws: rejects with INVALID_QUERY, execute() does not throw', async () => {
    const ctx = {
      get db(): never {
        throw new TypeError('no database here');
      },
    };
    expect(await executions(ctx as never)).toEqual(invalid);
  });
});
