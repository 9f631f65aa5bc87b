// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedSchema, loadSchemaModule } from '../../src/cli/loadSchema';
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

/** Pulls `schema`: exit 0 expected; returns the project, the pulled source and a loader for it. */
async function pulled(schema: string) {
  const dir = schemaProject(schema);
  const { io, output } = captureIo(dir, { call: async () => null });
  const code = await runCli(['pull'], io);
  expect({ code, stderr: output.stderr }).toEqual({ code: 0, stderr: '' });
  const out = join(dir, 'convex/ormSchema.ts');
  return { dir, io, out, source: readFileSync(out, 'utf8') };
}

/** The pulled module's load error, or undefined when it loads. */
const loadError = (dir: string, file: string) =>
  loadSchemaModule(dir, file).then(
    () => undefined,
    (error: Error) => error.message,
  );

describe('pull writes a schema that loads', () => {
  // `pull` exits 0 here and writes relations that throw when the file is imported
  // ("r.one.users is not a function"): the relations builder `r` keeps each table's columns under
  // the table's key beside `r.one` / `r.many`, so a table named `one` (or `many`) replaces the
  // builder every relation is declared with.
  it.each([
    [
      'one',
      "  one: defineTable({ name: v.string(), ownerId: v.id('users') }),\n  users: defineTable({ name: v.string() }),",
    ],
    [
      'many',
      "  many: defineTable({ name: v.string() }),\n  users: defineTable({ name: v.string(), manyId: v.id('many') }),",
    ],
  ])('a table named %s with v.id fields between tables', async (name, tables) => {
    const { dir, out, source } = await pulled(plain(tables));
    expect(source).toContain(`export const ${name}Table = convexTable(\n  '${name}',`);
    expect(source).toContain(`export const tables = { ${name}Table, users };`);
    expect(await loadError(dir, out)).toBeUndefined();
  });

  // Convex encodes the float literals -0, NaN and the infinities as { $float: <base64> }; the
  // pulled column was `custom(v.literal({ $float: 'AAAAAAAAAIA=' }))`, which throws on import
  // ("v.literal(value) must be a string, number, or boolean").
  it.each([
    ['-0', 'AAAAAAAAAIA='],
    ['NaN', 'AAAAAAAA+H8='],
    ['Infinity', 'AAAAAAAA8H8='],
    ['-Infinity', 'AAAAAAAA8P8='],
  ])('a v.literal(%s) field', async (literal, float) => {
    const { dir, out, source } = await pulled(plain(`  docs: defineTable({ zero: v.literal(${literal}) }),`));
    expect(source).toContain(`    zero: custom(v.literal(${literal})).notNull(),\n`);
    expect(await loadError(dir, out)).toBeUndefined();
    const table = exportedSchema(await loadSchemaModule(dir, out), out).tables.find((t) => t.tableName === 'docs');
    expect(table?.documentType).toEqual({
      type: 'object',
      value: { zero: { fieldType: { type: 'literal', value: { $float: float } }, optional: false } },
    });
  });
});

describe('pull of a pulled schema is the same schema (round trip)', () => {
  // `v.optional(v.null())` pulls as `custom(v.null())`, a nullable column whose validator is
  // `v.optional(v.union(v.null(), v.null()))`. Pulling that again (or any union of only nulls, or
  // `v.union()`) dropped the nulls, kept an empty union, and an empty union passed as a union of
  // string literals: `textEnum([])`, which does not type-check (textEnum takes a non-empty tuple).
  it.each([
    ['v.optional(v.null())', 'custom(v.null())'],
    ['v.optional(v.union(v.null(), v.null()))', 'custom(v.null())'],
    ['v.union()', 'custom(v.union()).notNull()'],
    ['v.optional(v.union())', 'custom(v.union())'],
  ])('%s pulls as %s, and so does the pulled column', async (validator, column) => {
    const { io, dir, out, source } = await pulled(plain(`  docs: defineTable({ gone: ${validator} }),`));
    expect(source).toContain(`    gone: ${column},\n`);
    expect(await loadError(dir, out)).toBeUndefined();
    expect(await runCli(['pull', '--schema', 'convex/ormSchema.ts', '--out', 'convex/again.ts'], io)).toBe(0);
    const again = readFileSync(join(dir, 'convex/again.ts'), 'utf8');
    expect(again).not.toContain('textEnum([])');
    expect(again).toContain(`    gone: ${column},\n`);
  });
});
