// @vitest-environment node

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExportedSchema, exportedSchema, loadSchemaModule } from '../../src/cli/loadSchema';
import { runCli } from '../../src/cli/main';
import type { ValidatorJson } from '../../src/migrations/validatorJson';
import { RESERVED_TABLE_NAMES } from '../../src/schema/names';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const transport = { call: async () => null };

/** A plain Convex schema with every validator kind, optional and nullable forms, and every index kind. */
const EVERY_KIND = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  things: defineTable({
    name: v.string(),
    count: v.float64(),
    big: v.int64(),
    flag: v.boolean(),
    blob: v.bytes(),
    nothing: v.null(),
    anything: v.any(),
    owner: v.id('owners'),
    word: v.literal('only'),
    seven: v.literal(7),
    huge: v.literal(1234567890123456789n),
    yes: v.literal(true),
    status: v.union(v.literal('draft'), v.literal('live')),
    mixed: v.union(v.string(), v.float64()),
    maybeText: v.union(v.string(), v.null()),
    tags: v.array(v.string()),
    holes: v.array(v.union(v.null(), v.float64())),
    nested: v.object({ a: v.string(), b: v.optional(v.float64()), c: v.optional(v.union(v.null(), v.boolean())) }),
    scores: v.record(v.string(), v.float64()),
    embedding: v.array(v.float64()),
    optionalText: v.optional(v.string()),
    optionalNullable: v.optional(v.union(v.null(), v.string())),
    optionalEnum: v.optional(v.union(v.literal('a'), v.literal('b'))),
    optionalOwner: v.optional(v.id('owners')),
  })
    .index('by_name', ['name'])
    .index('by_owner_count', ['owner', 'count'])
    .searchIndex('search_name', { searchField: 'name', filterFields: ['status', 'flag'] })
    .vectorIndex('by_embedding', { vectorField: 'embedding', dimensions: 3, filterFields: ['owner'] }),
  owners: defineTable({ label: v.string() }),
});
`;

/** An app shaped like the example: ids between tables, two fields to one table, a self-reference. */
const APP = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  users: defineTable({ name: v.string(), invitedBy: v.optional(v.id('users')) }).index('by_name', ['name']),
  posts: defineTable({ title: v.string(), authorId: v.id('users'), editorId: v.optional(v.id('users')) }).index(
    'by_author',
    ['authorId'],
  ),
  comments: defineTable({ postId: v.id('posts'), body: v.string() }),
  default: defineTable({ text: v.string() }),
});
`;

/**
 * Convex validators up to what convex-orm changes on purpose: an optional field without `null`
 * becomes a nullable column (optional and `null`), and so does a `v.any()` field (it holds `null`);
 * a union's member order and nesting do not matter, nor members beside `v.any()`.
 */
function normalize(json: ValidatorJson): ValidatorJson {
  switch (json.type) {
    case 'array':
      return { type: 'array', value: normalize(json.value) };
    case 'record':
      return {
        type: 'record',
        keys: normalize(json.keys),
        values: { ...json.values, fieldType: normalize(json.values.fieldType) },
      };
    case 'object':
      return {
        type: 'object',
        value: Object.fromEntries(
          Object.entries(json.value).map(([name, field]) => {
            const fieldType = normalize(
              field.optional ? { type: 'union', value: [{ type: 'null' }, field.fieldType] } : field.fieldType,
            );
            // The widening: a field that holds null (`v.any()` does) pulls as a nullable column, which may also be absent.
            const holdsNull =
              fieldType.type === 'null' ||
              fieldType.type === 'any' ||
              (fieldType.type === 'union' && fieldType.value.some((m) => m.type === 'null'));
            return [name, { optional: field.optional || holdsNull, fieldType }];
          }),
        ),
      };
    case 'union': {
      const members = json.value
        .map(normalize)
        .flatMap((member) => (member.type === 'union' ? member.value : [member]));
      // `v.any()` holds every member's values: the union is `v.any()`.
      if (members.some((member) => member.type === 'any')) return { type: 'any' };
      const unique = [...new Map(members.map((member) => [JSON.stringify(member), member])).values()];
      const sorted = unique.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      return sorted.length === 1 ? sorted[0]! : { type: 'union', value: sorted };
    }
    default:
      return json;
  }
}

