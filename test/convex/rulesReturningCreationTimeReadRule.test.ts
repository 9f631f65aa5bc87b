import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineRules, defineSchema, text } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';

// A retention rule: rows older than 30 days are hidden from everyone. Every row the caller inserts now is within it,
// so they read it back right after the insert (`findMany` shows it). Postgres judges RETURNING's row against the
// SELECT policy with its defaults filled in (a `created_at DEFAULT now()` included), so the row passes.
const events = convexTable('events', { name: text().notNull().unique() });
const schema = defineSchema({ events });
const relations = defineRelations({ events });
const DAY = 24 * 60 * 60 * 1000;
const rules = defineRules(relations, async () => ({
  events: { read: { _creationTime: { gte: Date.now() - 30 * DAY } }, insert: {}, update: {} } as never,
}));
const orm = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });

// A mutation's writer (the first overload of orm.db).
const writerOf = (ctx: never) => orm.db(ctx);

async function attempt(statement: (db: ReturnType<typeof writerOf>) => PromiseLike<unknown>) {
  const t = convexTest({ schema, modules });
  return t.run(async (ctx) => {
    const db = writerOf(ctx as never);
    let code = 'NONE';
    try {
      await statement(db);
    } catch (error) {
      code = (error as { code?: string }).code ?? 'NOT_AN_ORM_ERROR';
    }
    const visible = await db.query.events.findMany();
    return { code, visible: visible.map((row) => row.name) };
  });
}

describe('returning() under a read rule on _creationTime (a retention window)', () => {
  it('insert().returning() gives back the row the caller reads right after', async () => {
    // Control: without returning() the row is written and readable.
    expect(await attempt((db) => db.insert(events).values({ name: 'a' }))).toEqual({ code: 'NONE', visible: ['a'] });
    // Observed: RULE_VIOLATION (the new row is judged without _creationTime), nothing written.
    expect(await attempt((db) => db.insert(events).values({ name: 'a' }).returning())).toEqual({
      code: 'NONE',
      visible: ['a'],
    });
  });

  it('an upsert that inserts its row with returning() gives it back', async () => {
    expect(
      await attempt((db) =>
        db.insert(events).values({ name: 'a' }).onConflictDoNothing({ target: events.name }).returning(),
      ),
    ).toEqual({ code: 'NONE', visible: ['a'] });
  });
});
