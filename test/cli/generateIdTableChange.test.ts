// @vitest-environment node
// The comment `migrate generate` writes for a type change names an id column by its table:
// `id('users')` to `id('teams')`, or `string` to `id('users')`. Named by their TypeScript types
// (every id is a string), both were "changed type within string (stricter elements or fields)",
// false twice: such a column has no elements or fields, and the table changed is not named.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const schema = (things: string) => `
import { convexTable, defineSchema, id, text } from 'convex-orm';
export const users = convexTable('users', { name: text() });
export const teams = convexTable('teams', { name: text() });
export const things = convexTable('things', { ${things} });
export default defineSchema({ users, teams, things });
`;

it("a changed id table is named in the generated migration's comment, not as a nested change of a string", async () => {
  const dir = schemaProject(schema("owner: id('users'), label: text()"));
  const { io, output, clock } = captureIo(dir, { call: async () => null });
  clock.now = Date.parse('2026-03-01T10:00:00Z');
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  writeSchema(dir, schema("owner: id('teams'), label: id('users')"));
  clock.now += 60_000;
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  expect(output.stderr).toBe('');
  const migrations = join(dir, 'convex/migrations');
  const [file] = readdirSync(migrations).filter((name) => /^\d{8}_/.test(name));
  const source = readFileSync(join(migrations, file!), 'utf8');
  const comments = source.split('\n').filter((line) => line.includes('changed type'));
  expect(comments).toHaveLength(2);
  for (const comment of comments) expect(comment).not.toContain('stricter elements or fields');
  expect(comments[0]).toMatch(/things\.owner changed type from .*users.* to .*teams/);
  expect(comments[1]).toMatch(/things\.label changed type from string to .*users/);
});
