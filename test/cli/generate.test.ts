// @vitest-environment node
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineMigrationSet, type MigrateOneCtx, type Migration } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { SchemaSnapshot } from '../../src/cli/snapshot';
import { migrationBackend, seedTodos, todos } from '../convex/migrations/harness';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const transport = { call: async () => null };

/** Generates the migration from schema `before` to `after` (`generate ...args`) and imports it. */
async function generatedMigration(before: string, after: string, args: string[] = []): Promise<Migration> {
  const dir = schemaProject(before);
  const { io, clock } = captureIo(dir, transport);
  clock.now = Date.parse('2026-03-01T10:00:00Z');
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  writeSchema(dir, after);
  expect(await runCli(['migrate', 'generate', ...args], io)).toBe(0);
  const migrations = join(dir, 'convex/migrations');
  const [file, ...others] = readdirSync(migrations).filter((name) => /^\d{8}_/.test(name));
  expect(others).toEqual([]);
  return ((await import(join(migrations, file!))) as { migration: Migration }).migration;
}

/** The schema every case starts from; each case edits `todos` (a table of the example's DataModel). */
const TODOS = `title: text().notNull(),
  done: boolean().notNull().default(false),
  priority: textEnum(['low', 'medium', 'high', 'urgent']),
  legacy: text(),
  note: text(),
  estimate: text(),`;
const schema = (todos: string, extra = '') => `
import { boolean, convexTable, defineSchema, index, integer, text, textEnum, timestamp } from 'convex-orm';
export const todos = convexTable('todos', {
  ${todos}
}${extra});
export const users = convexTable('users', { name: text().notNull(), age: integer() });
export default defineSchema({ todos, users });
`;

/** A project whose snapshot holds the base schema, then `edit`ed; runs `migrate generate ...args`. */
async function generate(edited: string, args: string[] = [], prompt?: (question: string) => Promise<string>) {
  const dir = schemaProject(schema(TODOS));
  const { io, output, clock } = captureIo(dir, transport);
  clock.now = Date.parse('2026-03-01T10:00:00Z');
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  writeSchema(dir, edited);
  clock.now += 60_000;
  output.stdout = '';
  const code = await runCli(['migrate', 'generate', ...args], prompt ? { ...io, prompt } : io);
  const migrations = join(dir, 'convex/migrations');
  const files = readdirSync(migrations).filter((file) => /^\d{8}_/.test(file));
  const source = (file: string) => readFileSync(join(migrations, file), 'utf8');
  const snapshot = JSON.parse(readFileSync(join(migrations, 'schema.snapshot.json'), 'utf8')) as SchemaSnapshot;
  return { code, ...output, files, source, snapshot, migrations };
}

