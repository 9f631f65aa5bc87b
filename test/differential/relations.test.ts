// @vitest-environment node
/**
 * Relation definitions both ORMs reject, with the same message: each invalid
 * config of `scenarios/relations.ts` is passed to Drizzle's and convex-orm's
 * `defineRelations` (or `defineRelationsPart`).
 */
import * as convexOrm from 'convex-orm';
import * as drizzleOrm from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tables as convexTables } from './fixture/convex.js';
import { tables as drizzleTables } from './fixture/drizzle.js';
import { expectAgreement } from './knownFailures.js';
import { type R, relationErrorScenarios } from './scenarios/relations.js';

/** `r.users.id` on the convex-orm side is `r.users._id`. */
function neutralBuilder(r: R): R {
  return new Proxy(r, {
    get: (target, key) => {
      const value = target[key];
      if (typeof key !== 'string' || !(key in convexTables)) return value;
      return new Proxy(value, { get: (table, column) => table[column === 'id' ? '_id' : column] });
    },
  });
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return '<no error>';
}

describe('invalid relations: same error, same message', () => {
  it.each(relationErrorScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_name, scenario) => {
      const drizzle = messageOf(() =>
        (scenario.part ? drizzleOrm.defineRelationsPart : drizzleOrm.defineRelations)(
          drizzleTables,
          scenario.config as never,
        ),
      );
      const convex = messageOf(() =>
        (scenario.part ? convexOrm.defineRelationsPart : convexOrm.defineRelations)(convexTables, ((r: R) =>
          scenario.config(neutralBuilder(r))) as never),
      );
      expect(drizzle).not.toBe('<no error>');
      await expectAgreement(scenario.name, () => expect(convex).toBe(drizzle));
    },
  );
});
