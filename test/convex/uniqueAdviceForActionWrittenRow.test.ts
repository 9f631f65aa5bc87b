// A UNIQUE_VIOLATION on a row a foreign-key action wrote (a `set default` writing the default into a
// unique column another row holds, on a delete or a key change of the referenced row) names the
// action that wrote it, not "use a different value": the statement gave no value for that column
// (Postgres names the referential action's query in its CONTEXT line).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, text } from '../../src/index';

const teams = convexTable('teams', { slug: text().notNull().unique() });
const seats = convexTable('seats', {
  name: text().notNull(),
  team: text()
    .unique()
    .default('none')
    .references(() => teams.slug, { onDelete: 'set default', onUpdate: 'set default' }),
});
const tables = { teams, seats };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

async function failure(statement: (db: any) => Promise<unknown>) {
  const t = convexTest({ schema, modules });
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never) as any;
    await db.insert(teams).values([{ slug: 'none' }, { slug: 'a' }]);
    await db.insert(seats).values([
      { name: 's0', team: 'none' },
      { name: 's1', team: 'a' },
    ]);
    try {
      await statement(db);
      return null;
    } catch (e: any) {
      return { code: e.code as string, message: e.message as string };
    }
  });
}

describe('a unique violation written by a set default action', () => {
  for (const [name, statement] of [
    ['delete of the referenced row', (db: any) => db.delete(teams).where(eq(teams.slug, 'a'))],
    ['key change of the referenced row', (db: any) => db.update(teams).set({ slug: 'b' }).where(eq(teams.slug, 'a'))],
  ] as const) {
    it(`${name}: names the foreign key's action, not "use a different value"`, async () => {
      const error = await failure(statement);
      expect(error?.code).toBe('UNIQUE_VIOLATION');
      expect(error?.message).toContain(
        'the value was written by a foreign-key action of this statement ("seats_team_fk" on delete set default, "seats_team_fk" on update set default), not given by it: change that action or the column\'s default, or free the value first.',
      );
      expect(error?.message).not.toMatch(/use a different value/);
    });
  }
});