const comparable = ({ tables, schemaValidation }: ExportedSchema) => ({
  schemaValidation,
  tables: tables
    .filter((table) => !RESERVED_TABLE_NAMES.has(table.tableName))
    .map((table) => ({
      tableName: table.tableName,
      documentType: normalize(table.documentType),
      indexes: table.indexes,
      searchIndexes: table.searchIndexes,
      vectorIndexes: table.vectorIndexes,
    })),
});

/** A plain Convex schema of these `defineSchema` entries. */
const plain = (tables: string) => `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
${tables}
});
`;

/** Runs `pull` on a schema it must refuse: exit 1, the message on stderr, no file written. */
async function pullRefused(schema: string) {
  const dir = schemaProject(schema);
  const { io, output } = captureIo(dir, transport);
  expect(await runCli(['pull'], io)).toBe(1);
  expect(existsSync(join(dir, 'convex/ormSchema.ts'))).toBe(false);
  return output.stderr;
}

async function pullRoundTrip(plain: string, expected: string) {
  const dir = schemaProject(plain);
  const { io, output } = captureIo(dir, transport);
  expect(await runCli(['pull'], io)).toBe(0);
  const out = join(dir, 'convex/ormSchema.ts');
  const source = readFileSync(out, 'utf8');
  await expect(source).toMatchFileSnapshot(`pulled/${expected}`);
  const original = exportedSchema(await loadSchemaModule(dir, join(dir, 'convex/schema.ts')), 'schema.ts');
  const pulled = await loadSchemaModule(dir, out);
  expect(comparable(exportedSchema(pulled, out))).toEqual(comparable(original));
  return { dir, io, output, pulled, source };
}

