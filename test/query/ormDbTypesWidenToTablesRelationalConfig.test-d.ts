import type { Orm, OrmReader, OrmWriter, TablesRelationalConfig, TriggerContext } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { MutationCtx, QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import type { relations } from '../../example/convex/schema';

// An app's ORM types widen to the package's types without a type argument or with
// TablesRelationalConfig (any relations), as they did before prepared queries took an ORM db
// (baff2bd) and after 3513344: shared code typed for any app's ORM (a trigger helper taking
// `TriggerContext`, an audit helper taking `OrmWriter<TablesRelationalConfig>`, a registry of
// `Orm<TablesRelationalConfig>`). d68b31b made the phantom relations of OrmDbSession invariant,
// `(relations: TSchema) => TSchema`, so OrmReader<typeof relations> no longer passes for
// OrmReader<TablesRelationalConfig> (TablesRelationalConfig is not the app's relations).
declare const queryCtx: QueryCtx;
declare const mutationCtx: MutationCtx;

describe("an app ORM's types, widened to any relations", () => {
  it('OrmReader and OrmWriter of the app pass for those of TablesRelationalConfig', () => {
    const reader: OrmReader<TablesRelationalConfig> = orm.db(queryCtx);
    const writer: OrmWriter<TablesRelationalConfig> = orm.db(mutationCtx);
    const readerOfWriter: OrmReader<TablesRelationalConfig> = orm.db(mutationCtx);
    function audit(db: OrmWriter<TablesRelationalConfig>) {
      return db;
    }
    audit(orm.db(mutationCtx));
    expectTypeOf(reader).toExtend<OrmReader<TablesRelationalConfig>>();
    expectTypeOf(writer).toExtend<OrmWriter<TablesRelationalConfig>>();
    expectTypeOf(readerOfWriter).toExtend<OrmReader<TablesRelationalConfig>>();
  });

  it("a hook's typed ctx passes to a helper taking TriggerContext (no type argument)", () => {
    function logChange(ctx: TriggerContext) {
      return ctx.table;
    }
    const hook = (_change: unknown, ctx: TriggerContext<typeof relations>) => logChange(ctx);
    expectTypeOf(hook).returns.toEqualTypeOf<string>();
  });

  it('the ORM passes for Orm<TablesRelationalConfig>', () => {
    const orms: Orm<TablesRelationalConfig>[] = [orm];
    expectTypeOf(orms).toExtend<Orm<TablesRelationalConfig>[]>();
  });
});
