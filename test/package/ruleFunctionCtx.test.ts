// @vitest-environment node
/**
 * A function rule's `ctx` parameter is typed as the rule function's ctx, against the built
 * declarations, on TypeScript 5.9 (as test/rules/define.test-d.ts asserts on the repo's own
 * TypeScript). TypeScript 5.0 loses it (`any`) when the rule function is async with a block body
 * (`async (ctx: QueryCtx) => { const viewer = await viewerOf(ctx); return { ... } }`): it types the
 * returned rules before it has inferred the ctx. docs/tooling.md names this and the workaround,
 * annotating the function rule's ctx, which this test checks type-checks on 5.0 (the sync form
 * and an async arrow returning an object literal are typed on 5.0 too).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TS_7 = join(root, 'node_modules/typescript/bin/tsc');
const TS_5_9 = join(root, 'node_modules/typescript-5/bin/tsc');
const TS_5_0 = join(root, 'node_modules/typescript-5.0/bin/tsc');

const TSCONFIG = {
  compilerOptions: {
    allowJs: true,
    strict: true,
    moduleResolution: 'Bundler',
    skipLibCheck: true,
    target: 'ESNext',
    lib: ['ES2021', 'dom'],
    module: 'ESNext',
    isolatedModules: true,
    noEmit: true,
  },
  include: ['./**/*'],
};

const APP = `import type { Auth } from 'convex/server';
import { convexTable, defineRelations, defineRules, id, text } from 'convex-orm';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull() });
const relations = defineRelations({ users, posts });

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertTrue<T extends true>(): void {}
declare function viewerOf(ctx: { auth: Auth }): Promise<string | null>;

export const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const viewer = await viewerOf(ctx);
  return {
    posts: {
      read: (row, ruleCtx) => {
        assertTrue<Equal<typeof ruleCtx, { auth: Auth }>>();
        // @ts-expect-error Auth has no "nope"
        ruleCtx.auth.nope;
        return row.title !== viewer;
      },
    },
  };
});
`;

// The workaround for TypeScript 5.0: the function rule's ctx annotated.
const ANNOTATED = `import type { Auth } from 'convex/server';
import { convexTable, defineRelations, defineRules, text } from 'convex-orm';

const posts = convexTable('posts', { title: text().notNull() });
const relations = defineRelations({ posts });
declare function viewerOf(ctx: { auth: Auth }): Promise<string | null>;

export const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const viewer = await viewerOf(ctx);
  return {
    posts: {
      read: (row, ruleCtx: { auth: Auth }) => {
        // @ts-expect-error Auth has no "nope"
        ruleCtx.auth.nope;
        return row.title !== viewer;
      },
    },
  };
});
`;

function run(args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync('node', args, { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('a function rule of an async rule function, against the built declarations', () => {
  let work: string;
  let app: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'convex-orm-rulectx-'));
    const pkg = join(work, 'app/node_modules/convex-orm');
    mkdirSync(pkg, { recursive: true });
    const build = run([TS_7, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(pkg, 'dist')], root);
    expect(build.output).toBe('');
    cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
    app = join(work, 'app');
    symlinkSync(join(root, 'node_modules/convex'), join(app, 'node_modules/convex'), 'dir');
    mkdirSync(join(app, 'convex'));
    writeFileSync(join(app, 'convex/tsconfig.json'), JSON.stringify(TSCONFIG));
    writeFileSync(join(app, 'convex/rules.ts'), APP);
    writeFileSync(join(app, 'convex/annotated.ts'), ANNOTATED);
    writeFileSync(
      join(app, 'convex/tsconfig.annotated.json'),
      JSON.stringify({ ...TSCONFIG, include: ['./annotated.ts'] }),
    );
  }, 60_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('types ruleCtx as the rule function ctx under TypeScript 5.9', () => {
    const check = run([TS_5_9, '--noEmit', '-p', 'convex/tsconfig.json'], app);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  }, 60_000);

  it('takes the annotated function rule ctx under TypeScript 5.0', () => {
    const check = run([TS_5_0, '--noEmit', '-p', 'convex/tsconfig.annotated.json'], app);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
  }, 60_000);
});
