// @vitest-environment node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const plain = (tables: string) => `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
${tables}
});
`;

// Pins: pull dropped every table with a reserved name (src/cli/pullSource.ts), now only one equal
// to convex-orm's own definition (see pullTableCount.test.ts); docs/tooling.md: pull "stops with
// exit 1, writes nothing, and names the table ... so the pulled file never silently loses or
// breaks it". A plain Convex app's own table that happens to carry one of convex-orm's reserved names is not
// convex-orm's: pulled, it is dropped without a word, and the pulled schema's defineSchema declares
// convex-orm's table of that name with another validator, so `convex deploy` of it rejects the
// app's documents (and the ORM would read them as its own state).
describe('convex-orm pull: an app table named like one of convex-orm own tables', () => {
  it.each(['aggregate_state', 'aggregate_bucket', 'migration_state'])(
    'refuses a %s table that is not convex-orm’s (exit 1, nothing written, the table named)',
    async (name) => {
      const dir = schemaProject(
        plain(
          `  ${name}: defineTable({ owner: v.string(), total: v.float64() }),\n  docs: defineTable({ n: v.float64() }),`,
        ),
      );
      const { io, output } = captureIo(dir, { call: async () => null });
      const code = await runCli(['pull'], io);
      expect({ code, written: existsSync(join(dir, 'convex/ormSchema.ts')) }).toEqual({ code: 1, written: false });
      expect(output.stderr).toContain(name);
    },
  );
});
