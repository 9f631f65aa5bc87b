// Claim check (no bug found), the types of resultValidatorThroughSoftDelete.test.ts: docs/tooling.md
// says resultValidator's `Infer` is "the query's result row"; here for a shape through a junction
// (`groups.members`), with a nested `_count` through it and bigint / custom / string-mode timestamp
// columns.
import type { Infer } from 'convex/values';
import { describe, expectTypeOf, it } from 'vitest';
import { resultValidator } from '../../src/index';
import { orm, relations } from './throughSoftDeleteSchema';

declare const ctx: Parameters<typeof orm.db>[0];

describe('resultValidator through a junction: types', () => {
  it("Infer is the query's row type", async () => {
    const shape = {
      columns: { title: true, at: true },
      with: { members: { columns: { name: true, big: true, c: true }, _count: { groups: true } } },
    } as const;
    const validator = resultValidator(relations, 'groups', shape);
    const row = await orm.db(ctx).query.groups.findFirstOrThrow(shape);
    expectTypeOf<Infer<typeof validator>>().toEqualTypeOf<typeof row>();
    expectTypeOf<Infer<typeof validator>['members'][number]['big']>().toEqualTypeOf<bigint | null>();
    expectTypeOf<Infer<typeof validator>['members'][number]['_count']>().toEqualTypeOf<{ groups: number }>();
    expectTypeOf<Infer<typeof validator>['at']>().toEqualTypeOf<string | null>();
  });
});
