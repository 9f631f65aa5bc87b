// @vitest-environment node
//
// `convex-orm pull` aliases the relations between two tables whenever more than one v.id field
// links them, either way round (users.bestPostId -> posts beside posts.authorId -> users, as
// teams.ownerId beside users.teamId): Drizzle v1's defineRelations pairs a many with its one by
// their two tables, and without an alias per pair the pulled file would throw when loaded
// ("multiple relations between "posts" and "users" were found"). docs/tooling.md: ambiguous pairs
// "get an alias per pair".
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchemaModule } from '../../src/cli/loadSchema';
import { runCli } from '../../src/cli/main';
import { createOrm } from '../../src/index';
import { captureIo } from './io';
import { schemaProject } from './schemaProject';

const MUTUAL = `
import { defineSchema, defineTable } from 'convex/server';
import { v } from 'convex/values';
export default defineSchema({
  users: defineTable({ name: v.string(), bestPostId: v.optional(v.id('posts')) }),
  posts: defineTable({ title: v.string(), authorId: v.id('users') }),
});
`;

describe('pull: two tables that reference each other', () => {
  it('writes relations that load and that createOrm accepts', async () => {
    const dir = schemaProject(MUTUAL);
    const { io, output } = captureIo(dir, { call: async () => null });
    expect({ code: await runCli(['pull'], io), stderr: output.stderr }).toEqual({ code: 0, stderr: '' });
    const pulled = await loadSchemaModule(dir, join(dir, 'convex/ormSchema.ts'));
    expect(() => createOrm({ relations: pulled.relations as never })).not.toThrow();
  });
});
