import { createOrm } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import { relations } from '../example/convex/schema';

describe('createOrm({ cursorSecret })', () => {
  it('takes a string, or undefined (an unset environment variable)', () => {
    createOrm({ relations, cursorSecret: 'a secret of at least thirty-two characters' });
    createOrm({ relations, cursorSecret: process.env.CONVEX_ORM_CURSOR_SECRET });
    expectTypeOf<Parameters<typeof createOrm>[0]['cursorSecret']>().toEqualTypeOf<string | undefined>();
  });

  it('rejects anything else, and keeps the secret out of orm.options', () => {
    // @ts-expect-error: the secret is a string
    createOrm({ relations, cursorSecret: 42 });
    // @ts-expect-error: one secret, not a list
    createOrm({ relations, cursorSecret: ['a secret of at least thirty-two characters'] });
    const orm = createOrm({ relations, cursorSecret: 'a secret of at least thirty-two characters' });
    // @ts-expect-error: not an option the ORM exposes
    orm.options.cursorSecret;
  });
});
