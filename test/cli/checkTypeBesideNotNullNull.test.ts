// @vitest-environment node

import { v } from 'convex/values';
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import {
  convexTable,
  createOrm,
  custom,
  defineRelations,
  defineSchema,
  integer,
  objectOf,
  text,
} from '../../src/index';
import { migrationBackend, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

// migrate check reports a null in a notNull() field whose type admits null once, as a broken NOT
// NULL, and the column's other type problems beside it: a fraction in an integer() field of the same
// objectOf() column was not reported at all while the column held such a null (its whole type check
// was skipped), so the report under-stated what the ORM refuses.
const nullableString = () => custom(v.union(v.null(), v.string()));
const people = convexTable('people', {
  name: text().notNull(),
  profile: objectOf({ alias: nullableString().notNull(), age: integer() }),
});
const schema = defineSchema({ people });
const orm = createOrm({ relations: defineRelations({ people }) });
const SOURCE = `
import { v } from 'convex/values';
import { convexTable, custom, defineSchema, integer, objectOf, text } from 'convex-orm';
const nullableString = () => custom(v.union(v.null(), v.string()));
export const people = convexTable('people', {
  name: text().notNull(),
  profile: objectOf({ alias: nullableString().notNull(), age: integer() }),
});
export default defineSchema({ people });
`;

describe('migrate check: a type problem beside a null reported as NOT NULL', () => {
  it('reports the fraction in profile.age as well as the null in profile.alias', async () => {
    const backend = migrationBackend(defineMigrationSet([]), orm as never, undefined, false, schema);
    await backend.t.run(async (ctx) => {
      await (ctx.db as any).insert('people', { name: 'a', profile: { alias: null, age: 1.5 } });
    });
    const { io, output } = captureIo(schemaProject(SOURCE, { functionsModule: TEST_MODULE }), backend.transport);
    const code = await runCli(['migrate', 'check'], io);
    expect(output.stdout).toContain('not null profile.alias: 1 document');
    // Only the nulls were reported already; the fraction is not a null.
    expect(output.stdout).toContain('type profile: 1 document');
    expect(code).toBe(1);
  });
});
