// A page over two `in` lists ordered by the second list's field, then `_creationTime`, is advised an
// index of the order's fields alone (`tasks(priority)`, owner checked on the rows), which serves it:
// an index with the other list after them would order by it before `_creationTime`.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../src/index';

type Indexes = Record<string, readonly string[]>;

function backend(indexes: Indexes) {
  const tasks = convexTable('tasks', { owner: text().notNull(), priority: integer().notNull() }, (t: any) =>
    Object.entries(indexes).map(([name, fields]) => index(name).on(...(fields.map((f) => t[f]) as [any]))),
  );
  const tables = { tasks };
  const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  return { orm, t };
}

async function firstPage(indexes: Indexes, config: object): Promise<string> {
  const { orm, t } = backend(indexes);
  return t.run(async (ctx: any) => {
    await ctx.db.insert('tasks', { owner: 'a', priority: 1 });
    return orm
      .db(ctx)
      .query.tasks.paginate({ numItems: 2, cursor: null }, config as never)
      .then(
        () => 'served',
        (error: any) => String(error.message),
      );
  });
}

const named = (message: string): string[] | null => {
  const match = /add index on tasks\(([^)]*)\)/.exec(message);
  return match ? match[1]!.split(', ') : null;
};

const config = {
  where: { owner: { in: ['a', 'b'] }, priority: { in: [1, 2] } },
  orderBy: { priority: 'asc', _creationTime: 'asc' },
};

describe('two in lists, ordered by one of them then _creationTime', () => {
  it('an index of just the order field serves the page', async () => {
    expect(await firstPage({ by_priority: ['priority'] }, config)).toBe('served');
  });

  it('the index the refusal names serves the page', async () => {
    const message = await firstPage({}, config);
    const fields = named(message);
    expect(fields, message).not.toBeNull();
    expect(await firstPage({ suggested: fields! }, config)).toBe('served');
  });
});
