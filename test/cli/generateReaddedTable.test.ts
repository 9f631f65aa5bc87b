// @vitest-environment node
/**
 * A table removed from the schema and later declared again is compared with the documents it kept
 * (Convex keeps them; `migrate generate` said so when it left: "its documents stay"): the snapshot
 * keeps a removed table's last columns, marked removed. Declared again with a new `.notNull()`
 * column, it gets the migration an existing table would. It was reported as "new table; it starts
 * empty", with "No migration needed", though `convex deploy` would refuse its stored documents.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const withTodos = (columns: string) => `import { convexTable, defineSchema, integer, text } from 'convex-orm';
export const users = convexTable('users', { name: text().notNull() });
export const todos = convexTable('todos', { ${columns} });
export default defineSchema({ users, todos });`;
const withoutTodos = `import { convexTable, defineSchema, text } from 'convex-orm';
export const users = convexTable('users', { name: text().notNull() });
export default defineSchema({ users });`;

describe('migrate generate: a table declared again after its removal', () => {
  it('is no new, empty table: its stored documents need the migration an existing table would get', async () => {
    const dir = schemaProject(withTodos('title: text().notNull()'));
    const { io, output, clock } = captureIo(dir, { call: async () => null });
    clock.now = Date.parse('2026-03-01T10:00:00Z');
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);

    writeSchema(dir, withoutTodos);
    clock.now += 60_000;
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    expect(output.stdout).toContain('todos: table removed from the schema; its documents stay, unvalidated.');

    writeSchema(dir, withTodos('title: text().notNull(), priority: integer().notNull()'));
    clock.now += 60_000;
    output.stdout = '';
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    expect(output.stdout).not.toContain('todos: new table; it starts empty.');
    expect(output.stdout).not.toContain('No migration needed');
    const files = readdirSync(join(dir, 'convex/migrations')).filter((name) => /^\d{8}_/.test(name));
    expect(files).toEqual(['20260301_100200_update_todos.ts']);
  });
});
