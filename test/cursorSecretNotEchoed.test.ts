import { describe, expect, it } from 'vitest';
import { relations } from '../example/convex/schema';
import { createOrm } from '../src/index';

// docs/queries.md (Sealed cursors): "The secret must be a string of at least 32 characters
// (`INVALID_OPTION` otherwise; the message never echoes it)". A secret that is a number or a
// bigint (`Number(env)`, a random 128-bit bigint) is a secret too, and errors end up in logs.
const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('did not throw');
};

describe('createOrm({ cursorSecret }) never echoes a refused secret', () => {
  it.each([
    ['a number', 8_273_645_546_372_819],
    ['a bigint', 340_282_366_920_938_463_463_374_607_431_768_211_455n],
  ])('%s', (_kind, secret) => {
    const message = messageOf(() => createOrm({ relations, cursorSecret: secret as never }));
    expect(message).toContain('cursorSecret');
    expect(message).not.toContain(String(secret).slice(0, 12));
  });
});
