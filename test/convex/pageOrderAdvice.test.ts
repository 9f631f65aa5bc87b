// A page whose order no index gives is INVALID_QUERY, and docs/queries.md (paginate) says the
// error names the index to add; acting on it serves the page. Where no Convex index can give the
// order (mixed directions, `_id` after other fields), the error says why instead of naming one. An
// index that only starts with the needed fields does not hide the advice when the order goes on to
// `_creationTime` (its further fields come first). `orderBy: { _id }` beside an equality is served
// by `by_id`, the equality tested on its rows. Fields the filter pins to one value, and terms after
// `_id` or `_creationTime` (each document's own), order nothing and are left out of the judgement.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';

type Indexes = Record<string, readonly string[]>;

function backend(indexes: Indexes) {
  const tasks = convexTable(
    'tasks',
    { owner: text().notNull(), priority: integer().notNull(), due: integer() },
    (t: any) => Object.entries(indexes).map(([name, fields]) => index(name).on(...(fields.map((f) => t[f]) as [any]))),
  );
  const tables = { tasks };
  const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  return { orm, t };
}

/** The page's refusal message, or 'served'. */
async function firstPage(indexes: Indexes, config: object): Promise<string> {
  const { orm, t } = backend(indexes);
  return t.run(async (ctx: any) => {
    await ctx.db.insert('tasks', { owner: 'x', priority: 1, due: 3 });
    return orm
      .db(ctx)
      .query.tasks.paginate({ numItems: 2, cursor: null }, config as never)
      .then(
        () => 'served',
        (error: any) => String(error.message),
      );
  });
}

/** The fields of the index a refusal names ("add index on tasks(a, b)"), if it names one. */
function named(message: string): string[] | null {
  const match = /add index on tasks\(([^)]*)\)/.exec(message);
  return match ? match[1]!.split(', ') : null;
}

const MIXED = 'an index gives its fields in one direction: order them all asc or all desc';

describe('a page refused for its order: the index its message names serves it, or it says why none can', () => {
  it('mixed directions: no index is named, the message says why', async () => {
    for (const config of [
      { orderBy: { priority: 'desc', _creationTime: 'asc' } },
      { where: { owner: 'x' }, orderBy: { priority: 'desc', due: 'asc' } },
    ]) {
      const message = await firstPage({}, config);
      expect(message).toBe(`paginate on "tasks" needs an index that gives the order; ${MIXED}.`);
      expect(await firstPage({ by_owner_priority_due: ['owner', 'priority', 'due'] }, config)).toBe(message);
    }
  });

  it('_id after other fields: no index is named, the message says why', async () => {
    const message = await firstPage({ by_priority: ['priority'] }, { orderBy: { priority: 'asc', _id: 'asc' } });
    expect(message).toMatch(
      /needs an index that gives the order; an index orders by _creationTime only after its own fields/,
    );
    expect(named(message)).toBeNull();
  });

  it('an index that only starts with the needed fields does not hide the advice, which serves the page', async () => {
    const config = { orderBy: { priority: 'desc', _creationTime: 'desc' } };
    const message = await firstPage({ by_priority_due: ['priority', 'due'] }, config);
    expect(message).toBe('paginate on "tasks" needs an index that gives the order; add index on tasks(priority).');
    expect(await firstPage({ by_priority_due: ['priority', 'due'], suggested: named(message)! }, config)).toBe(
      'served',
    );
  });

  it('orderBy _id beside an equality is served by by_id', async () => {
    expect(await firstPage({ by_owner: ['owner'] }, { where: { owner: 'x' }, orderBy: { _id: 'asc' } })).toBe('served');
  });
});

/** A page refused without an index names one that, once added, serves it. */
async function adviceServes(config: object, serving: readonly string[]) {
  const message = await firstPage({}, config);
  expect(named(message), message).toEqual(serving);
  expect(await firstPage({ serving }, config)).toBe('served');
}

describe('terms that order nothing: fields an equality pins, and terms after _id or _creationTime', () => {
  it('a pinned field, in any direction and place, is left out of the order an index must give', async () => {
    // The order _creationTime asc: by_creation_time gives it, the equality tested on its rows.
    expect(await firstPage({}, { where: { owner: 'x' }, orderBy: { owner: 'desc', _creationTime: 'asc' } })).toBe(
      'served',
    );
    await adviceServes({ where: { priority: 1 }, orderBy: { owner: 'asc', priority: 'desc' } }, ['priority', 'owner']);
    // { owner, _id } with owner pinned is the order _id: by_id gives it, with an index on owner or without.
    for (const indexes of [{ by_owner: ['owner'] }, {}] as Indexes[]) {
      expect(await firstPage(indexes, { where: { owner: 'x' }, orderBy: { owner: 'desc', _id: 'asc' } })).toBe(
        'served',
      );
    }
  });

  it('an order past _id or _creationTime is the order up to it: by_id, by_creation_time give it', async () => {
    for (const orderBy of [
      { _id: 'asc', priority: 'asc' },
      { _creationTime: 'desc', _id: 'asc' },
      { _creationTime: 'asc', due: 'asc' },
    ]) {
      expect(await firstPage({}, { where: { due: 3 }, orderBy })).toBe('served');
    }
  });
});
