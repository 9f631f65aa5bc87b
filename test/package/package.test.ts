// @vitest-environment node
// The package as a user gets it: `npm pack` (which builds dist/ through prepack), the tarball
// installed into a fresh Convex app (test/package/fixture: Convex's default tsconfig with
// `lib: ["ES2021", "dom"]`), type-checked with TypeScript 5.9 and 7 and under the settings users
// change (TypeScript 5.0, exactOptionalPropertyTypes, declaration emit, moduleResolution node10 and node16),
// bundled the way `convex deploy` bundles, and run on convex-test. Offline: nothing touches a registry.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { anyApi, makeFunctionReference } from 'convex/server';
import { convexTest } from 'convex-test';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = join(root, 'test/package/fixture');
const TS_7 = join(root, 'node_modules/typescript/bin/tsc');
const TS_5_9 = join(root, 'node_modules/typescript-5/bin/tsc');
const TS_5_0 = join(root, 'node_modules/typescript-5.0/bin/tsc');

const NODE16_TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'ESNext',
    module: 'node16',
    moduleResolution: 'node16',
    lib: ['ES2021', 'dom'],
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['./convex/**/*'],
};

/** Every entry point, the builders Convex's functions take, and a query, in one file. */
const NODE16_APP = `import { createOrm, defineDeletionFunctions, defineRelations, convexTable, text } from 'convex-orm';
import { defineMigrationFunctions, defineMigrationSet } from 'convex-orm/migrations';
import { countReads } from 'convex-orm/testing';
import { anyApi, internalMutationGeneric, internalQueryGeneric, queryGeneric } from 'convex/server';

export const users = convexTable('users', { name: text().notNull() });
export const relations = defineRelations({ users });
export const orm = createOrm({ relations });
export const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
export const { run, runChunk, status, cancel } = defineMigrationFunctions({
  orm, migrations: defineMigrationSet([]), internalMutation: internalMutationGeneric,
  internalQuery: internalQueryGeneric, self: anyApi.migrations as any,
});
export const list = queryGeneric({ args: {}, handler: (ctx) => orm.db(ctx).query.users.findMany({ limit: 5 }) });
export const reads = countReads;
`;

