// @vitest-environment node
// Every runtime module (src/ but the CLI) loads inside Convex's V8 runtime and under package.json's
// `"sideEffects": false`: it imports no Node built-in and no package but `convex/values` and
// `convex/server` (type-only imports aside), makes no dynamic import, and holds no top-level
// statement other than imports, exports and declarations (a top-level call or assignment would be
// a side effect bundlers may drop). Checked on the sources, each module's statements as written.
// (A claim check from a review of the published package, which checked the emitted modules.)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-5';
import { expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const PACKAGES = /^convex\/(values|server)$/;

function runtimeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(src, 'cli') ? [] : runtimeFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const typeOnly = (statement: ts.ImportDeclaration | ts.ExportDeclaration) =>
  ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly === true : statement.isTypeOnly;

function problemsOf(file: string): string[] {
  const name = relative(src, file);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) {
      const spec = (statement.moduleSpecifier as ts.StringLiteral | undefined)?.text;
      if (spec && !spec.startsWith('.') && !PACKAGES.test(spec) && !typeOnly(statement)) {
        problems.push(`${name}: imports ${spec}`);
      }
      continue;
    }
    const declaration =
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isVariableStatement(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isModuleDeclaration(statement);
    if (!declaration) problems.push(`${name}: top-level ${ts.SyntaxKind[statement.kind]}`);
  }
  for (const match of source.text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]/g))
    problems.push(`${name}: import(${match[1]})`);
  return problems;
}

it('runtime modules import no Node built-in or other package, and run nothing at the top level', () => {
  const files = runtimeFiles(src);
  expect(files.length).toBeGreaterThan(100);
  expect(files.flatMap(problemsOf)).toEqual([]);
});

it('the check sees each kind of problem', () => {
  const probe = (text: string) => {
    const source = ts.createSourceFile('probe.ts', text, ts.ScriptTarget.Latest, true);
    return source.statements.map((statement) => ts.SyntaxKind[statement.kind]);
  };
  expect(probe("import { x } from 'node:fs';\nsetup();\nimport('./late.js');")).toEqual([
    'ImportDeclaration',
    'ExpressionStatement',
    'ExpressionStatement',
  ]);
});
