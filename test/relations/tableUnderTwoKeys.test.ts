import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRelationsPart,
  defineRules,
  defineSchema,
  isOrmError,
  text,
} from '../../src/index';

// Rules, triggers and statements find a table's key from its Convex name. With one table under
// two keys ({ users, people: users }), the name led to the last key: rules written for `users`
// did not apply to `db.query.people` nor to any write of the table, so a rule hiding rows was
// bypassed by querying the other key. Such a schema is now INVALID_SCHEMA naming both keys.
const users = convexTable('users', { name: text().notNull(), secret: text().notNull() });

function failure(define: () => unknown): { code: string; message: string } | 'no error' {
  try {
    define();
  } catch (error) {
    return isOrmError(error) ? { code: error.code, message: error.message } : { code: 'not an OrmError', message: '' };
  }
  return 'no error';
}

const expected = {
  code: 'INVALID_SCHEMA',
  message:
    'Table "users" is in the relations\' schema under two keys, "users" and "people"; give each table one key (rules and triggers are keyed by it).',
};

describe('one table under two keys of the relations', () => {
  it('defineRelations({ users, people: users }) is INVALID_SCHEMA naming both keys', () => {
    expect(failure(() => defineRelations({ users, people: users }))).toEqual(expected);
  });

  it('a part keying the table differently, spread into the relations, is refused by createOrm', () => {
    const relations = defineRelations({ users });
    const part = defineRelationsPart({ people: users });
    const refused = failure(() => createOrm({ relations: { ...relations, ...part } }));
    expect(refused).toMatchObject({ code: 'INVALID_SCHEMA' });
    expect((refused as { message: string }).message).toMatch(
      /under two keys, "(people" and "users|users" and "people)"/,
    );
  });

  it('the rules of a table cannot be bypassed through a second key (nothing to query)', async () => {
    // What an attacker would try: the rule hides every row of `users`; the alias reads them all.
    const t = convexTest(defineSchema({ users }), modules);
    await t.run((ctx) => ctx.db.insert('users', { name: 'a', secret: 's' }));
    const leaked = await t.run(async (ctx) => {
      try {
        const relations = defineRelations({ users, people: users });
        const rules = defineRules(relations, () => ({ users: { read: { name: { eq: 'nobody' } } } }));
        const db = createOrm({ relations, rules }).db(ctx);
        return (await db.query.people.findMany()).length;
      } catch (error) {
        return isOrmError(error) ? error.code : String(error);
      }
    });
    expect(leaked).toBe('INVALID_SCHEMA');
  });
});
