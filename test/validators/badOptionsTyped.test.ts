// The validators' `{ pick, omit }` options and `alias()`'s name, given what they do not take (JS
// callers, `as any`), throw a typed OrmError saying what they take, not a TypeError from inside
// the ORM ("selection.pick is not iterable", "Do not know how to serialize a BigInt").
import { describe, expect, it } from 'vitest';
import { users } from '../../example/convex/schema';
import { alias, insertValidator, isOrmError, selectValidator } from '../../src/index';

const O = { insertValidator, selectValidator, alias } as any;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return 'accepted';
}

describe('bad options of validators and alias()', () => {
  it.each([
    [
      'insertValidator(users, null)',
      () => O.insertValidator(users, null),
      'INVALID_QUERY',
      /takes \{ pick\?: \[columns\], omit\?: \[columns\] \} or nothing; got null\.$/,
    ],
    [
      'insertValidator(users, { omit: 5 })',
      () => O.insertValidator(users, { omit: 5 }),
      'INVALID_QUERY',
      /got an object\.$/,
    ],
    ['selectValidator(users, null)', () => O.selectValidator(users, null), 'INVALID_QUERY', /got null\.$/],
    [
      'alias(users, 10n)',
      () => O.alias(users, 10n),
      'INVALID_QUERY',
      /^alias\(users, 10n\): an alias is an identifier/,
    ],
  ])('%s', (_name, run, code, message) => {
    const error = thrown(run);
    expect(isOrmError(error, code as never)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('good options still work', () => {
    expect(thrown(() => insertValidator(users, { omit: ['role'] }))).toBe('accepted');
    expect(thrown(() => selectValidator(users))).toBe('accepted');
    expect(thrown(() => alias(users, 'u2'))).toBe('accepted');
  });
});
