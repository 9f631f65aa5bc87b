// `sql` is Drizzle's import shape for placeholders only: a SQL template ported from Drizzle into
// untyped code (`sql\`lower(name)\``) throws a typed INVALID_QUERY naming what to write instead, and
// inside an extra it rejects the query with it (not a TypeError "sql is not a function"). Its type is
// not callable.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { OrmError, placeholder, sql } from '../../src/index';

describe('sql', () => {
  it('gives placeholders', () => {
    expect(sql.placeholder('id')).toEqual(placeholder('id'));
  });

  it('called as a template, throws INVALID_QUERY', () => {
    const template = sql as unknown as (strings: TemplateStringsArray) => unknown;
    expect(() => template`lower(name)`).toThrow(
      expect.objectContaining({ code: 'INVALID_QUERY', message: expect.stringMatching(/^sql`\.\.\.` is SQL/) }),
    );
    // @ts-expect-error only placeholders: sql is not callable
    expect(() => sql`lower(name)`).toThrow(OrmError);
  });

  it('inside an extra, rejects the query with it', async () => {
    const t = convexTest(schema, modules);
    const outcome = await t.run(async (ctx) => {
      await ctx.db.insert('users', {
        name: 'Ada',
        email: 'ada@example.com',
        role: 'admin',
        age: null,
        verified: true,
        invitedBy: null,
      });
      const template = sql as unknown as (strings: TemplateStringsArray) => unknown;
      return orm
        .db(ctx)
        .query.users.findMany({ extras: { lower: () => template`lower(name)` } })
        .then(
          () => 'resolved',
          (error) => (error instanceof OrmError ? error.code : String(error)),
        );
    });
    expect(outcome).toBe('INVALID_QUERY');
  });
});
