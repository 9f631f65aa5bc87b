import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidatorJson } from '../migrations/validatorJson.js';
import { CliError } from './errors.js';

type Esbuild = typeof import('esbuild');

/**
 * esbuild, which every Convex app has: `convex` depends on it to bundle functions. Found next to
 * convex-orm (hoisted installs) or else through the app's `convex` package (pnpm, nested).
 */
async function loadEsbuild(cwd: string): Promise<Esbuild> {
  try {
    return await import('esbuild');
  } catch {
    const convexPackage = join(cwd, 'node_modules', 'convex', 'package.json');
    if (!existsSync(convexPackage)) {
      throw new CliError('Cannot find esbuild or the `convex` package; run the command in your Convex app.');
    }
    const path = createRequire(realpathSync(convexPackage)).resolve('esbuild');
    return (await import(pathToFileURL(path).href)) as Esbuild;
  }
}

/**
 * Imports a Convex `schema.ts` (or `.js`) in Node and returns its exports. The file is bundled
 * with everything it imports (as `convex deploy` bundles functions, so TypeScript, path aliases
 * and the app's own modules work without tsx) into one ESM file in a temporary directory, which
 * is imported and deleted. The bundle has no imports left, so it loads from anywhere.
 */
export async function loadSchemaModule(cwd: string, path: string): Promise<Record<string, unknown>> {
  if (!existsSync(path)) throw new CliError(`Schema file ${path} not found.`);
  return importBundled(cwd, { entryPoints: [path] }, path);
}

/**
 * Imports TypeScript `source` as a module of the app at `cwd`, bundled as {@link loadSchemaModule}
 * bundles the schema: its imports (`convex`, `convex-orm`) are the app's. The CLI itself imports
 * neither, so it runs from anywhere; `what` names the module in an error.
 */
export function loadAppModule(cwd: string, source: string, what: string): Promise<Record<string, unknown>> {
  return importBundled(cwd, { stdin: { contents: source, resolveDir: cwd, loader: 'ts' } }, what);
}

async function importBundled(
  cwd: string,
  entry: Pick<import('esbuild').BuildOptions, 'entryPoints' | 'stdin'>,
  what: string,
): Promise<Record<string, unknown>> {
  const esbuild = await loadEsbuild(cwd);
  let code: string;
  try {
    const result = await esbuild.build({
      ...entry,
      absWorkingDir: cwd,
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      logLevel: 'silent',
    });
    code = result.outputFiles[0]!.text;
  } catch (error) {
    const messages = (error as { errors?: { text: string; location?: { file: string; line: number } }[] }).errors;
    const detail = messages?.map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`);
    throw new CliError(`Cannot bundle ${what}:\n${detail?.join('\n') ?? String(error)}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'convex-orm-schema-'));
  try {
    const file = join(dir, 'schema.mjs');
    writeFileSync(file, code);
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    // Thrown by the module as it ran (a typo in the schema, a table the ORM refuses): name the file.
    throw new CliError(`Cannot load ${what}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The app's schema file: `<functionsDir>/schema.ts`, else `schema.js`. */
export function schemaPath(cwd: string, functionsDir: string): string {
  const base = join(cwd, functionsDir, 'schema');
  return existsSync(`${base}.js`) && !existsSync(`${base}.ts`) ? `${base}.js` : `${base}.ts`;
}

/** A table of a Convex schema's `export()` JSON. */
export interface ExportedTable {
  tableName: string;
  documentType: ValidatorJson;
  indexes: { indexDescriptor: string; fields: string[] }[];
  searchIndexes: { indexDescriptor: string; searchField: string; filterFields: string[] }[];
  vectorIndexes: { indexDescriptor: string; vectorField: string; dimensions: number; filterFields: string[] }[];
  /** Indexes defined with `staged: true` and the `.staged(...)` validator (older `convex` releases export neither). */
  stagedDbIndexes?: { indexDescriptor: string }[];
  stagedSearchIndexes?: { indexDescriptor: string }[];
  stagedVectorIndexes?: { indexDescriptor: string }[];
  stagedDocumentType?: ValidatorJson;
}

/** A Convex schema's `export()` JSON: its tables and whether Convex validates documents against them. */
export interface ExportedSchema {
  tables: ExportedTable[];
  schemaValidation: boolean;
}

/** The module's default export (a Convex `SchemaDefinition`), as Convex pushes it. */
export function exportedSchema(module: Record<string, unknown>, path: string): ExportedSchema {
  const schema = module.default as { export?: () => string } | undefined;
  if (typeof schema?.export !== 'function') {
    throw new CliError(`${path} has no default export from defineSchema(); export the schema as default.`);
  }
  const { tables, schemaValidation } = JSON.parse(schema.export()) as {
    tables: ExportedTable[];
    schemaValidation?: boolean;
  };
  // Convex's default is `true`: only an explicit `false` turns validation off.
  return { tables, schemaValidation: schemaValidation !== false };
}