/** Runs a command and returns its exit status and combined output (shown when an assertion fails). */
function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Copies what `npm pack` needs into `dir`, so packing builds there and never touches the worktree's dist/. */
function copyPackageSources(dir: string): void {
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'tsconfig.build.json', 'src', 'bin', 'docs']) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  mkdirSync(join(dir, 'bench'));
  cpSync(join(root, 'bench/results.md'), join(dir, 'bench/results.md'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

describe('the packed package in a fresh Convex app', () => {
  let work: string;
  let app: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'convex-orm-package-'));
    const source = join(work, 'source');
    mkdirSync(source);
    copyPackageSources(source);
    const pack = run('npm', ['pack', '--pack-destination', work], source);
    expect(pack.status, pack.output).toBe(0);
    const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
    expect(tarball, pack.output).toBeDefined();

    app = join(work, 'app');
    cpSync(fixture, app, { recursive: true });
    const installed = join(app, 'node_modules/convex-orm');
    mkdirSync(installed, { recursive: true });
    const extract = run('tar', ['xzf', join(work, tarball!), '-C', installed, '--strip-components=1'], work);
    expect(extract.status, extract.output).toBe(0);
    symlinkSync(join(root, 'node_modules/convex'), join(app, 'node_modules/convex'), 'dir');
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships compiled JavaScript, declarations and the CLI, not TypeScript sources', () => {
    const files = readdirSync(join(app, 'node_modules/convex-orm'), { recursive: true }).map(String);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/migrations/index.d.ts');
    expect(files).toContain('dist/testing/index.js');
    expect(files).toContain('dist/cli.mjs');
    // The licence's notice, and the benchmark results the README links to.
    expect(files).toContain('LICENSE');
    expect(files).toContain('bench/results.md');
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    const help = run('node', ['node_modules/convex-orm/bin/convex-orm.mjs', '--help'], app);
    expect(help.status, help.output).toBe(0);
    expect(help.output).toContain('convex-orm migrate');
  });

  it.each([
    ['TypeScript 5.9', TS_5_9, []],
    ['TypeScript 7', TS_7, []],
    // The oldest 5.x: the declarations use nothing newer (NoInfer is 5.4). skipLibCheck false reports
    // what Convex's default (true) would hide, such as an unknown name silently turning into `any`.
    ['TypeScript 5.0 with skipLibCheck false', TS_5_0, ['--skipLibCheck', 'false']],
    // Optional fields the declarations emit as `field?: T | undefined` are no Convex Value under it.
    ['TypeScript 7 with exactOptionalPropertyTypes', TS_7, ['--exactOptionalPropertyTypes']],
    // The resolution convex itself still serves (typesVersions); TypeScript 7 has removed it.
    ['TypeScript 5.9 with moduleResolution node10', TS_5_9, ['--module', 'esnext', '--moduleResolution', 'node']],
    // Monorepos and composite projects: an exported value's inferred type must be nameable from the entries.
    ['TypeScript 7 with declaration emit', TS_7, ['--noEmit', 'false', '--declaration', '--emitDeclarationOnly']],
  ])(
    'type-checks with Convex default tsconfig under %s',
    (_, tsc, flags) => {
      const outDir = join(work, 'declarations');
      const check = run('node', [tsc, '--noEmit', '-p', 'convex/tsconfig.json', '--outDir', outDir, ...flags], app);
      expect(check.output).toBe('');
      expect(check.status).toBe(0);
    },
    60_000,
  );

  // Node's own resolution needs the app's files to be ES modules ("type": "module"): the package is
  // ESM only (docs/tooling.md). Relative imports would need extensions, so the app is one file.
  it('type-checks under moduleResolution node16 in an ES module app', () => {
    const dir = join(work, 'node16');
    mkdirSync(join(dir, 'convex'), { recursive: true });
    symlinkSync(join(app, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'node16-app', private: true, type: 'module' }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(NODE16_TSCONFIG));
    writeFileSync(join(dir, 'convex/functions.ts'), NODE16_APP);
    const check = run('node', [TS_5_9, '-p', 'tsconfig.json'], dir);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  }, 60_000);

  it('bundles as convex deploy does and runs a query and a mutation on convex-test', async () => {
    // The options of convex's own bundler (convex/dist/esm/bundler) for the default runtime.
    const out = join(app, 'out');
    // Like convex deploy: every module of convex/ is an entry point (generated code is imported, not an entry).
    const functionFiles = readdirSync(join(app, 'convex')).filter((file) => file.endsWith('.ts'));
    expect(functionFiles).toEqual(['checks.ts', 'migrations.ts', 'orm.ts', 'prepared.ts', 'schema.ts', 'users.ts']);
    const result = await build({
      absWorkingDir: app,
      entryPoints: functionFiles.map((file) => `convex/${file}`),
      outdir: out,
      outbase: 'convex',
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'esnext',
      conditions: ['convex', 'module'],
      splitting: true,
      treeShaking: true,
      metafile: true,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('node_modules/convex-orm/dist/index.js');
    expect(inputs).toContain('node_modules/convex-orm/dist/migrations/index.js');
    expect(inputs.filter((input) => /^node:|convex-orm\/(src|dist\/cli)/.test(input))).toEqual([]);

    const load = (file: string) => () => import(pathToFileURL(join(out, file)).href);
    const schema = (await load('schema.js')()).default;
    const t = convexTest(schema, {
      './_generated/api.js': () => Promise.resolve({}),
      ...Object.fromEntries(
        functionFiles.map((file) => [`./${file.replace(/ts$/, 'js')}`, load(file.replace(/ts$/, 'js'))]),
      ),
    });
    const userId = await t.mutation(anyApi.users!.signUp!, {
      user: { name: 'Ada', email: 'ada@example.com' },
      title: 'Hello',
    });
    expect(typeof userId).toBe('string');
    const user = await t.query(anyApi.users!.byEmail!, { email: 'ada@example.com' });
    expect(user).toEqual({ name: 'Ada', posts: [{ title: 'Hello' }] });
    await expect(
      t.mutation(anyApi.users!.signUp!, { user: { name: 'Ada again', email: 'ada@example.com' }, title: 'Dup' }),
    ).rejects.toThrow(/unique/i);
    expect(await t.query(makeFunctionReference<'query'>('migrations:status'), {})).toMatchObject({ activeRun: null });

    // convex-orm/testing from the installed package counts the reads of a raw query.
    const testing = await import(pathToFileURL(join(app, 'node_modules/convex-orm/dist/testing/index.js')).href);
    const documents = await t.run(async (raw) => {
      const { ctx, reads } = testing.countReads(raw);
      await ctx.db.query('users').collect();
      return reads.documents;
    });
    expect(documents).toBe(1);
  }, 60_000);
});
