// Compiled by test/types/exactOptionalUndefinedOptions.test.ts with exactOptionalPropertyTypes on (docs/tooling.md:
// "The package's .d.ts type-check ... with exactOptionalPropertyTypes: true"). Each call passes an option
// or optional column as `T | undefined`, as code reading Convex's optional arguments (v.optional(...)) or the
// environment does; the ORM takes an undefined option or column value as not given at runtime (checked in
// that test), and Drizzle types these `?: T | undefined`. ed5a1b3 did so for createOrm, createMutationApi,
// orm.db and transactionBudget only.
import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import { convexTable, createOrm, defineRelations, defineRules, eq, integer, text } from '../../../src/index';

export const people = convexTable('people', { name: text().notNull(), age: integer() });
const relations = defineRelations({ people });
const orm = createOrm({ relations });

export async function optionalArguments(
  reader: { db: GenericDatabaseReader<any> },
  writer: { db: GenericDatabaseWriter<any> },
  args: {
    offset?: number | undefined;
    limit?: number | undefined;
    age?: number | undefined;
    defaultDeny?: boolean | undefined;
    scanBudget?: number | undefined;
    withDeleted?: boolean | undefined;
  },
) {
  const db = orm.db(reader);
  await db.query.people.findMany({ limit: args.limit, offset: args.offset });
  await db.query.people.findFirst({ offset: args.offset });
  await db.query.people.findMany({ scanBudget: args.scanBudget, withDeleted: args.withDeleted });
  await db.query.people.count({ scanBudget: args.scanBudget, withDeleted: args.withDeleted });
  await orm.db(writer).insert(people).values({ name: 'a', age: args.age });
  await orm.db(writer).update(people).set({ age: args.age }).where(eq(people.name, 'a'));
  return defineRules(relations, () => ({}), { defaultDeny: args.defaultDeny });
}
