import type { GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  type OrmWriter,
  text,
} from '../../src/index';

const owners = convexTable('owners', { name: text().notNull() });
const schema = defineSchema({ owners });
const relations = defineRelations({ owners });
type Db = OrmWriter<typeof relations>;

// A (JavaScript, or `as never`) rule function that forgot its return: a synchronous undefined.
const orm = createOrm({ relations, rules: defineRules(relations, (() => undefined) as never) });

describe('a synchronous rule function with no result, on a writer', () => {
  it('rejects with an OrmError, not a TypeError', async () => {
    const t = convexTest({ schema, modules });
    const error = await t.run(async (ctx: GenericMutationCtx<any>) => {
      try {
        await (orm.db(ctx as never) as Db).insert(owners).values({ name: 'a' });
        return 'no error';
      } catch (error) {
        return `${(error as Error).constructor.name}: ${(error as Error).message}`;
      }
    });
    expect(error).toMatch(/^OrmError/);
  });
});
