import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempProject } from './io';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A temporary Convex app whose `convex/schema.ts` is `schema`. It resolves `convex-orm` to this
 * repository's sources (tsconfig paths, as the repository does) and `convex` through a link to
 * its node_modules, so the CLI bundles it as it would a user's app.
 */
export function schemaProject(schema: string, config: object = {}): string {
  const dir = tempProject({ migrationsDir: 'convex/migrations', ...config });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const paths = {
    'convex-orm': [join(root, 'src/index.ts')],
    'convex-orm/migrations': [join(root, 'src/migrations/index.ts')],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths } }));
  mkdirSync(join(dir, 'convex'));
  writeSchema(dir, schema);
  return dir;
}

/** Replaces the app's `convex/schema.ts`. */
export function writeSchema(dir: string, schema: string): void {
  writeFileSync(join(dir, 'convex/schema.ts'), schema);
}
