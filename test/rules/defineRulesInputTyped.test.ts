// defineRules given a malformed argument (plain JavaScript, an `as` cast) throws a typed error
// when the rules are defined, saying what it takes: options of null threw a TypeError ("Cannot read
// properties of null (reading 'defaultDeny')"), and a rule function that is no function, relations
// that are none, `defaultDeny: 5` or a misspelt option were accepted, to fail every later
// `orm.db(ctx)` read with a TypeError or be ignored.
import * as orm from 'convex-orm';
import { describe, expect, it } from 'vitest';

const O = orm as any;
const users = orm.convexTable('users', { name: orm.text() });
const relations = orm.defineRelations({ users });
const fn = () => ({});

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return 'accepted';
}

describe('defineRules: malformed input is typed', () => {
  it.each([
    ['relations null', () => O.defineRules(null, fn), 'RELATION_CONFIG', 'defineRules(relations, fn) needs the object'],
    ['relations of another kind', () => O.defineRules({ users }, fn), 'RELATION_CONFIG', 'needs the object'],
    ['a rule function of 5', () => O.defineRules(relations, 5), 'INVALID_OPTION', 'takes a function of ctx'],
    ['options null', () => O.defineRules(relations, fn, null), 'INVALID_OPTION', 'takes an options object; got null'],
    [
      'defaultDeny: 5',
      () => O.defineRules(relations, fn, { defaultDeny: 5 }),
      'INVALID_OPTION',
      '"defaultDeny" must be true or false',
    ],
    [
      'a misspelt option',
      () => O.defineRules(relations, fn, { denyDefault: true }),
      'INVALID_OPTION',
      '"denyDefault" is not an option of defineRules(relations, fn, options) (options: defaultDeny)',
    ],
  ])('%s', (_case, run, code, message) => {
    const error = refusal(run);
    expect(orm.isOrmError(error, code as orm.OrmErrorCode)).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  it('valid options stay accepted', () => {
    expect(orm.defineRules(relations, fn, { defaultDeny: true }).defaultDeny).toBe(true);
    expect(orm.defineRules(relations, fn, { defaultDeny: undefined }).defaultDeny).toBe(false);
    expect(orm.defineRules(relations, fn).defaultDeny).toBe(false);
  });
});
