import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SchemaDefinition } from 'convex/server';
import type { GenericId } from 'convex/values';
import { convexTest } from 'convex-test';
import type { BenchConfig } from './config.js';
import type { Fixture } from './contender.js';
import type { Dataset } from './data.js';

export const benchConvexDir = join(dirname(fileURLToPath(import.meta.url)), 'convex');

/**
 * The module map convex-test expects (what `import.meta.glob` gives under
 * Vite), built with `fs` so the bench runs under plain Node (tsx).
 */
export function moduleMap(root: string, dir = root, prefix = '.'): Record<string, () => Promise<unknown>> {
  const modules: Record<string, () => Promise<unknown>> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(modules, moduleMap(root, path, prefix));
    else if (/\.(ts|js)$/.test(entry.name) && !/\.d\.ts$|\..+\.(ts|js)$/.test(entry.name)) {
      modules[`${prefix}/${relative(root, path)}`] = () => import(pathToFileURL(path).href);
    }
  }
  return modules;
}

export type Backend = ReturnType<typeof convexTest>;

/**
 * What a workload's backend holds: only the users, everything but the
 * content of the users workload 9 deletes, or all of it.
 */
export type SeedScope = 'users' | 'base' | 'all';

/** A fresh in-process Convex backend for one contender, seeded with the data set. */
export async function seededBackend(
  schema: SchemaDefinition<any, boolean>,
  config: BenchConfig,
  data: Dataset,
  scope: SeedScope = 'all',
): Promise<{ t: Backend; fixture: Fixture }> {
  const heavy = new Set(scope === 'all' ? [] : data.heavy);
  const t = convexTest(schema, moduleMap(benchConvexDir));
  const ids = await t.run(async (ctx) => {
    const db = ctx.db as any;
    const users: GenericId<'users'>[] = [];
    for (const user of data.users) users.push(await db.insert('users', user));
    if (scope === 'users') return { users, posts: [], groups: [] };
    // The heavy users' posts come last in the data set, so skipping them keeps positions.
    const posts: GenericId<'posts'>[] = [];
    for (const { author, ...post } of data.posts) {
      if (!heavy.has(author)) posts.push(await db.insert('posts', { ...post, authorId: users[author] }));
    }
    for (const { post, author, body } of data.comments) {
      if (posts[post]) await db.insert('comments', { postId: posts[post], authorId: users[author], body });
    }
    const groups: GenericId<'groups'>[] = [];
    for (const group of data.groups) groups.push(await db.insert('groups', group));
    for (const { user, group } of data.memberships) {
      if (!heavy.has(user)) await db.insert('usersToGroups', { userId: users[user], groupId: groups[group] });
    }
    return { users, posts, groups };
  });
  return { t, fixture: { config, data, ids } };
}