describe('convex-orm pull', () => {
  it('every validator kind and index kind round-trips: the pulled schema gives the same Convex validators and indexes', async () => {
    const { output } = await pullRoundTrip(EVERY_KIND, 'everyKind.ts');
    expect(output.stdout).toBe(
      'Wrote convex/ormSchema.ts: 2 tables, 4 relations guessed from v.id fields.\nReview it (optional fields are nullable columns now; check the relations), then make it your schema.ts.\n',
    );
  });

  it('an app: relations from v.id fields (one and the inverse many; aliases for two fields to one table and a self-reference)', async () => {
    const { pulled, source } = await pullRoundTrip(APP, 'app.ts');
    expect(Object.keys(pulled)).toEqual(
      expect.arrayContaining(['users', 'posts', 'comments', 'defaultTable', 'relations', 'tables']),
    );
    expect(source).toContain(
      "posts: {\n    author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false, alias: 'posts_authorId' }),",
    );
  });

  it('keeps schemaValidation: false', async () => {
    const { pulled, source } = await pullRoundTrip(
      plain('  docs: defineTable({ name: v.string() }),\n}, { schemaValidation: false'),
      'noValidation.ts',
    );
    expect(source).toContain('export default defineSchema(tables, { schemaValidation: false });');
    expect(exportedSchema(pulled, 'ormSchema.ts').schemaValidation).toBe(false);
  });

  it("gives each table a variable that can be declared and is no other table's: keywords, eval, arguments, imports", async () => {
    const { pulled } = await pullRoundTrip(
      plain(
        ['v', 'vTable', 'eval', 'arguments', 'text', 'textTable', 'textTable2', 'tables']
          .map((name) => `  ${name}: defineTable({ name: v.string() }),`)
          .join('\n'),
      ),
      'names.ts',
    );
    expect(Object.keys(pulled).sort()).toEqual(
      [
        'default',
        'tables',
        'vTable2',
        'vTable',
        'evalTable',
        'argumentsTable',
        'textTable3',
        'textTable',
        'textTable2',
        'tablesTable',
      ].sort(),
    );
  });

  it('search and vector indexes on fields that may be null or absent pull as nullable text and vector columns', async () => {
    await pullRoundTrip(
      plain(`  docs: defineTable({
    title: v.optional(v.union(v.null(), v.string())),
    kind: v.optional(v.union(v.literal('a'), v.literal('b'))),
    embedding: v.optional(v.union(v.array(v.float64()), v.null())),
  })
    .searchIndex('search_title', { searchField: 'title' })
    .searchIndex('search_kind', { searchField: 'kind' })
    .vectorIndex('by_embedding', { vectorField: 'embedding', dimensions: 2 }),`),
      'nullableIndexed.ts',
    );
  });

  it('search and vector indexes on required fields that hold null pull as nullable text and vector columns', async () => {
    const { source } = await pullRoundTrip(
      plain(`  docs: defineTable({
    title: v.union(v.string(), v.null()),
    e: v.union(v.array(v.float64()), v.null()),
  })
    .searchIndex('search_title', { searchField: 'title' })
    .vectorIndex('by_e', { vectorField: 'e', dimensions: 2 }),`),
      'requiredNullableIndexed.ts',
    );
    expect(source).toContain('title: text(),');
    expect(source).toContain('e: vector(2),');
  });

  it.each([
    [
      'a search index on v.any()',
      "docs: defineTable({ body: v.any() }).searchIndex('search_body', { searchField: 'body' }),",
      'Table "docs" has the search index "search_body" on "body", which is v.any(); a convex-orm search index needs a text() or textEnum() column, so the pulled schema would not load. Declare "body" as v.string() or a union of string literals, optional or not (v.optional(v.union(..., v.null())) if it holds null), or drop the index, then pull again.',
    ],
    [
      'staged indexes',
      "docs: defineTable({ name: v.string(), body: v.string() }).index('by_name', { fields: ['name'], staged: true }).searchIndex('search_body', { searchField: 'body', staged: true }),",
      'Table "docs" has the staged indexes "by_name", "search_body" (staged: true); convex-orm indexes cannot be staged, so the pulled schema would delete them on the next deploy. Once their backfill is done, remove `staged: true` and deploy (or delete them), then pull again.',
    ],
    [
      'a staged vector index',
      "docs: defineTable({ e: v.array(v.float64()) }).vectorIndex('by_e', { vectorField: 'e', dimensions: 2, staged: true }),",
      'Table "docs" has the staged index "by_e" (staged: true); convex-orm indexes cannot be staged, so the pulled schema would delete it on the next deploy. Once its backfill is done, remove `staged: true` and deploy (or delete it), then pull again.',
    ],
    [
      'a staged validator',
      'docs: defineTable({ name: v.string() }).staged({ name: v.union(v.string(), v.float64()) }),',
      'Table "docs" has a staged validator (.staged(...)); convex-orm tables have none, so the pulled schema would drop it. Once its validation succeeds, move the staged changes into defineTable and remove .staged(...) (or just remove it), then pull again.',
    ],
  ])('refuses %s, naming the table, the index and the field and what to do', async (_, table, message) => {
    expect(await pullRefused(plain(`  ${table}`))).toBe(`${message}\n`);
  });

  it('refuses to overwrite the output without --force', async () => {
    const dir = schemaProject(APP);
    const { io, output } = captureIo(dir, transport);
    expect(await runCli(['pull'], io)).toBe(0);
    expect(await runCli(['pull'], io)).toBe(1);
    expect(output.stderr).toBe('convex/ormSchema.ts already exists; pass --force to overwrite it, or --out <file>.\n');
    expect(await runCli(['pull', '--force', '--out', 'convex/other.ts'], io)).toBe(0);
    expect(existsSync(join(dir, 'convex/other.ts'))).toBe(true);
  });
});
