// @vitest-environment node
// A migration `migrate generate` writes for a column named like one of Object's members (`valueOf`,
// `toString`) type-checks against the DataModel (docs/migrations.md): the patch is a
// `Record<string, unknown>`, on which TypeScript reads `patch.valueOf` as Object's method (TS2322),
// so such fields are written `patch['valueOf']`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const schema = (things: string) => `
import { convexTable, defineSchema, text } from 'convex-orm';
export const things = convexTable('things', { ${things} });
export default defineSchema({ things });
`;

it('a generated migration filling valueOf and removing toString type-checks against the DataModel', async () => {
  const dir = schemaProject(schema('valueOf: text(), toString: text(), name: text()'));
  const { io, output, clock } = captureIo(dir, { call: async () => null });
  clock.now = Date.parse('2026-03-01T10:00:00Z');
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  writeSchema(dir, schema("valueOf: text().notNull().default('v'), name: text()"));
  clock.now += 60_000;
  expect(await runCli(['migrate', 'generate', '--drop', 'toString'], io)).toBe(0);
  expect(output.stderr).toBe('');
  const migrations = join(dir, 'convex/migrations');
  expect(readdirSync(migrations).filter((name) => /^\d{8}_/.test(name))).toHaveLength(1);

  // The app's DataModel, as `convex codegen` derives it from the schema.
  mkdirSync(join(dir, 'convex/_generated'));
  writeFileSync(
    join(dir, 'convex/_generated/dataModel.ts'),
    `import type { DataModelFromSchemaDefinition, DocumentByName, TableNamesInDataModel } from 'convex/server';
import schema from '../schema';
export type DataModel = DataModelFromSchemaDefinition<typeof schema>;
export type Doc<T extends TableNamesInDataModel<DataModel>> = DocumentByName<DataModel, T>;
`,
  );
  writeFileSync(
    join(dir, 'tsconfig.check.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ESNext',
        lib: ['ES2021', 'dom'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        paths: {
          'convex-orm': [join(root, 'src/index.ts')],
          'convex-orm/migrations': [join(root, 'src/migrations/index.ts')],
        },
      },
      include: ['convex/migrations/*.ts'],
    }),
  );
  const check = spawnSync('node', [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.check.json'], {
    cwd: dir,
    encoding: 'utf8',
  });
  expect(`${check.stdout}${check.stderr}`).toBe('');
  expect(check.status).toBe(0);
}, 60_000);
