import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  endsWith,
  ilike,
  like,
  notIlike,
  notLike,
  placeholder,
  startsWith,
  text,
} from '../../src/index';

// A like/ilike pattern ending in the escape character (`'Save\'`) matched a literal backslash;
// Postgres raises "LIKE pattern must not end with escape character" (docs/schema.md: like and ilike
// follow Postgres). It is INVALID_FILTER naming the column, wherever a pattern is given: a
// where-object, an operator (a select's or a statement's where), a rule, a prepared query's placeholder value. An
// escaped backslash (`'Save\\'`) and startsWith/endsWith of a backslash (escaped for the pattern)
// still match it.
const notes = convexTable('notes', { title: text().notNull() });
const relations = defineRelations({ notes });
const orm = createOrm({ relations });
const DANGLING = 'Save\\';

async function seeded() {
  const t = convexTest(defineSchema({ notes }), modules);
  await t.run((ctx) =>
    orm
      .db(ctx)
      .insert(notes)
      .values([{ title: 'Save\\' }, { title: 'Saved' }]),
  );
  return t;
}

async function outcome(f: () => PromiseLike<unknown>) {
  try {
    return { value: await f() };
  } catch (error) {
    const { code, message, details } = error as { code?: string; message: string; details?: unknown };
    return { code, message, details };
  }
}

const refused = (operator: string) => ({
  code: 'INVALID_FILTER',
  message: expect.stringContaining(
    `"${operator}" on "notes.title": the pattern "Save\\\\" ends in the escape character`,
  ),
  details: { field: 'title', operator },
});

describe('a LIKE pattern ending in the escape character', () => {
  it.each(['like', 'ilike', 'notLike', 'notIlike'] as const)('where-object { %s }: INVALID_FILTER', async (op) => {
    const t = await seeded();
    const out = await t.run((ctx) =>
      outcome(() => orm.db(ctx).query.notes.findMany({ where: { title: { [op]: DANGLING } } as never })),
    );
    expect(out).toEqual(refused(op));
  });

  it.each([
    ['like', like],
    ['ilike', ilike],
    ['notLike', notLike],
    ['notIlike', notIlike],
  ] as const)('operator %s in a select and in a delete: INVALID_FILTER, nothing deleted', async (op, operator) => {
    const t = await seeded();
    const [select, remove, left] = await t.run(async (ctx) => [
      await outcome(() => orm.db(ctx).select().from(notes).where(operator(notes.title, DANGLING))),
      await outcome(() => orm.db(ctx).delete(notes).where(operator(notes.title, DANGLING))),
      await orm.db(ctx).$count(notes),
    ]);
    expect(select).toEqual(refused(op));
    expect(remove).toEqual(refused(op));
    expect(left).toBe(2);
  });

  it('a read rule: INVALID_FILTER when the rule is applied', async () => {
    const t = await seeded();
    const ruled = createOrm({
      relations,
      rules: defineRules(relations, () => ({ notes: { read: { title: { like: DANGLING } } } })),
    });
    const out = await t.run((ctx) => outcome(() => ruled.db(ctx).select().from(notes)));
    expect(out).toEqual(refused('like'));
  });

  it('a prepared query executed with such a pattern: INVALID_FILTER', async () => {
    const t = await seeded();
    const titled = orm.query.notes.findMany({ where: { title: { like: placeholder('pattern') } } }).prepare();
    const out = await t.run((ctx) => outcome(() => titled.execute(ctx, { pattern: DANGLING })));
    expect(out).toEqual(refused('like'));
  });

  it('an escaped trailing backslash, startsWith and endsWith match it', async () => {
    const t = await seeded();
    const titles = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const of = (rows: { title: string }[]) => rows.map((row) => row.title);
      return [
        of(await db.query.notes.findMany({ where: { title: { like: 'Save\\\\' } } })),
        of(await db.select().from(notes).where(endsWith(notes.title, '\\'))),
        of(await db.select().from(notes).where(startsWith(notes.title, 'Save\\'))),
      ];
    });
    expect(titles).toEqual([['Save\\'], ['Save\\'], ['Save\\']]);
  });
});
