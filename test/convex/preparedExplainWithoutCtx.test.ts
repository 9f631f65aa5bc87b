import { describe, expect, it } from 'vitest';
import { createOrm, defineRules } from '../../src/index';
import { relations } from './ruleFunctionFixture';

// eae423a: a prepared query's execute(ctx) without a Convex ctx returns a lazy query that rejects with
// INVALID_QUERY naming it. Under rules, its explain() (and a prepared count's) evaluates the rule
// function for that ctx first, and reading `ctx.db` of a missing ctx is a bare TypeError there.
const rules = defineRules(relations, (ctx: { auth?: unknown }) => (ctx.auth === undefined ? { items: {} } : {}));
const orm = createOrm({ relations, rules });
const byTitle = orm.query.items.findMany({ where: { title: 'a' } }).prepare('byTitle');
const countAll = orm.query.items.count().prepare('countAll');

const noDb = (call: string) => ({
  name: 'OrmError',
  code: 'INVALID_QUERY',
  message: expect.stringContaining(`${call} needs a Convex ctx with a db`),
});

describe('under rules, explain() of a prepared query executed without a ctx is the typed error, not a TypeError', () => {
  it('findMany: execute(undefined).explain() throws INVALID_QUERY naming the prepared query', () => {
    let error: unknown;
    try {
      byTitle.execute(undefined as never, {}).explain();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject(noDb('execute(ctx) of "byTitle"'));
  });

  it('count: execute(null).explain() rejects with INVALID_QUERY naming the prepared query', async () => {
    let error: unknown;
    try {
      await countAll.execute(null as never, {}).explain();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject(noDb('execute(ctx) of "countAll"'));
  });
});
