/**
 * Test files that need a module graph of their own (vitest.config.mts; isolatedFiles.test.ts checks the list):
 * those that replace a module with `vi.mock`, and those whose subject is what the module graph's
 * `defineSchema` calls say (src/schema/deployedSchemas.ts: a table left out of defineRelations, a
 * table in no schema), which every other file's schemas would add to.
 */
export const isolatedFiles = [
  'test/convex/paginateForgedCursorKeyLength.test.ts',
  'test/convex/preparedPlan.test.ts',
  'test/convex/shapeParsesAndPlans.test.ts',
  'test/convex/referrerCheckCachedBeforeSchema.test.ts',
  'test/convex/referrerCheckSubsetIsWholeSchema.test.ts',
  'test/convex/referrerCheckTableObjectsByName.test.ts',
  'test/convex/referrerInOtherSchemaNotRefused.test.ts',
  'test/convex/relationsTableMissingFromDefineSchema.test.ts',
  'test/convex/tableLeftOutOfRelations.test.ts',
  'test/convex/tableOutsideSchemaWithoutIndexes.test.ts',
  'test/convex/testSchemaBesideRealSchemaRefuses.test.ts',
  'test/convex/undeployedTableReadByOtherPaths.test.ts',
];
