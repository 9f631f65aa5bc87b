import { describe, expect, it } from 'vitest';
import { relations } from '../../example/convex/schema';
import { defineTriggers, isOrmError } from '../../src/index';

function error(fn: () => unknown) {
  try {
    fn();
  } catch (caught) {
    if (isOrmError(caught)) return { code: caught.code, message: caught.message };
    throw caught;
  }
  throw new Error('expected an OrmError');
}

describe('defineTriggers', () => {
  it('keys hooks by Convex table name', () => {
    const hook = () => {};
    const triggers = defineTriggers(relations, { tasks: { afterInsert: hook } });
    expect(triggers.byTable.get('tasks')).toEqual({ afterInsert: hook });
    expect(triggers.byTable.has('users')).toBe(false);
  });

  it('rejects unknown tables and hooks, and hooks that are not functions', () => {
    expect(error(() => defineTriggers(relations, { nope: {} } as never))).toEqual({
      code: 'INVALID_SCHEMA',
      message: 'defineTriggers: "nope" is not a table of the relations; use a schema key.',
    });
    expect(error(() => defineTriggers(relations, { users: { onInsert: () => {} } } as never)).message).toContain(
      '"users.onInsert" is not a hook function',
    );
    expect(error(() => defineTriggers(relations, { users: { afterInsert: 'x' } } as never)).code).toBe(
      'INVALID_SCHEMA',
    );
  });

  it('rejects relations not from defineRelations, and a config or hooks that are not object literals', () => {
    expect(error(() => defineTriggers(undefined as never, { tasks: {} } as never))).toEqual({
      code: 'RELATION_CONFIG',
      message: 'defineTriggers(relations, hooks) needs the object defineRelations() returns; got undefined.',
    });
    for (const config of [null, undefined, new Map()]) {
      expect(error(() => defineTriggers(relations, config as never)).message).toMatch(
        /^defineTriggers: the hooks must be an object of each table's hooks/,
      );
    }
    // A Map's entries are no own keys: its hooks would never fire.
    for (const hooks of [new Map([['afterInsert', () => {}]]), true, null]) {
      expect(error(() => defineTriggers(relations, { tasks: hooks } as never))).toMatchObject({
        code: 'INVALID_SCHEMA',
        message: expect.stringMatching(/^defineTriggers: "tasks" must be an object of hook functions/),
      });
    }
    expect(defineTriggers(relations, { tasks: undefined }).byTable.has('tasks')).toBe(false);
  });
});
