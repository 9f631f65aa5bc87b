import { eq, sql } from 'convex-orm';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { users } from '../../example/convex/schema';
import { rejection } from './mutationHarness';
import { seeded } from './seed';

// A prepared query's `execute(ctx, values)` takes an object of placeholder values, or nothing when
// it has none (src/query/placeholders.ts checkPlaceholderValues): an array, null, a class instance
// or a string is INVALID_QUERY saying so, in a relational query and a select, with placeholders or
// without (it was "Missing value for placeholder", or accepted silently without placeholders).
const { placeholder } = sql;
const byEmail = orm.query.users.findFirst({ where: { email: placeholder('email') } }).prepare('byEmail');
const everyone = orm.query.users.findMany({ columns: { name: true } }).prepare('everyone');
const selected = orm
  .select({ name: users.name })
  .from(users)
  .where(eq(users.email, placeholder('email')))
  .prepare('selected');

describe('prepared values that are not an object', () => {
  it('reject with INVALID_QUERY naming what they are; none is fine without placeholders', async () => {
    const { t } = await seeded();
    const out = await t.run(async (ctx) => {
      const bad: unknown[] = [['x'], null, new Map(), 'x'];
      const messages: string[] = [];
      for (const values of bad) {
        for (const query of [byEmail, everyone]) {
          const { code, message } = await rejection(query.execute(ctx, values as never));
          messages.push(`${code}: ${message}`);
        }
        const { code, message } = await rejection(selected.execute(ctx, values as never));
        messages.push(`${code}: ${message}`);
      }
      return { messages, none: await everyone.execute(ctx) };
    });
    const expected = (label: string, got: string) =>
      `INVALID_QUERY: The values of prepared query "${label}" are an object of placeholder values ({ name: value }); got ${got}.`;
    expect(out.messages).toEqual(
      ['an array', 'null', 'a class instance', 'a string'].flatMap((got) => [
        expected('byEmail', got),
        expected('everyone', got),
        expected('selected', got),
      ]),
    );
    expect(out.none.length).toBeGreaterThan(0);
  });
});
