// @vitest-environment node

import { v } from 'convex/values';
import { defineMigrationSet } from 'convex-orm/migrations';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { convexTable, createOrm, custom, defineRelations, defineSchema, id, primaryKey, text } from '../../src/index';
import { migrationBackend, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const users = convexTable('users', { name: text().notNull() });
const members = convexTable(
  'members',
  { userId: id('users').notNull(), groupId: text().notNull(), note: custom(v.union(v.null(), v.string())).notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.groupId] })],
);
const schema = defineSchema({ users, members });
const orm = createOrm({ relations: defineRelations({ users, members }) });
const SOURCE = `
import { v } from 'convex/values';
import { convexTable, custom, defineSchema, id, primaryKey, text } from 'convex-orm';
export const users = convexTable('users', { name: text().notNull() });
export const members = convexTable(
  'members',
  { userId: id('users').notNull(), groupId: text().notNull(), note: custom(v.union(v.null(), v.string())).notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.groupId] })],
);
export default defineSchema({ users, members });
`;

it('migrate check reports duplicate primary keys stored by raw writes, as for unique()', async () => {
  const backend = migrationBackend(defineMigrationSet([]), orm as never, undefined, false, schema);
  const ids = await backend.t.run(async (ctx) => {
    const db = ctx.db as any;
    const user = await db.insert('users', { name: 'a' });
    return [
      await db.insert('members', { userId: user, groupId: 'g', note: 'x' }),
      await db.insert('members', { userId: user, groupId: 'h', note: 'y' }),
      await db.insert('members', { userId: user, groupId: 'g', note: null }),
    ];
  });
  const { io, output } = captureIo(schemaProject(SOURCE, { functionsModule: TEST_MODULE }), backend.transport);
  const code = await runCli(['migrate', 'check'], io);
  expect(output.stdout).toContain(`unique members_userId_groupId_pk: 1 document, e.g. ${ids[2]}`);
  expect(output.stdout).toContain(`(duplicates ${ids[0]})`);
  expect(code).toBe(1);
});