describe('migrate generate', () => {
  it('first run: writes the snapshot, no migration', async () => {
    const dir = schemaProject(schema(TODOS));
    const { io, output } = captureIo(dir, transport);
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    expect(output.stdout).toBe(
      'Wrote convex/migrations/schema.snapshot.json, the schema the next `migrate generate` compares with. No migration: there was nothing to compare with.\n',
    );
    const snapshot = JSON.parse(readFileSync(join(dir, 'convex/migrations/schema.snapshot.json'), 'utf8'));
    expect(snapshot.tables.todos.columns.priority).toEqual({
      kind: 'textEnum',
      validator: {
        type: 'union',
        value: ['low', 'medium', 'high', 'urgent'].map((value) => ({ type: 'literal', value })),
      },
      notNull: false,
      enumValues: ['low', 'medium', 'high', 'urgent'],
    });
    expect(snapshot.tables.todos.columns.done).toEqual({
      kind: 'boolean',
      validator: { type: 'boolean' },
      notNull: true,
      default: { kind: 'value', value: false },
    });
    expect(Object.keys(snapshot.tables)).toEqual(['todos', 'users']);
  });

  it('compatible changes: no migration needed, and why; the snapshot follows', async () => {
    const edited = schema(
      `${TODOS.replace("textEnum(['low', 'medium', 'high', 'urgent'])", "textEnum(['low', 'medium', 'high', 'urgent', 'later'])").replace('title: text().notNull()', 'title: text()')}
  tags: text(),`,
      ', (t) => [index("by_done").on(t.done)]',
    ).replace(
      'export default defineSchema({ todos, users });',
      "export const tags = convexTable('tags', { name: text().notNull() });\nexport default defineSchema({ todos, users, tags });",
    );
    const result = await generate(edited);
    expect(result.code).toBe(0);
    expect(result.files).toEqual([]);
    expect(result.stdout).toMatchInlineSnapshot(`
      "No migration needed: every stored document still passes the schema.
        tags: new table; it starts empty.
        todos.title: now nullable; stored values still pass.
        todos.priority: type widened; every stored value still passes.
        todos.tags: new nullable column; stored documents without it still pass.
        todos: new index by_done; Convex builds it on deploy.
      "
    `);
    expect(Object.keys(result.snapshot.tables)).toEqual(['tags', 'todos', 'users']);
  });

  it.each([
    [
      'optional to notNull, with and without a default',
      "priority: textEnum(['low', 'medium', 'high', 'urgent']).notNull().default('medium')",
      'note: text().notNull()',
    ],
    ['enum narrowing', "priority: textEnum(['low', 'medium', 'high'])", undefined],
    ['type change', 'estimate: integer()', undefined],
    [
      'new notNull columns',
      "title: text().notNull(),\n  owner: text().notNull(),\n  rank: integer().notNull().default(0),\n  dueAt: timestamp({ mode: 'string' }).notNull().default('2026-01-01T00:00:00Z')",
      undefined,
    ],
  ])('%s: scaffolds a migration for exactly those fields', async (kind, replacement, second) => {
    const [key] = replacement.split(':');
    let todos = TODOS.replace(new RegExp(`${key}: [^\\n]*,`), `${replacement},`);
    if (second) todos = todos.replace(new RegExp(`${second.split(':')[0]}: [^\\n]*,`), `${second},`);
    const result = await generate(schema(todos));
    expect(result.code).toBe(0);
    expect(result.files).toEqual(['20260301_100100_update_todos.ts']);
    const slug = kind.toLowerCase().replace(/[^a-z]+/g, '_');
    await expect(result.source(result.files[0]!)).toMatchFileSnapshot(`generated/${slug}.ts`);
    expect(result.stdout).toMatchSnapshot();
  });

  it('removed and renamed columns: --rename and --drop say which', async () => {
    const todos = TODOS.replace('legacy: text(),', '').replace('note: text(),', 'notes: text(),');
    const result = await generate(schema(todos), ['remove and rename', '--rename', 'note:notes']);
    expect(result.code).toBe(0);
    expect(result.files).toEqual(['20260301_100100_remove_and_rename.ts']);
    await expect(result.source(result.files[0]!)).toMatchFileSnapshot('generated/removed_and_renamed.ts');
    expect(result.stdout).toMatchInlineSnapshot(`
      "Created convex/migrations/20260301_100100_remove_and_rename.ts for todos: note renamed to notes; legacy removed.
      Regenerated manifest.ts and convex/migrations/schema.snapshot.json.
      Review the generated code, deploy, and run \`convex-orm migrate up\`.
      "
    `);
  });

  it('a renamed column that also became notNull: the fill reads the old name and writes the new one', async () => {
    const todos = TODOS.replace('note: text(),', "notes: text().notNull().default(''),");
    const result = await generate(schema(todos), ['--rename', 'note:notes']);
    const source = result.source(result.files[0]!);
    expect(source).toContain('type Before = {\n  note?: string | null;\n  notes?: string;\n};');
    expect(source).toContain(
      [
        '      if (before.note != null && before.notes == null) patch.notes = before.note;',
        '      if (before.note !== undefined) patch.note = undefined;',
        '      // todos.notes became notNull: documents without a value need one (filled with its default).',
        "      if (before.note == null && before.notes == null) patch.notes = '';",
      ].join('\n'),
    );
  });

  it('a removal beside an addition is ambiguous: a usage error without a terminal, a question with one', async () => {
    const todos = TODOS.replace('note: text(),', 'notes: text(),');
    const refused = await generate(schema(todos));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatchInlineSnapshot(`
      "Columns were removed and others added: renamed or removed? Say which (stdin is no terminal to ask):
        todos: removed note; added notes. A rename: --rename todos.note:notes; a removal: --drop todos.note.
      "
    `);
    expect(refused.files).toEqual([]);
    expect(refused.snapshot.tables.todos!.columns.note).toBeDefined();

    const questions: string[] = [];
    const asked = await generate(schema(todos), [], async (question) => {
      questions.push(question);
      return 'notes';
    });
    expect(questions).toEqual(['todos.note is gone and notes is new. Renamed to (Enter if note was removed)? ']);
    expect(asked.code).toBe(0);
    expect(asked.source(asked.files[0]!)).toContain('patch.notes = before.note;');

    const dropped = await generate(schema(todos), ['--drop', 'todos.note']);
    expect(dropped.code).toBe(0);
    expect(dropped.source(dropped.files[0]!)).toContain('if (before.note !== undefined) patch.note = undefined;');
    expect(dropped.source(dropped.files[0]!)).not.toContain('notes');
  });

  it('bad --rename / --drop are usage errors; nothing is written', async () => {
    const todos = TODOS.replace('note: text(),', 'notes: text(),');
    for (const args of [
      ['--rename', 'nope:notes'],
      ['--rename', 'note'],
      ['--drop', 'users.note'],
    ]) {
      const result = await generate(schema(todos), args);
      expect(result.code).toBe(2);
      expect(result.files).toEqual([]);
      expect(existsSync(join(result.migrations, 'manifest.ts'))).toBe(false);
    }
  });

  // `--rename note:notes:x` renamed note to notes and dropped `:x` unsaid; `--rename todos.note:todos.notes`
  // said no table matches, where the only fault is the table on the new name.
  it('a --rename of three names, or with a table on the new name, is a usage error saying what to write', async () => {
    const todos = TODOS.replace('note: text(),', 'notes: text(),');
    for (const [args, message] of [
      [['--rename', 'note:notes:x'], '--rename note:notes:x: write old:new or table.old:new.'],
      [
        ['--rename', 'todos.note:todos.notes'],
        '--rename todos.note:todos.notes: a column is renamed within its table, so the new name takes none: --rename todos.note:notes.',
      ],
    ] as const) {
      const result = await generate(schema(todos), [...args]);
      expect({ code: result.code, stderr: result.stderr, files: result.files }).toEqual({
        code: 2,
        stderr: `${message}\n`,
        files: [],
      });
    }
  });

  it('a column decided twice (renamed twice, renamed and dropped, two renamed to one) is a usage error', async () => {
    const todos = TODOS.replace('legacy: text(),', '').replace('note: text(),', 'notes: text(),\n  memo: text(),');
    for (const [args, message] of [
      [
        ['--rename', 'note:notes,note:memo'],
        '--rename note:memo: todos.note is decided twice (renamed to notes); say once what became of it.',
      ],
      [
        ['--rename', 'note:notes', '--drop', 'note'],
        '--drop note: todos.note is decided twice (renamed to notes); say once what became of it.',
      ],
      [
        ['--rename', 'note:notes,legacy:notes'],
        '--rename legacy:notes: todos.notes is the new name of note already; one column takes one rename.',
      ],
    ] as const) {
      const result = await generate(schema(todos), [...args]);
      expect(result.stderr).toBe(`${message}\n`);
      expect(result.code).toBe(2);
      expect(result.files).toEqual([]);
    }
  });

  it('a file of the migrations directory that is not a migration: exit 1, no migration, manifest or snapshot written', async () => {
    const dir = schemaProject(schema(TODOS));
    const { io, output } = captureIo(dir, transport);
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    const migrations = join(dir, 'convex/migrations');
    const snapshot = readFileSync(join(migrations, 'schema.snapshot.json'), 'utf8');
    writeFileSync(join(migrations, 'helpers.ts'), "export const medium = 'medium';\n");
    writeSchema(dir, schema(TODOS.replace('note: text(),', 'note: text().notNull(),')));
    expect(await runCli(['migrate', 'generate'], io)).toBe(1);
    expect(output.stderr).toContain('helpers.ts: migration files are named <YYYYMMDD_HHMMSS>_<name>.ts; rename it.');
    expect(readdirSync(migrations).sort()).toEqual(['helpers.ts', 'schema.snapshot.json']);
    expect(readFileSync(join(migrations, 'schema.snapshot.json'), 'utf8')).toBe(snapshot);
  });

  it('one migration per table, named after the given name', async () => {
    const edited = schema(
      TODOS.replace('title: text().notNull(),', 'title: text().notNull(),\n  owner: text().notNull(),'),
    ).replace('age: integer()', 'age: integer().notNull()');
    const result = await generate(edited, ['tighten']);
    expect(result.files).toEqual(['20260301_100100_tighten_todos.ts', '20260301_100100_tighten_users.ts']);
    expect(readFileSync(join(result.migrations, 'manifest.ts'), 'utf8')).toContain('m_20260301_100100_tighten_users');
    expect(result.snapshot.tables.users!.columns.age!.notNull).toBe(true);
  });

  it('generated migrations run: a default fills the column; an unfinished TODO fails the batch and writes nothing', async () => {
    const example = (priority: string) =>
      `import { boolean, convexTable, defineSchema, text, textEnum } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull(), done: boolean().notNull().default(false), priority: ${priority} });
export default defineSchema({ todos });`;
    const load = (before: string, after: string) => generatedMigration(example(before), example(after));

    const fill = await load(
      "textEnum(['low', 'medium', 'high'])",
      "textEnum(['low', 'medium', 'high']).notNull().default('medium')",
    );
    const filled = migrationBackend(defineMigrationSet([fill]));
    await seedTodos(filled.t, 6);
    expect((await filled.run({ direction: 'up' })).status).toBe('completed');
    expect((await todos(filled.t)).map((todo) => todo.priority)).toEqual([
      'medium',
      'high',
      'medium',
      'high',
      'medium',
      'high',
    ]);

    const narrow = await load("textEnum(['low', 'medium', 'high'])", "textEnum(['low', 'medium'])");
    const failing = migrationBackend(defineMigrationSet([narrow]));
    await seedTodos(failing.t, 4);
    const run = await failing.run({ direction: 'up' });
    expect(run.status).toBe('failed');
    expect(run.lastError).toContain(
      `TODO (document ${run.lastErrorDocumentId}): todos.priority is "high", no longer allowed: map it to one of "low", "medium".`,
    );
    expect((await todos(failing.t)).map((todo) => todo.priority)).toEqual([undefined, 'high', undefined, 'high']);
  });

  // docs/migrations.md: the migration runs under an expand schema (old column kept, new one
  // nullable) while the app already writes the new shape, which stores an omitted nullable column
  // as null. A rename must not overwrite what the app wrote under the new name.
  it('generated renames move old values and keep values already written under the new name', async () => {
    const example = (columns: string) => `import { convexTable, defineSchema, text } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull(), ${columns} });
export default defineSchema({ todos });`;
    const rename = (after: string) =>
      generatedMigration(example('note: text()'), example(after), ['--rename', 'note:notes']);
    const ctx = {} as MigrateOneCtx;
    const up = (migration: Migration, doc: Record<string, unknown>) =>
      migration.up.migrateOne(ctx, { _id: 'todo1', title: 't', ...doc });

    const nullable = await rename('notes: text()');
    expect(await up(nullable, { note: 'old' })).toEqual({ notes: 'old', note: undefined });
    expect(await up(nullable, { note: null, notes: 'new' })).toEqual({ note: undefined });
    expect(await up(nullable, { note: 'stale', notes: 'new' })).toEqual({ note: undefined });
    expect(await up(nullable, { note: null })).toEqual({ note: undefined });
    expect(await up(nullable, { notes: 'new' })).toBeUndefined();

    const withDefault = await rename("notes: text().notNull().default('')");
    expect(await up(withDefault, { note: 'old' })).toEqual({ notes: 'old', note: undefined });
    expect(await up(withDefault, { notes: 'new' })).toBeUndefined();
    expect(await up(withDefault, { note: null, notes: 'new' })).toEqual({ note: undefined });
    expect(await up(withDefault, { note: null })).toEqual({ notes: '', note: undefined });
    expect(await up(withDefault, {})).toEqual({ notes: '' });
  });

  it('tables whose names slug alike (notes, Notes) get one migration each, numbered', async () => {
    const twoNotes = (notNull: string) =>
      [
        "import { convexTable, defineSchema, text } from 'convex-orm';",
        `export const notes = convexTable('notes', { body: text()${notNull} });`,
        `export const Notes = convexTable('Notes', { body: text()${notNull} });`,
        'export default defineSchema({ notes, Notes });',
      ].join('\n');
    const dir = schemaProject(twoNotes(''));
    const { io, output, clock } = captureIo(dir, transport);
    clock.now = Date.parse('2026-03-01T10:00:00Z');
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    writeSchema(dir, twoNotes('.notNull()'));
    clock.now += 60_000;
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    expect(output.stderr).toBe('');
    const files = readdirSync(join(dir, 'convex/migrations')).filter((file) => /^\d{8}_/.test(file));
    expect(files.sort()).toEqual(['20260301_100100_update_notes.ts', '20260301_100100_update_notes_2.ts']);
    const manifest = readFileSync(join(dir, 'convex/migrations/manifest.ts'), 'utf8');
    for (const file of files) expect(manifest).toContain(file.replace('.ts', ''));
  });

  it('a snapshot that is not JSON: exit 1, the error names it, nothing is written', async () => {
    const dir = schemaProject(schema(TODOS));
    mkdirSync(join(dir, 'convex/migrations'), { recursive: true });
    writeFileSync(join(dir, 'convex/migrations/schema.snapshot.json'), '{ "version": 1, ');
    const { io, output } = captureIo(dir, transport);
    expect(await runCli(['migrate', 'generate'], io)).toBe(1);
    expect(output.stderr).toContain('convex/migrations/schema.snapshot.json is not valid JSON');
    expect(readdirSync(join(dir, 'convex/migrations'))).toEqual(['schema.snapshot.json']);
  });

  it('needs every table of the schema exported as a convex-orm table', async () => {
    const plain = `import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({ notes: defineTable({ body: v.string() }) });`;
    const { io, output } = captureIo(schemaProject(plain), transport);
    expect(await runCli(['migrate', 'generate'], io)).toBe(1);
    expect(output.stderr).toBe(
      'The schema file does not export the convex-orm table(s) notes: export each convexTable (e.g. `export const notes = convexTable(...)`). A plain Convex schema? `convex-orm pull` writes a convex-orm one.\n',
    );
  });
});
