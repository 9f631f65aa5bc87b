import type { SchemaDefinition } from 'convex/server';
import { makeFunctionReference } from 'convex/server';
import { convexTest } from 'convex-test';

/** convex-test with Convex's transaction limits, whose functions are `fns` (module "fns"). */
export function backend(schema: SchemaDefinition<any, boolean>, fns: Record<string, unknown>) {
  const modules = {
    '/rv/_generated/api.js': async () => ({}),
    '/rv/fns.js': async () => fns,
  };
  return convexTest({ schema, modules, transactionLimits: true });
}

export const q = (name: string) => makeFunctionReference<'query'>(`fns:${name}`);
export const m = (name: string) => makeFunctionReference<'mutation'>(`fns:${name}`);
