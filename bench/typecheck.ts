import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './measure.js';

/**
 * Type-check cost of a generated schema: `tables` tables chained by a
 * foreign key (each with a `parent` one-relation and a `children`
 * many-relation) and `queries` typed relational queries whose results are
 * read, in convex-orm and in better-convex syntax. Measured with
 * `tsc --extendedDiagnostics` (prints Instantiations and Check/Total time)
 * of TypeScript 7 (tsgo, the project's) and of the pinned TypeScript 5.x
 * most users still run. convex-orm is checked through its emitted
 * declarations, as a user of the published package would, like
 * better-convex's `.d.ts`.
 */
export type TypecheckResult = {
  library: 'convex-orm' | 'better-convex';
  /** The checker's version, e.g. `7.0.2` or `5.9.3`. */
  typescript: string;
  totalSeconds: number;
  checkSeconds: number;
  instantiations: number;
  types: number;
  errors: string | null;
};

type Flavor = {
  library: TypecheckResult['library'];
  imports: string;
  idColumn: string;
  createOrm: string;
};

const flavors: Flavor[] = [
  { library: 'convex-orm', imports: 'convex-orm', idColumn: '_id', createOrm: 'createOrm({ relations })' },
  {
    library: 'better-convex',
    imports: 'better-convex/orm',
    idColumn: 'id',
    createOrm: 'createOrm({ schema: relations })',
  },
];

function schemaSource(flavor: Flavor, tables: number): string {
  const lines = [
    `import { boolean, convexTable, defineRelations, defineSchema, id, index, integer, text } from '${flavor.imports}';`,
    '',
  ];
  for (let i = 0; i < tables; i++) {
    const parent =
      i === 0
        ? ''
        : `  parentId: id('t${i - 1}').notNull().references(() => t${i - 1}.${flavor.idColumn}, { onDelete: 'cascade' }),\n`;
    const config = i === 0 ? '' : `, (t) => [index('t${i}_by_parent').on(t.parentId, t.n)]`;
    lines.push(
      `export const t${i} = convexTable('t${i}', {\n  name: text().notNull(),\n  n: integer().notNull(),\n  flag: boolean(),\n${parent}}${config});`,
    );
  }
  lines.push(`export const tables = { ${Array.from({ length: tables }, (_, i) => `t${i}`).join(', ')} };`);
  lines.push('export default defineSchema(tables);');
  lines.push('export const relations = defineRelations(tables, (r) => ({');
  for (let i = 0; i < tables; i++) {
    const relations = [];
    if (i > 0)
      relations.push(`parent: r.one.t${i - 1}({ from: r.t${i}.parentId, to: r.t${i - 1}.${flavor.idColumn} })`);
    if (i < tables - 1) relations.push(`children: r.many.t${i + 1}()`);
    lines.push(`  t${i}: { ${relations.join(', ')} },`);
  }
  lines.push('}));', '');
  return lines.join('\n');
}

function queriesSource(flavor: Flavor, tables: number, queries: number): string {
  const lines = [
    "import type { GenericDataModel, GenericQueryCtx } from 'convex/server';",
    `import { createOrm } from '${flavor.imports}';`,
    "import { relations } from './schema';",
    '',
    `const orm = ${flavor.createOrm};`,
    'declare const ctx: GenericQueryCtx<GenericDataModel>;',
    'const db = orm.db(ctx);',
    '',
  ];
  for (let k = 0; k < queries; k++) {
    const table = `t${(k % (tables - 2)) + 1}`;
    lines.push(
      `export async function q${k}() {`,
      `  const rows = await db.query.${table}.findMany({ where: { n: { gt: ${k} } }, with: { parent: true, children: { limit: 5 } }, limit: 10 });`,
      '  const name: string | undefined = rows[0]?.name;',
      '  const child: number | undefined = rows[0]?.children[0]?.n;',
      '  const parent: string | undefined = rows[0]?.parent?.name;',
      // Guards that results are really typed (an \`any\` would make this directive unused, an error).
      ...(k === 0
        ? [
            '  // @ts-expect-error a name is a string',
            '  const wrong: number | undefined = rows[0]?.name;',
            '  void wrong;',
          ]
        : []),
      '  return { name, child, parent };',
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

function tsconfig(paths: Record<string, string[]>): string {
  return JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
        paths,
      },
      include: ['schema.ts', 'queries.ts'],
    },
    null,
    2,
  );
}

/** A type checker: how to run it and its version. */
type Checker = { version: string; command: string; prefix: string[] };

function checkers(root: string): Checker[] {
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  return [
    { version: version('typescript'), command: join(root, 'node_modules', '.bin', 'tsc'), prefix: [] },
    {
      version: version('typescript-5'),
      command: process.execPath,
      prefix: [join(root, 'node_modules', 'typescript-5', 'bin', 'tsc')],
    },
  ];
}

const number = (output: string, label: string) => Number(new RegExp(`${label}:\\s+([\\d.]+)`).exec(output)?.[1] ?? NaN);

/** Generates both projects under `dir` and type-checks each `runs` times with each checker, interleaved. */
export function measureTypecheck(
  root: string,
  dir: string,
  tables: number,
  queries: number,
  runs: number,
): TypecheckResult[] {
  rmSync(dir, { recursive: true, force: true });
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  // convex-orm's declarations, emitted from src as the published package would ship them.
  const dts = join(dir, 'convex-orm-dts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'tsconfig.dts.json'),
    JSON.stringify({
      extends: join(root, 'tsconfig.json'),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        outDir: dts,
        rootDir: join(root, 'src'),
        types: [],
      },
      include: [join(root, 'src', 'index.ts')],
    }),
  );
  const emitted = spawnSync(tsc, ['-p', join(dir, 'tsconfig.dts.json')], { encoding: 'utf8' });
  const projects = flavors.map((flavor) => {
    const project = join(dir, flavor.library);
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'schema.ts'), schemaSource(flavor, tables));
    writeFileSync(join(project, 'queries.ts'), queriesSource(flavor, tables, queries));
    const paths: Record<string, string[]> =
      flavor.library === 'convex-orm' ? { 'convex-orm': [join(dts, 'index.d.ts')] } : {};
    writeFileSync(join(project, 'tsconfig.json'), tsconfig(paths));
    return { flavor, project };
  });
  const emitError = emitted.status !== 0 ? `declaration emit failed: ${firstError(emitted.stdout)}` : null;
  const entries = checkers(root).flatMap((checker) =>
    projects.map(({ flavor, project }) => ({
      flavor,
      project,
      checker,
      outputs: [] as string[],
      errors: flavor.library === 'convex-orm' ? emitError : null,
    })),
  );
  for (let run = 0; run < runs; run++) {
    for (const entry of entries) {
      const args = ['--noEmit', '-p', join(entry.project, 'tsconfig.json'), '--extendedDiagnostics'];
      const result = spawnSync(entry.checker.command, [...entry.checker.prefix, ...args], { encoding: 'utf8' });
      entry.outputs.push(result.stdout);
      if (result.status !== 0) entry.errors ??= firstError(result.stdout);
    }
  }
  return entries.map(({ flavor, checker, outputs, errors }) => ({
    library: flavor.library,
    typescript: checker.version,
    totalSeconds: median(outputs.map((output) => number(output, 'Total time'))),
    checkSeconds: median(outputs.map((output) => number(output, 'Check time'))),
    instantiations: number(outputs[0]!, 'Instantiations'),
    types: number(outputs[0]!, 'Types'),
    errors,
  }));
}

const firstError = (output: string) =>
  output.split('\n').find((line) => /error TS\d+/.test(line)) ?? output.slice(0, 200);
