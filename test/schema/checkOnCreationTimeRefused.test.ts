// A check constraint reading `_creationTime` (found by review): Convex sets it only as it inserts
// the row, after the ORM judged the row's checks, so on insert the check was UNKNOWN and passed,
// and the same row then failed it on its first update, whatever the update changed (a `set` of an
// unrelated column was CHECK_VIOLATION). Postgres judges such a check on insert (with the default
// the row gets); the ORM cannot, so the table is refused when defined (INVALID_SCHEMA), as a check
// that reads another table is, pointing to a column the row is given.
import { describe, expect, it } from 'vitest';
import { check, convexTable, gt, id, isOrmError, ne, not, number, or, text, timestamp } from '../../src/index';

function refusal(define: () => unknown): unknown {
  try {
    define();
  } catch (error) {
    return error;
  }
  return 'accepted';
}

describe('a check reading _creationTime', () => {
  it.each([
    ['compared with a column', (t: any) => gt(t.expiresAt, t._creationTime)],
    ['deep in an OR under a NOT', (t: any) => not(or(gt(t.expiresAt, 0), gt(t._creationTime, 5))!)],
  ])('is INVALID_SCHEMA when %s', (_case, condition) => {
    const error = refusal(() =>
      convexTable('offers', { name: text().notNull(), expiresAt: number().notNull() }, (t) => [
        check('expires_after_creation', condition(t)),
      ]),
    );
    expect(isOrmError(error, 'INVALID_SCHEMA')).toBe(true);
    expect((error as Error).message).toContain('"expires_after_creation" reads _creationTime');
    expect((error as Error).message).toContain('createdAt: timestamp()');
  });

  it('the way out the message names is accepted, and so is a check on _id (judged once the row exists)', () => {
    expect(
      refusal(() =>
        convexTable('offers', { expiresAt: number().notNull(), createdAt: timestamp().notNull().defaultNow() }, (t) => [
          check('expires_after_creation', gt(t.expiresAt, t.createdAt)),
        ]),
      ),
    ).toBe('accepted');
    expect(
      refusal(() =>
        convexTable('nodes', { parentId: id('nodes') }, (t) => [check('not_own_parent', ne(t.parentId, t._id))]),
      ),
    ).toBe('accepted');
  });
});
