// The example app's data model, where test/cli/generated/*.ts (the expected output of
// `migrate generate`) look for it, so `npm test`'s typecheck proves the generated code compiles.
export type { DataModel, Doc } from '../../../example/convex/_generated/dataModel';
