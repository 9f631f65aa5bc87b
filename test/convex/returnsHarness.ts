import { makeFunctionReference, type RegisteredQuery, type SchemaDefinition } from 'convex/server';
import { convexTest } from 'convex-test';

/**
 * A convex-test instance whose functions are `queries` (made with `queryGeneric`): convex-test
 * checks their `returns` validators as a deployment does ("Return value validation failed").
 * Call one by name with {@link callQuery}.
 */
export function withQueries(
  schema: SchemaDefinition<any, boolean>,
  queries: Record<string, RegisteredQuery<any, any, any>>,
) {
  const modules = {
    '/returns/_generated/api.js': async () => ({}),
    '/returns/fns.js': async () => queries,
  };
  return convexTest(schema, modules);
}

export function callQuery(t: ReturnType<typeof convexTest>, name: string, args: Record<string, unknown> = {}) {
  return t.query(makeFunctionReference<'query'>(`fns:${name}`), args);
}
